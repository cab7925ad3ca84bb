//! What the app keeps on the device while a citizen fills a form: the answers, where they were, the
//! submission's idempotency key once they pressed Submit, and receipts of what they sent.

use crate::dossier::Receipt;
use crate::forms::{Answers, FormDef};
use crate::i18n::Localized;
use serde::{Deserialize, Serialize};

/// Storage keys: one draft per procedure, one receipt per dossier code.
pub const DRAFT_PREFIX: &str = "mts.draft.";
pub const RECEIPT_PREFIX: &str = "mts.receipt.";

/// The step address of the check-your-answers page.
pub const CHECK_STEP: &str = "kiem-tra";

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
    pub phone_last4: String,
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

/// The address of a step of a procedure's form.
pub fn step_path(procedure_id: &str, step: &str) -> String {
    format!("{}/{procedure_id}/{}/{step}", crate::routes::PROCEDURES, crate::routes::FORM_SEGMENT)
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
