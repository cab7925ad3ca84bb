//! Today's wards and communes of Đồng Tháp (in force since 2025-07-01) with the units each was formed
//! from, so an address picker accepts the old names people still use ("Phường 5", "xã Thới Sơn") and
//! shows the new ward. Unit codes were reused (28249 once meant Phường 5): store a code with the date of
//! the list it comes from.

use crate::text;
use serde::{Deserialize, Serialize};

pub const WARDS_PATH: &str = "/wards";
/// The list the codes come from.
pub const LIST_DATE: &str = "2025-07-01";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WardData {
    pub source: String,
    pub communes: Vec<Commune>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub code: String,
    pub name: String,
    pub merged_from: Vec<FormerUnit>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormerUnit {
    pub code: String,
    pub name: String,
    /// `full` or `partial` (only part of the old unit went into this one).
    #[serde(rename = "type")]
    pub kind: String,
}

/// A ward found for a query, and the old name it was found by (if not by its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WardMatch {
    pub commune: usize,
    pub via_old_name: Option<String>,
}

/// Words that only say what kind of unit it is.
const UNIT_WORDS: &[&str] = &["phuong", "xa", "thi", "tran", "p", "ward", "commune"];

fn words(s: &str) -> Vec<String> {
    text::tokens(s).into_iter().filter(|w| !UNIT_WORDS.contains(&w.as_str())).collect()
}

/// Every word of the query must appear, whole, in the name (a number such as "5" must match exactly,
/// so "Phường 5" never finds "Phường 15").
fn matches(query: &[String], name: &str) -> bool {
    let name = words(name);
    !query.is_empty() && query.iter().all(|q| name.contains(q))
}

/// Wards whose current name matches first, then those formed from a unit with that old name.
pub fn search(communes: &[Commune], query: &str) -> Vec<WardMatch> {
    let q = words(query);
    let mut out: Vec<WardMatch> =
        communes.iter().enumerate().filter(|(_, c)| matches(&q, &c.name)).map(|(i, _)| WardMatch { commune: i, via_old_name: None }).collect();
    for (i, c) in communes.iter().enumerate() {
        if out.iter().any(|m| m.commune == i) {
            continue;
        }
        if let Some(old) = c.merged_from.iter().find(|u| matches(&q, &u.name)) {
            out.push(WardMatch { commune: i, via_old_name: Some(old.name.clone()) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn data() -> WardData {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../gateway/data/dong-thap-communes-2025.json");
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn names(q: &str) -> Vec<(String, Option<String>)> {
        let d = data();
        search(&d.communes, q).into_iter().map(|m| (d.communes[m.commune].name.clone(), m.via_old_name)).collect()
    }

    #[test]
    fn the_five_wards_of_my_tho_are_there() {
        let d = data();
        assert_eq!(d.communes.len(), 102);
        for (code, name) in [("28261", "Phường Mỹ Tho"), ("28249", "Phường Đạo Thạnh"), ("28273", "Phường Mỹ Phong"), ("28270", "Phường Thới Sơn"), ("28285", "Phường Trung An")] {
            assert!(d.communes.iter().any(|c| c.code == code && c.name == name), "{name}");
        }
    }

    #[test]
    fn old_names_lead_to_the_new_ward() {
        assert_eq!(names("Tân Mỹ Chánh"), vec![("Phường Mỹ Phong".to_string(), Some("Xã Tân Mỹ Chánh".to_string()))]);
        assert_eq!(names("xa phuoc thanh")[0].0, "Phường Trung An");
        // Thới Sơn is today's ward, and also the old commune it absorbed: one result, by its own name.
        assert_eq!(names("thoi son"), vec![("Phường Thới Sơn".to_string(), None)]);
        // "Phường 5" existed in several towns: every ward formed from one is offered, Đạo Thạnh among them.
        let p5 = names("Phường 5");
        assert!(p5.len() > 1 && p5.iter().any(|(n, _)| n == "Phường Đạo Thạnh"), "{p5:?}");
        assert!(p5.iter().all(|(_, old)| old.as_deref() == Some("Phường 5")));
        assert!(names("Phường 15").iter().all(|(_, old)| old.as_deref() != Some("Phường 5")));
        assert!(names("").is_empty());
    }

    #[test]
    fn the_citys_own_wards_come_first() {
        let d = data();
        let mut hits: Vec<WardHit> = search(&d.communes, "Phường 5")
            .into_iter()
            .map(|m| WardHit { code: d.communes[m.commune].code.clone(), name: d.communes[m.commune].name.clone(), via_old_name: m.via_old_name, list_date: LIST_DATE.into(), home: false })
            .collect();
        let home: Vec<String> = ["28261", "28249", "28273", "28270", "28285"].map(String::from).to_vec();
        home_first(&mut hits, &home);
        assert_eq!((hits[0].name.as_str(), hits[0].home), ("Phường Đạo Thạnh", true));
        assert!(hits[1..].iter().all(|h| !h.home), "{hits:?}");
    }

    proptest! {
        #[test]
        fn search_never_panics(q in "\\PC{0,20}") {
            let d = data();
            let _ = search(&d.communes, &q);
        }
    }
}

/// One line of `GET /api/v1/wards?q=…`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WardHit {
    pub code: String,
    pub name: String,
    /// The old unit the query matched, to say "Phường 5 is now part of Phường Đạo Thạnh".
    pub via_old_name: Option<String>,
    /// The date of the list the code belongs to.
    pub list_date: String,
    /// One of the city's own wards (`config.json`'s `home`): offered first.
    #[serde(default)]
    pub home: bool,
}

/// Puts the city's own wards first, keeping the order within each group.
pub fn home_first(hits: &mut [WardHit], home: &[String]) {
    for h in hits.iter_mut() {
        h.home = home.contains(&h.code);
    }
    crate::order::sort_by_key(hits, |h| !h.home);
}
