//! A citizen's report while it is written and until the server has it. The report itself (what, where,
//! the description, the photos) is kept on the device as it is typed, like an application's draft, so a
//! reload loses nothing; the name and phone, a report waiting for the connection, and the list of
//! reports sent are kept only when the citizen ticks the box that asks.

use crate::open311::NewReport;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const REPORT_DRAFT_KEY: &str = "mts.report-draft";
pub const KEPT_REPORTS_KEY: &str = "mts.reports";
/// Reports remembered on the device, newest first.
pub const KEPT_MAX: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportDraft {
    pub service_code: String,
    pub answers: BTreeMap<String, Vec<String>>,
    pub description: String,
    pub photos: Vec<DraftPhoto>,
    /// Latitude, longitude and how far off it may be, in metres.
    pub point: Option<(f64, f64, f64)>,
    /// The point was chosen on the map (not measured by the device).
    pub on_map: bool,
    pub ward: String,
    pub address: String,
    pub name: String,
    pub phone: String,
    /// The citizen agreed to keep this report, their contact with it, on the device.
    pub keep: bool,
    /// Made at the first attempt to send and kept until the server answers: a resend is the same report.
    pub idempotency_key: Option<String>,
    /// Waiting for the connection; sent when it returns.
    pub queued: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftPhoto {
    pub url: String,
    pub name: String,
}

impl ReportDraft {
    /// Nothing worth keeping was typed or chosen.
    pub fn is_blank(&self) -> bool {
        self.service_code.is_empty()
            && self.description.trim().is_empty()
            && self.photos.is_empty()
            && self.point.is_none()
            && self.address.trim().is_empty()
            && self.name.trim().is_empty()
            && self.phone.trim().is_empty()
    }

    /// What may be written to the device: all of it when the citizen agreed; otherwise not the contact
    /// and not the queue (a report waiting without consent waits only while the page is open, and after a
    /// reload it is a draft to send again, under the same key).
    pub fn for_device(&self) -> ReportDraft {
        if self.keep {
            return self.clone();
        }
        ReportDraft { name: String::new(), phone: String::new(), queued: false, ..self.clone() }
    }

    /// The address as sent: what was typed, then the ward ("12 Hùng Vương, Phường Mỹ Tho").
    pub fn address_string(&self) -> String {
        [self.address.trim(), self.ward.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
    }

    pub fn to_report(&self) -> NewReport {
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        NewReport {
            service_code: self.service_code.clone(),
            lat: self.point.map(|p| p.0),
            long: self.point.map(|p| p.1),
            address_string: some(&self.address_string()),
            description: self.description.clone(),
            media_urls: self.photos.iter().map(|p| p.url.clone()).collect(),
            first_name: some(&self.name),
            phone: some(&self.phone),
            attributes: self.answers.clone(),
            ..Default::default()
        }
    }
}

/// A report sent from this device, remembered (with consent) to follow it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptReport {
    pub id: String,
    pub service_name: String,
    /// When it was sent (milliseconds since 1970, the device's clock).
    pub sent_at_ms: f64,
}

/// Adds a sent report at the top of the list, once, keeping the newest [`KEPT_MAX`].
pub fn remember(list: &mut Vec<KeptReport>, report: KeptReport) {
    list.retain(|r| r.id != report.id);
    list.insert(0, report);
    list.truncate(KEPT_MAX);
}

/// Whether a report's address names this ward, written with or without marks ("phuong my tho").
/// The name must stand whole: "Phường Mỹ Tho" is not found in "Phường Mỹ Thới".
pub fn in_ward(address: &str, ward: &str) -> bool {
    let (address, ward) = (words(address), words(ward));
    !ward.is_empty() && address.windows(ward.len()).any(|w| w == ward.as_slice())
}

fn words(s: &str) -> Vec<String> {
    fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft() -> ReportDraft {
        ReportDraft {
            service_code: "den-duong".into(),
            description: "Đèn không sáng".into(),
            address: "12 Hùng Vương".into(),
            ward: "Phường Mỹ Tho".into(),
            name: "Lan".into(),
            phone: "0912345678".into(),
            queued: true,
            idempotency_key: Some("k".repeat(20)),
            ..Default::default()
        }
    }

    #[test]
    fn the_contact_and_the_queue_stay_off_the_device_without_consent() {
        let d = draft();
        let stored = d.for_device();
        assert_eq!((stored.name.as_str(), stored.phone.as_str(), stored.queued), ("", "", false));
        assert_eq!(stored.idempotency_key, d.idempotency_key, "a resend after a reload is still the same report");
        assert_eq!(stored.description, d.description);
        let kept = ReportDraft { keep: true, ..d.clone() };
        assert_eq!(kept.for_device(), kept);
    }

    #[test]
    fn the_ward_follows_the_address_and_empty_parts_are_left_out() {
        let d = draft();
        assert_eq!(d.address_string(), "12 Hùng Vương, Phường Mỹ Tho");
        let r = ReportDraft { address: " ".into(), ..d.clone() }.to_report();
        assert_eq!(r.address_string.as_deref(), Some("Phường Mỹ Tho"));
        let r = ReportDraft { address: String::new(), ward: String::new(), name: " ".into(), ..d }.to_report();
        assert_eq!((r.address_string, r.first_name), (None, None));
        assert!(ReportDraft::default().is_blank());
    }

    #[test]
    fn a_ward_is_found_whole_with_or_without_marks() {
        assert!(in_ward("12 Hùng Vương, Phường Mỹ Tho", "Phường Mỹ Tho"));
        assert!(in_ward("12 hung vuong, phuong my tho", "Phường Mỹ Tho"));
        assert!(!in_ward("Ấp 3, Phường Mỹ Phong", "Phường Mỹ Tho"));
        assert!(!in_ward("Phường Mỹ Thới", "Phường Mỹ Tho"));
        assert!(!in_ward("anything", ""));
    }

    proptest! {
        #[test]
        fn the_list_holds_each_report_once_newest_first(ids in proptest::collection::vec(0u8..30, 0..60)) {
            let mut list = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                remember(&mut list, KeptReport { id: id.to_string(), service_name: String::new(), sent_at_ms: i as f64 });
            }
            prop_assert!(list.len() <= KEPT_MAX);
            let mut seen = std::collections::HashSet::new();
            prop_assert!(list.iter().all(|r| seen.insert(r.id.clone())));
            prop_assert!(list.windows(2).all(|w| w[0].sent_at_ms > w[1].sent_at_ms));
            if let Some(last) = ids.last() {
                prop_assert_eq!(&list[0].id, &last.to_string());
            }
        }

        #[test]
        fn a_ward_named_in_an_address_is_always_found(street in "[a-zA-Z0-9 ]{0,30}", ward in prop::sample::select(vec!["Phường Mỹ Tho", "Phường Đạo Thạnh", "Phường Thới Sơn"])) {
            let address = format!("{street}, {ward}");
            prop_assert!(in_ward(&address, ward));
        }
    }
}
