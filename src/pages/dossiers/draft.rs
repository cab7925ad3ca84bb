//! The form's draft on the device: loaded when a procedure opens, written at every change, so a reload,
//! a closed tab or a flat battery loses nothing. Deleted on request and after a successful submission.

use crate::platform;
use leptos::prelude::*;
use mytho_core::draft::{draft_key, receipt_key, FormMode, LocalDraft, LocalReceipt, DRAFT_PREFIX};
use mytho_core::procedures::Procedure;
use mytho_core::profile::{Profile, PROFILE_KEY};

#[derive(Clone, Copy)]
pub struct DraftStore {
    pub draft: RwSignal<LocalDraft>,
    /// Whether a new draft was filled from the details the user keeps on this device.
    pub prefilled: bool,
    /// The real form or its practice copy (never filled from the user's details, never sent).
    pub mode: FormMode,
}

impl DraftStore {
    pub fn open(p: &Procedure, mode: FormMode) -> DraftStore {
        let mut prefilled = false;
        let key = mode.draft_key(&p.id);
        let draft = read::<LocalDraft>(&key).unwrap_or_else(|| {
            let mut d = LocalDraft::new(&p.id, p.name.clone(), first_step(p));
            if let (Some(profile), Some(form), FormMode::Real) = (read::<Profile>(PROFILE_KEY), &p.form, mode) {
                prefilled = profile.fill(form, &mut d.answers);
            }
            d
        });
        let draft = RwSignal::new(draft);
        Effect::new(move |_| {
            draft.with(|d| {
                if d.has_answers() || d.supplement.is_some() {
                    let mut d = d.clone();
                    d.saved_at_ms = platform::now_ms();
                    write(&key, &d);
                }
            })
        });
        DraftStore { draft, prefilled, mode }
    }

    /// The practice copy of a form (lessons): never filled from saved details, never sent.
    pub fn is_practice(self) -> bool {
        self.mode == FormMode::Practice
    }

    /// The address of a step of this form (real or practice).
    pub fn step_path(self, procedure_id: &str, step: &str) -> String {
        self.mode.step_path(procedure_id, step)
    }

    pub fn set_answer(self, key: &str, value: String) {
        self.draft.update(|d| {
            d.answers.insert(key.to_string(), value);
        });
    }

    pub fn answer(self, key: &str) -> String {
        self.draft.with_untracked(|d| d.answers.get(key).cloned().unwrap_or_default())
    }

    /// Forgets the draft on this device and starts an empty one.
    pub fn delete(self, p: &Procedure) {
        platform::forget(&self.mode.draft_key(&p.id));
        self.draft.set(LocalDraft::new(&p.id, p.name.clone(), first_step(p)));
    }
}

fn first_step(p: &Procedure) -> &str {
    p.form.as_ref().and_then(|f| f.steps.first()).map_or("", |s| s.id.as_str())
}

pub use platform::{read_json as read, write_json as write};

/// Every draft on this device, newest first.
pub fn all_drafts() -> Vec<LocalDraft> {
    let mut drafts: Vec<LocalDraft> = platform::stored_keys(DRAFT_PREFIX).iter().filter_map(|k| read(k)).collect();
    mytho_core::order::sort_by_key(&mut drafts, |d| std::cmp::Reverse(d.saved_at_ms));
    drafts
}

/// The user's saved details, only when they ticked the box that asks.
pub fn keep_profile(profile: &Profile) {
    if !profile.is_empty() {
        write(PROFILE_KEY, profile);
    }
}

/// After the server accepted it: the receipt is kept, the draft is gone.
pub fn keep_receipt(receipt: &LocalReceipt) {
    write(&receipt_key(&receipt.receipt.code), receipt);
    platform::forget(&draft_key(&receipt.receipt.procedure_id));
}
