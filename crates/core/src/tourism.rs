//! Tourism content (`public/tourism.json`, edited by the city): places, events, local (OCOP) products,
//! suggested itineraries and the map sketch, in every language the city writes. The captive Wi-Fi page
//! shows the highlights and today's events; the guide (`/du-lich`) shows all.

use crate::i18n::Lang;
use crate::validate::Date;
use serde::{Deserialize, Serialize};

/// The former Mỹ Tho city and its islets, with a margin: coordinates outside are a typo.
pub const BOUNDS: ((f64, f64), (f64, f64)) = ((10.30, 106.30), (10.40, 106.43));

pub use crate::i18n::Texts;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tourism {
    pub places: Vec<Place>,
    pub events: Vec<Event>,
    /// What OCOP is, for visitors.
    #[serde(default)]
    pub ocop_intro: Texts,
    #[serde(default)]
    pub products: Vec<Product>,
    #[serde(default)]
    pub itineraries: Vec<Itinerary>,
    #[serde(default)]
    pub map: MapSketch,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    pub name: Texts,
    pub description: Texts,
    /// One of [`CATEGORIES`].
    pub category: String,
    pub ward: String,
    #[serde(default)]
    pub address: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Opening hours, where known.
    #[serde(default)]
    pub hours: Option<Texts>,
    /// Shown on the Wi-Fi welcome page.
    #[serde(default)]
    pub highlight: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub name: Texts,
    pub description: Texts,
    /// `yyyy-mm-dd`, first and last day (a regular event: the season it runs).
    pub start: String,
    pub end: String,
    pub place: Texts,
    /// When it happens within those days ("Tối thứ Bảy và Chủ nhật").
    #[serde(default)]
    pub when: Option<Texts>,
}

/// A local product (OCOP: "One Commune One Product", rated 3 to 5 stars by the province).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    pub name: Texts,
    pub description: Texts,
    pub where_to_buy: Texts,
    /// The place (by id) where it is made or sold, when it is one of the guide's places.
    #[serde(default)]
    pub place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Itinerary {
    pub id: String,
    pub name: Texts,
    pub duration: Texts,
    pub description: Texts,
    /// Place ids, in visiting order.
    pub stops: Vec<String>,
}

/// The map the app draws itself (no tile server): the frame it shows, water, land in the water (islets)
/// and main roads, as `[lat, lon]` points. A sketch: the city may replace it with surveyed outlines.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapSketch {
    /// South-west and north-east corners, `[lat, lon]`.
    pub frame: [[f64; 2]; 2],
    pub water: Vec<Vec<[f64; 2]>>,
    pub islets: Vec<Vec<[f64; 2]>>,
    pub roads: Vec<Road>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Road {
    pub name: Texts,
    pub points: Vec<[f64; 2]>,
}

pub const CATEGORIES: &[&str] = &["pagoda-church", "islet-garden", "market-food", "museum-relic", "street-park", "ocop-shop", "wifi-spot"];

fn day(s: &str) -> Option<Date> {
    Date::parse_iso(s)
}

/// The cosine of a latitude (degrees, −90…90) by its Taylor series to the x¹⁴ term: error below 1e-9
/// there, and no libm `cos` (≈ 7 KB of wasm with its range reduction) in the bundles that draw maps.
pub fn cos_of_latitude(degrees: f64) -> f64 {
    let x = degrees.to_radians();
    let x2 = x * x;
    // 1 − x²/2! + x⁴/4! − …, each term from the one before it.
    let (mut term, mut sum) = (1.0, 1.0);
    for n in 1..=7 {
        term *= -x2 / f64::from((2 * n - 1) * 2 * n);
        sum += term;
    }
    sum
}

/// Only the sketch from the guide's content file: the reports pages draw it and need nothing else
/// (reading the whole guide would put its decoding in their bundle too).
#[derive(Deserialize)]
pub struct GuideSketch {
    #[serde(default)]
    pub map: MapSketch,
}

