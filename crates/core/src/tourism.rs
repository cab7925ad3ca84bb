//! Tourism content (`public/tourism.json`, edited by the city): places and events, in every language
//! the app speaks. The captive Wi-Fi page shows the highlights and today's events; the guide shows all.

use crate::i18n::{Lang, Localized};
use crate::validate::Date;
use serde::{Deserialize, Serialize};

/// The former Mỹ Tho city and its islets, with a margin: coordinates outside are a typo.
pub const BOUNDS: ((f64, f64), (f64, f64)) = ((10.30, 106.30), (10.40, 106.43));

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tourism {
    pub places: Vec<Place>,
    pub events: Vec<Event>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: Localized,
    pub description: Localized,
    /// pagoda-church, islet-garden, market-food, museum-relic, street-park, ocop-shop, wifi-spot
    pub category: String,
    pub ward: String,
    #[serde(default)]
    pub address: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Shown on the Wi-Fi welcome page.
    #[serde(default)]
    pub highlight: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub name: Localized,
    pub description: Localized,
    /// `yyyy-mm-dd`, first and last day.
    pub start: String,
    pub end: String,
    pub place: Localized,
}

const CATEGORIES: &[&str] = &["pagoda-church", "islet-garden", "market-food", "museum-relic", "street-park", "ocop-shop", "wifi-spot"];

fn day(s: &str) -> Option<Date> {
    let (y, rest) = s.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    Date::from_parts(d, m, y).ok()
}

impl Tourism {
    pub fn parse(json: &str) -> Result<Tourism, String> {
        serde_json::from_str(json).map_err(|e| format!("tourism.json is not valid: {e}"))
    }

    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ((lat0, lon0), (lat1, lon1)) = BOUNDS;
        for p in &self.places {
            if !(lat0..=lat1).contains(&p.lat) || !(lon0..=lon1).contains(&p.lon) {
                out.push(format!("place {}: coordinates {}, {} are outside Mỹ Tho", p.id, p.lat, p.lon));
            }
            if !CATEGORIES.contains(&p.category.as_str()) {
                out.push(format!("place {}: unknown category {}", p.id, p.category));
            }
            for (what, t) in [("name", &p.name), ("description", &p.description)] {
                if t.vi.trim().is_empty() || t.en.trim().is_empty() {
                    out.push(format!("place {}: {what} is missing a language", p.id));
                }
            }
        }
        for e in &self.events {
            match (day(&e.start), day(&e.end)) {
                (Some(s), Some(t)) if s <= t => {}
                _ => out.push(format!("event {}: start and end must be dates (yyyy-mm-dd), start first", e.id)),
            }
            if e.name.vi.trim().is_empty() || e.name.en.trim().is_empty() {
                out.push(format!("event {}: name is missing a language", e.id));
            }
        }
        out
    }

    /// Events running on `today`.
    pub fn events_on(&self, today: Date) -> Vec<&Event> {
        self.events.iter().filter(|e| matches!((day(&e.start), day(&e.end)), (Some(s), Some(t)) if s <= today && today <= t)).collect()
    }

    /// Events not over yet, soonest first.
    pub fn upcoming(&self, today: Date) -> Vec<&Event> {
        let mut v: Vec<&Event> = self.events.iter().filter(|e| day(&e.end).is_some_and(|t| t >= today)).collect();
        v.sort_by_key(|e| day(&e.start));
        v
    }

    pub fn highlights(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|p| p.highlight)
    }
}

/// A link that opens the phone's map app at a point (geo: URIs, RFC 5870, with the name as label).
pub fn directions_link(place: &Place, lang: Lang) -> String {
    let label: String = place.name.get(lang).chars().map(|c| if c.is_alphanumeric() || c == ' ' { c } else { ' ' }).collect();
    format!("geo:{:.5},{:.5}?q={:.5},{:.5}({})", place.lat, place.lon, place.lat, place.lon, label.trim().replace(' ', "+"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Tourism {
        Tourism::parse(include_str!("../../../public/tourism.json")).unwrap()
    }

    #[test]
    fn the_shipped_content_is_valid() {
        let t = data();
        assert_eq!(t.problems(), Vec::<String>::new());
        assert_eq!(t.highlights().count(), 3);
    }

    #[test]
    fn problems_are_found() {
        let mut t = data();
        t.places[0].lat = 10.9;
        t.events[0].end = "2024-13-01".into();
        assert_eq!(t.problems().len(), 2);
    }

    #[test]
    fn events_by_day() {
        let t = data();
        let during = Date::new(2024, 12, 29).unwrap();
        assert!(t.events_on(during).iter().any(|e| e.id == "le-hoi-hu-tieu-2024"));
        assert!(t.events_on(Date::new(2025, 1, 1).unwrap()).iter().all(|e| e.id != "le-hoi-hu-tieu-2024"));
        assert!(t.upcoming(Date::new(2025, 1, 1).unwrap()).iter().all(|e| e.id != "le-hoi-hu-tieu-2024"), "the past is hidden");
    }

    #[test]
    fn directions_open_the_map_app() {
        let t = data();
        let link = directions_link(&t.places[0], Lang::Vi);
        assert!(link.starts_with("geo:10.") && link.contains("?q="), "{link}");
    }
}
