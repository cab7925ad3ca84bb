//! The form's draft on the device: loaded when a procedure opens, written at every change, so a reload,
//! a closed tab or a flat battery loses nothing. Deleted on request and after a successful submission.

use crate::platform;
use leptos::prelude::*;
use mytho_core::draft::{draft_key, receipt_key, LocalDraft, LocalReceipt, DRAFT_PREFIX};
use mytho_core::procedures::Procedure;
use mytho_core::profile::{Profile, PROFILE_KEY};

#[derive(Clone, Copy)]
pub struct DraftStore {
    pub draft: RwSignal<LocalDraft>,
    /// Whether a new draft was filled from the details the user keeps on this device.
    pub prefilled: bool,
}

impl DraftStore {
    pub fn open(p: &Procedure) -> DraftStore {
        let mut prefilled = false;
        let draft = read::<LocalDraft>(&draft_key(&p.id)).unwrap_or_else(|| {
            let mut d = LocalDraft::new(&p.id, p.name.clone(), first_step(p));
            if let (Some(profile), Some(form)) = (read::<Profile>(PROFILE_KEY), &p.form) {
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
                    write(&d.key(), &d);
                }
            })
        });
        DraftStore { draft, prefilled }
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
        platform::forget(&draft_key(&p.id));
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
    drafts.sort_by_key(|d| std::cmp::Reverse(d.saved_at_ms));
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