impl MapSketch {
    pub fn from_guide(json: &str) -> Result<MapSketch, String> {
        serde_json::from_str::<GuideSketch>(json).map(|g| g.map).map_err(|e| format!("tourism.json is not valid: {e}"))
    }

    /// The drawing's size for a given width: east–west distances shrink with the cosine of the latitude.
    pub fn size(&self, width: f64) -> (f64, f64) {
        let [[lat0, lon0], [lat1, lon1]] = self.frame;
        let shrink = cos_of_latitude((lat0 + lat1) / 2.0);
        (width, width * (lat1 - lat0) / ((lon1 - lon0) * shrink))
    }

    /// Where a point falls on a drawing `width` wide (x to the east, y down).
    pub fn project(&self, [lat, lon]: [f64; 2], width: f64) -> (f64, f64) {
        let [[lat0, lon0], [lat1, lon1]] = self.frame;
        let (w, h) = self.size(width);
        ((lon - lon0) / (lon1 - lon0) * w, (lat1 - lat) / (lat1 - lat0) * h)
    }

    /// The point under a spot of the drawing (the inverse of [`MapSketch::project`]): a tap on the map.
    pub fn unproject(&self, (x, y): (f64, f64), width: f64) -> [f64; 2] {
        let [[lat0, lon0], [lat1, lon1]] = self.frame;
        let (w, h) = self.size(width);
        [lat1 - y / h * (lat1 - lat0), lon0 + x / w * (lon1 - lon0)]
    }

    /// How many metres one drawing unit spans on the ground (north–south), for a tap's accuracy.
    pub fn metres_per_unit(&self, width: f64) -> f64 {
        let [[lat0, _], [lat1, _]] = self.frame;
        (lat1 - lat0) * 111_320.0 / self.size(width).1
    }

    pub fn contains(&self, [lat, lon]: [f64; 2]) -> bool {
        let [[lat0, lon0], [lat1, lon1]] = self.frame;
        (lat0..=lat1).contains(&lat) && (lon0..=lon1).contains(&lon)
    }
}

