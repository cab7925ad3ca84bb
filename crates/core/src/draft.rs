//! What the app keeps on the device while a citizen fills a form: the answers, where they were, the
//! submission's idempotency key once they pressed Submit, and receipts of what they sent.

use crate::dossier::Receipt;
use crate::forms::{Answers, FormDef};
use crate::i18n::Localized;
use serde::{Deserialize, Serialize};

/// Storage keys: one draft per procedure, one receipt per dossier code.
pub const DRAFT_PREFIX: &str = "mts.draft.";
pub const RECEIPT_PREFIX: &str = "mts.receipt.";
/// Practice copies (lessons) are kept apart, so "my applications" never lists them.
pub const PRACTICE_PREFIX: &str = "mts.practice.";
/// The lesson step a practice goes back to (not personal data).
pub const PRACTICE_RETURN_KEY: &str = "mts.practice-return";

/// A procedure's real form, or its practice copy from a lesson: the same steps and rules, its own draft
/// and addresses, and nothing is ever sent (files included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormMode {
    #[default]
    Real,
    Practice,
}

impl FormMode {
    /// The address of a step of the form in this mode.
    pub fn step_path(self, procedure_id: &str, step: &str) -> String {
        let segment = match self {
            FormMode::Real => crate::routes::FORM_SEGMENT,
            FormMode::Practice => crate::routes::PRACTICE_SEGMENT,
        };
        format!("{}/{procedure_id}/{segment}/{step}", crate::routes::PROCEDURES)
    }

    /// The mode of a form's address (`/dich-vu-cong/<id>/tap/…` is practice).
    pub fn of_path(path: &str) -> FormMode {
        match path.strip_prefix(crate::routes::PROCEDURES).and_then(|rest| rest.split('/').nth(2)) {
            Some(crate::routes::PRACTICE_SEGMENT) => FormMode::Practice,
            _ => FormMode::Real,
        }
    }

    /// Where the form's draft is kept on the device.
    pub fn draft_key(self, procedure_id: &str) -> String {
        match self {
            FormMode::Real => draft_key(procedure_id),
            FormMode::Practice => format!("{PRACTICE_PREFIX}{procedure_id}"),
        }
    }
}

/// The step address of the check-your-answers page.
pub const CHECK_STEP: &str = "kiem-tra";
/// The step address of the page that ends a practice (in place of the receipt).
pub const PRACTICE_DONE_STEP: &str = "xong";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub procedure_id: String,
    pub procedure_name: Localized,
    pub answers: Answers,
    /// The step the user last opened (a step id or [`CHECK_STEP`]).
    pub step: String,
    /// Milliseconds since 1970, for the drafts list.
    pub saved_at_ms: u64,
    /// Created when the user pressed Submit and kept until the server answered, so a retry after a lost
    /// answer is recognised as the same submission.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// Set when the draft corrects a dossier the office sent back.
    #[serde(default)]
    pub supplement: Option<SupplementFor>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementFor {
    pub code: String,
    /// The dossier's access key (from the receipt kept here, or typed from the paper one).
    pub access_key: String,
}

impl LocalDraft {
    pub fn new(procedure_id: &str, procedure_name: Localized, first_step: &str) -> LocalDraft {
        LocalDraft {
            procedure_id: procedure_id.to_string(),
            procedure_name,
            answers: Answers::new(),
            step: first_step.to_string(),
            saved_at_ms: 0,
            idempotency_key: None,
            supplement: None,
        }
    }

    pub fn key(&self) -> String {
        draft_key(&self.procedure_id)
    }

    /// Whether the user typed anything worth keeping.
    pub fn has_answers(&self) -> bool {
        self.answers.values().any(|v| !v.trim().is_empty())
    }
}

pub fn draft_key(procedure_id: &str) -> String {
    format!("{DRAFT_PREFIX}{procedure_id}")
}

/// A receipt as kept on the device, with the procedure's name for the receipt page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalReceipt {
    pub receipt: Receipt,
    pub procedure_name: Localized,
    /// The corrections of a supplement request, not a new dossier.
    #[serde(default)]
    pub supplement: bool,
    /// The second factor for tracking and paying (the applicant's phone's last 4 digits).
    #[serde(default)]
    pub phone_last4: Option<String>,
}

pub fn receipt_key(code: &str) -> String {
    format!("{RECEIPT_PREFIX}{code}")
}

/// Where the form goes after `step`: the next step, or the check page after the last.
pub fn next_step(def: &FormDef, step: &str) -> String {
    let i = def.steps.iter().position(|s| s.id == step);
    match i.and_then(|i| def.steps.get(i + 1)) {
        Some(next) => next.id.clone(),
        None => CHECK_STEP.to_string(),
    }
}

/// The address of a step of a procedure's (real) form.
pub fn step_path(procedure_id: &str, step: &str) -> String {
    FormMode::Real.step_path(procedure_id, step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::StepDef;

    fn l(s: &str) -> Localized {
        Localized { vi: s.into(), en: s.into() }
    }

    #[test]
    fn steps_lead_to_the_check_page() {
        let def = FormDef {
            steps: ["a", "b"].iter().map(|id| StepDef { id: id.to_string(), title: l(id), fields: vec![] }).collect(),
        };
        assert_eq!(next_step(&def, "a"), "b");
        assert_eq!(next_step(&def, "b"), CHECK_STEP);
        assert_eq!(step_path("khai-sinh", "b"), "/dich-vu-cong/khai-sinh/nop/b");
    }

    #[test]
    fn a_practice_copy_has_its_own_addresses_and_draft() {
        assert_eq!(FormMode::Practice.step_path("khai-sinh", "b"), "/dich-vu-cong/khai-sinh/tap/b");
        assert_eq!(FormMode::Real.draft_key("khai-sinh"), draft_key("khai-sinh"));
        let practice = FormMode::Practice.draft_key("khai-sinh");
        assert_ne!(practice, draft_key("khai-sinh"));
        assert!(!practice.starts_with(DRAFT_PREFIX), "not listed with the real drafts");
        for mode in [FormMode::Real, FormMode::Practice] {
            assert_eq!(FormMode::of_path(&mode.step_path("khai-sinh", "b")), mode);
        }
        assert_eq!(FormMode::of_path("/dich-vu-cong/khai-sinh/tap"), FormMode::Practice);
        assert_eq!(FormMode::of_path("/dich-vu-cong/tap"), FormMode::Real, "a procedure whose id is the segment");
    }

    #[test]
    fn drafts_round_trip_and_old_ones_still_read() {
        let mut d = LocalDraft::new("khai-sinh", l("Khai sinh"), "child");
        assert!(!d.has_answers());
        d.answers.insert("child_name".into(), "An".into());
        d.idempotency_key = Some("k".repeat(20));
        assert!(d.has_answers());
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<LocalDraft>(&json).unwrap(), d);
        // Drafts saved before a field existed still load.
        let old = r#"{"procedure_id":"x","procedure_name":{"vi":"X","en":"X"},"answers":{},"step":"s","saved_at_ms":1}"#;
        assert_eq!(serde_json::from_str::<LocalDraft>(old).unwrap().idempotency_key, None);
        assert_eq!(d.key(), "mts.draft.khai-sinh");
    }
}
