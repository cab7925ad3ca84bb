//! What the app keeps on the device (localStorage, every key under `mts.`): the user's own things, which
//! "delete everything on this device" erases, and two preferences it keeps.

pub const PREFIX: &str = "mts.";
/// The language chosen and the larger-text switch: not personal, and kept.
pub const LANG_KEY: &str = "mts.lang";
pub const LARGE_TEXT_KEY: &str = "mts.large-text";

/// Whether "delete everything on this device" erases this key (drafts, receipts, saved details,
/// practice forms, lesson progress, classes, reports).
pub fn is_users_data(key: &str) -> bool {
    key.starts_with(PREFIX) && key != LANG_KEY && key != LARGE_TEXT_KEY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{draft_key, receipt_key, FormMode, PRACTICE_RETURN_KEY};

    #[test]
    fn everything_of_the_user_is_erased_and_only_the_preferences_stay() {
        let users = [
            draft_key("khai-sinh"),
            FormMode::Practice.draft_key("khai-sinh"),
            PRACTICE_RETURN_KEY.to_string(),
            receipt_key("MTS-261123-0001"),
            crate::profile::PROFILE_KEY.to_string(),
            crate::lessons::PROGRESS_KEY.to_string(),
            crate::classes::TRAINER_KEY.to_string(),
            crate::classes::MEMBERSHIP_KEY.to_string(),
            crate::report_draft::REPORT_DRAFT_KEY.to_string(),
            crate::report_draft::KEPT_REPORTS_KEY.to_string(),
        ];
        for key in users {
            assert!(is_users_data(&key), "{key}");
        }
        for key in [LANG_KEY, LARGE_TEXT_KEY, "another-site.token"] {
            assert!(!is_users_data(key), "{key}");
        }
    }
}