impl Tourism {
    pub fn parse(json: &str) -> Result<Tourism, String> {
        serde_json::from_str(json).map_err(|e| format!("tourism.json is not valid: {e}"))
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut texts: Vec<(String, &Texts)> = Vec::new();
        let ((lat0, lon0), (lat1, lon1)) = BOUNDS;
        for p in &self.places {
            if !(lat0..=lat1).contains(&p.lat) || !(lon0..=lon1).contains(&p.lon) {
                out.push(format!("place {}: coordinates {}, {} are outside Mỹ Tho", p.id, p.lat, p.lon));
            } else if !self.map.contains([p.lat, p.lon]) {
                out.push(format!("place {}: outside the map's frame", p.id));
            }
            if !CATEGORIES.contains(&p.category.as_str()) {
                out.push(format!("place {}: unknown category {}", p.id, p.category));
            }
            if self.places.iter().filter(|q| q.id == p.id).count() > 1 {
                out.push(format!("place {}: id used twice", p.id));
            }
            texts.extend([(format!("place {} name", p.id), &p.name), (format!("place {} description", p.id), &p.description)]);
            texts.extend(p.hours.iter().map(|h| (format!("place {} hours", p.id), h)));
        }
        for e in &self.events {
            match (day(&e.start), day(&e.end)) {
                (Some(s), Some(t)) if s <= t => {}
                _ => out.push(format!("event {}: start and end must be dates (yyyy-mm-dd), start first", e.id)),
            }
            texts.extend([(format!("event {} name", e.id), &e.name), (format!("event {} description", e.id), &e.description)]);
            texts.push((format!("event {} place", e.id), &e.place));
            texts.extend(e.when.iter().map(|w| (format!("event {} when", e.id), w)));
        }
        if !self.products.is_empty() {
            texts.push(("ocop_intro".into(), &self.ocop_intro));
        }
        for p in &self.products {
            texts.extend([(format!("product {} name", p.id), &p.name), (format!("product {} description", p.id), &p.description)]);
            texts.push((format!("product {} where_to_buy", p.id), &p.where_to_buy));
            if let Some(place) = p.place.as_ref().filter(|id| self.place(id).is_none()) {
                out.push(format!("product {}: unknown place {place}", p.id));
            }
        }
        for it in &self.itineraries {
            texts.extend([(format!("itinerary {} name", it.id), &it.name), (format!("itinerary {} description", it.id), &it.description)]);
            texts.push((format!("itinerary {} duration", it.id), &it.duration));
            if it.stops.is_empty() {
                out.push(format!("itinerary {}: no stops", it.id));
            }
            for stop in it.stops.iter().filter(|id| self.place(id).is_none()) {
                out.push(format!("itinerary {}: unknown place {stop}", it.id));
            }
        }
        for road in &self.map.roads {
            texts.push(("map road name".into(), &road.name));
        }
        let points = self.map.water.iter().chain(&self.map.islets).flatten().chain(self.map.roads.iter().flat_map(|r| &r.points));
        if points.clone().any(|&[lat, lon]| !(lat0..=lat1).contains(&lat) || !(lon0..=lon1).contains(&lon)) {
            out.push("map: a point is outside Mỹ Tho".into());
        }
        let [[f_lat0, f_lon0], [f_lat1, f_lon1]] = self.map.frame;
        if !(f_lat0 < f_lat1 && f_lon0 < f_lon1) {
            out.push("map: the frame needs its south-west corner first".into());
        }
        for (what, t) in texts {
            if !t.complete() {
                out.push(format!("{what}: Vietnamese and English are both needed"));
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
        crate::order::sort_by_key(&mut v, |e| day(&e.start));
        v
    }

    pub fn highlights(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|p| p.highlight)
    }
}

/// A link that opens the phone's map app at a point (geo: URIs, RFC 5870, with the name as label).
pub fn directions_link(place: &Place, lang: Lang) -> String {
    let label: String = place.name.get(lang).chars().map(|c| if c.is_alphanumeric() || c == ' ' { c } else { ' ' }).collect();
    let at = format!("{},{}", crate::text::decimal(place.lat, 5), crate::text::decimal(place.lon, 5));
    format!("geo:{at}?q={at}({})", label.trim().replace(' ', "+"))
}

/// The same point on a map web page, for phones that do not open `geo:` links (iPhones, most desktop
/// browsers): OpenStreetMap, which needs no account or key.
pub fn map_page_link(place: &Place) -> String {
    let (lat, lon) = (crate::text::decimal(place.lat, 5), crate::text::decimal(place.lon, 5));
    format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
}

/// Marker centres (pixels on a map `width` × `height`) moved apart until no two are closer than `min`
/// and none is nearer an edge than `edge`: close places stay near their spots and every marker can be
/// tapped on its own. Deterministic, so the map looks the same on every visit.
pub fn spread_markers(points: &[(f64, f64)], min: f64, width: f64, height: f64, edge: f64) -> Vec<(f64, f64)> {
    // max-then-min, not f64::clamp: its "min > max" panic message formats floats (11 KB of wasm).
    let clamp = |(x, y): (f64, f64)| (x.max(edge).min((width - edge).max(edge)), y.max(edge).min((height - edge).max(edge)));
    let mut p: Vec<(f64, f64)> = points.iter().copied().map(clamp).collect();
    for _ in 0..200 {
        let mut moved = false;
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                let (dx, dy) = (p[j].0 - p[i].0, p[j].1 - p[i].1);
                let d = (dx * dx + dy * dy).sqrt();
                if d >= min {
                    continue;
                }
                // Apart along the line between them (or sideways when they coincide), half each.
                let (ux, uy) = if d > 1e-6 { (dx / d, dy / d) } else { (1.0, 0.0) };
                let push = (min - d) / 2.0 + 0.01;
                p[i] = clamp((p[i].0 - ux * push, p[i].1 - uy * push));
                p[j] = clamp((p[j].0 + ux * push, p[j].1 + uy * push));
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    p
}

impl MapSketch {
    /// The part of the drawing (`x`, `y`, width, height on a drawing `width` wide) that holds every place
    /// with `margin` around it, so the map fits a phone's screen with every marker in sight.
    pub fn frame_of(&self, places: &[Place], width: f64, margin: f64) -> (f64, f64, f64, f64) {
        let at: Vec<[f64; 2]> = places.iter().map(|p| [p.lat, p.lon]).collect();
        self.frame_around(&at, width, margin)
    }

    /// The part of the drawing that holds these points (`[lat, lon]`) with `margin` around them; the
    /// whole drawing when there are none.
    pub fn frame_around(&self, at: &[[f64; 2]], width: f64, margin: f64) -> (f64, f64, f64, f64) {
        let (w, h) = self.size(width);
        let points: Vec<(f64, f64)> = at.iter().map(|p| self.project(*p, width)).collect();
        if points.is_empty() {
            return (0.0, 0.0, w, h);
        }
        let fold = |f: fn(f64, f64) -> f64, start: f64, pick: fn(&(f64, f64)) -> f64| points.iter().map(pick).fold(start, f);
        let (x0, x1) = (fold(f64::min, w, |p| p.0), fold(f64::max, 0.0, |p| p.0));
        let (y0, y1) = (fold(f64::min, h, |p| p.1), fold(f64::max, 0.0, |p| p.1));
        let (x0, y0) = ((x0 - margin).max(0.0), (y0 - margin).max(0.0));
        let (x1, y1) = ((x1 + margin).min(w), (y1 + margin).min(h));
        (x0, y0, x1 - x0, y1 - y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markers_are_spread_until_none_overlaps_and_none_leaves_the_map() {
        let t = data();
        let (x0, y0, w, h) = t.map.frame_of(&t.places, 800.0, 30.0);
        for width in [288.0, 358.0, 926.0] {
            let height = width * h / w;
            let points: Vec<(f64, f64)> = t.places.iter().map(|p| {
                let (x, y) = t.map.project([p.lat, p.lon], 800.0);
                ((x - x0) / w * width, (y - y0) / h * height)
            }).collect();
            let spread = spread_markers(&points, 32.0, width, height, 16.0);
            for (i, a) in spread.iter().enumerate() {
                assert!(a.0 >= 16.0 && a.0 <= width - 16.0 && a.1 >= 16.0 && a.1 <= height - 16.0, "{width}: {a:?}");
                for b in &spread[i + 1..] {
                    let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    assert!(d >= 31.9, "{width}: {a:?} {b:?} {d}");
                }
            }
        }
        // Markers already apart are left where they are.
        assert_eq!(spread_markers(&[(50.0, 50.0), (150.0, 50.0)], 32.0, 300.0, 100.0, 16.0), vec![(50.0, 50.0), (150.0, 50.0)]);
    }

    #[test]
    fn the_map_frame_holds_every_place_and_the_universal_link_names_the_point() {
        let t = data();
        let (x, y, w, h) = t.map.frame_of(&t.places, 800.0, 40.0);
        let (full_w, full_h) = t.map.size(800.0);
        assert!(w < full_w, "the empty parts of the sketch are left out");
        for p in &t.places {
            let (px, py) = t.map.project([p.lat, p.lon], 800.0);
            assert!(px >= x && px <= x + w && py >= y && py <= y + h, "{}", p.id);
        }
        assert!(x >= 0.0 && y >= 0.0 && x + w <= full_w + 1e-9 && y + h <= full_h + 1e-9);
        let link = map_page_link(&t.places[0]);
        assert!(link.starts_with("https://www.openstreetmap.org/?mlat=10.") && link.contains("#map=17/10."), "{link}");
    }

    const GUIDE: &str = include_str!("../../../public/tourism.json");

    fn data() -> Tourism {
        Tourism::parse(GUIDE).unwrap()
    }

    #[test]
    fn the_sketch_alone_is_the_guide_s_sketch() {
        let map = MapSketch::from_guide(GUIDE).unwrap();
        assert!(!map.water.is_empty() && !map.roads.is_empty());
        assert_eq!(map, data().map);
        assert!(MapSketch::from_guide(r#"{"map": {"frame": 1}}"#).is_err());
    }

    #[test]
    fn the_shipped_content_is_valid_and_complete() {
        let t = data();
        assert_eq!(t.problems(), Vec::<String>::new());
        assert_eq!(t.highlights().count(), 3);
        assert!(t.places.len() >= 15, "at least 15 places");
        for category in ["pagoda-church", "islet-garden", "market-food", "museum-relic", "street-park", "ocop-shop"] {
            assert!(t.places.iter().any(|p| p.category == category), "a place of category {category}");
        }
        assert!(t.itineraries.len() >= 2 && !t.products.is_empty());
    }

    #[test]
    fn problems_are_found() {
        let mut t = data();
        t.places[0].lat = 10.9;
        t.events[0].end = "2024-13-01".into();
        t.places[1].description.0.remove("en");
        t.itineraries[0].stops.push("khong-co".into());
        assert_eq!(t.problems().len(), 4, "{:?}", t.problems());
    }

    #[test]
    fn more_languages_need_no_code() {
        let mut name = Texts::default();
        name.0.insert("vi".into(), "Chợ Mỹ Tho".into());
        name.0.insert("en".into(), "My Tho Market".into());
        name.0.insert("ko".into(), "미토 시장".into());
        assert!(name.complete());
        assert_eq!(name.get(Lang::En), "My Tho Market");
        let json = serde_json::to_string(&name).unwrap();
        assert!(json.contains("\"ko\""), "kept: {json}");
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

    #[test]
    fn the_map_keeps_north_up_and_distances_true() {
        let map = data().map;
        let (w, h) = map.size(1000.0);
        let [[lat0, lon0], [lat1, lon1]] = map.frame;
        assert_eq!(map.project([lat1, lon0], 1000.0), (0.0, 0.0));
        let (x, y) = map.project([lat0, lon1], 1000.0);
        assert!((x - w).abs() < 1e-9 && (y - h).abs() < 1e-9);
        // A kilometre is as long east–west as north–south (≈ 0.009° of latitude).
        let (_, y_km) = map.project([lat1 - 1.0 / 111.32, lon0], w);
        let (x_km, _) = map.project([lat1, lon0 + 1.0 / (111.32 * ((lat0 + lat1) / 2.0).to_radians().cos())], w);
        assert!((x_km - y_km).abs() < 0.01 * y_km, "{x_km} {y_km}");
    }

    proptest! {
        #[test]
        fn cosine_of_any_latitude(lat in -90.0f64..=90.0) {
            prop_assert!((cos_of_latitude(lat) - lat.to_radians().cos()).abs() < 1e-9);
        }

        #[test]
        fn a_tap_gives_back_the_point_drawn_there(lat in 10.325f64..10.372, lon in 106.34f64..106.4, width in 200f64..2000.0) {
            let m = data().map;
            let [la, lo] = m.unproject(m.project([lat, lon], width), width);
            prop_assert!((la - lat).abs() < 1e-9 && (lo - lon).abs() < 1e-9);
            prop_assert!(m.contains([la, lo]));
        }

        #[test]
        fn points_in_the_frame_land_on_the_drawing(a in 0.0f64..=1.0, b in 0.0f64..=1.0, width in 100.0f64..2000.0) {
            let map = data().map;
            let [[lat0, lon0], [lat1, lon1]] = map.frame;
            let (x, y) = map.project([lat0 + a * (lat1 - lat0), lon0 + b * (lon1 - lon0)], width);
            let (w, h) = map.size(width);
            prop_assert!((-1e-6..=w + 1e-6).contains(&x) && (-1e-6..=h + 1e-6).contains(&y));
        }
    }
}
