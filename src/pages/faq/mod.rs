//! The FAQ: a chat that answers on the device, and the full list of questions by topic. The content and
//! the conversation live above the router, so leaving the page and coming back keeps both.

mod all;
mod answer;
mod chat;

pub use all::FaqAll;
pub use chat::FaqChat;

use crate::{api, platform};
use leptos::prelude::*;
use mytho_core::api::ApiError;
use mytho_core::faq::{FaqData, FaqIndex};
use std::sync::Arc;

pub struct Corpus {
    pub data: FaqData,
    pub index: FaqIndex,
}

/// One line of the conversation.
#[derive(Clone)]
pub enum Turn {
    Asked(String),
    /// An answer: the entry's index, and the language the question was written in when that was clear
    /// (an English question on the Vietnamese page is answered in English).
    Answer(usize, Option<mytho_core::i18n::Lang>),
    /// No confident answer: the closest entries instead.
    Decline(Vec<usize>),
}

#[derive(Clone, Copy)]
pub struct FaqStore {
    /// `None` until loaded.
    pub corpus: RwSignal<Option<Result<Arc<Corpus>, ApiError>>>,
    loading: RwSignal<bool>,
    pub turns: RwSignal<Vec<(usize, Turn)>>,
}

impl FaqStore {
    pub fn provide() {
        provide_context(FaqStore {
            corpus: RwSignal::new(None),
            loading: RwSignal::new(false),
            turns: RwSignal::new(Vec::new()),
        });
    }

    pub fn use_store() -> FaqStore {
        expect_context::<FaqStore>()
    }

    /// Starts loading the content the first time an FAQ page opens (never on the first screen).
    pub fn load(self) {
        let needed = matches!(self.corpus.get_untracked(), None | Some(Err(_)));
        if !needed || self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        leptos::task::spawn_local(async move {
            let result = match api::load_faq().await {
                Ok(data) => {
                    // A few entries at a time, giving the page back between them: built at once, the index
                    // is one task of ≈ 100 ms on a slow phone, during which taps and typing wait.
                    let mut builder = FaqIndex::builder(&data);
                    let mut slice_start = platform::now_ms();
                    while builder.step() {
                        if platform::now_ms() - slice_start >= 10 {
                            platform::sleep(0).await;
                            slice_start = platform::now_ms();
                        }
                    }
                    let index = builder.finish();
                    Ok(Arc::new(Corpus { data, index }))
                }
                Err(e) => Err(e),
            };
            self.corpus.try_set(Some(result));
            self.loading.try_set(false);
        });
    }

    pub fn push(self, turn: Turn) -> usize {
        let mut id = 0;
        self.turns.update(|turns| {
            id = turns.len();
            turns.push((id, turn));
        });
        id
    }
}
