//! A content file a bundle loads once and keeps above its router (the guide, the lessons), so its pages
//! work offline once opened.

use super::{LoadError, Loading};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::api::ApiError;
use mytho_core::i18n::Lang;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// How a bundle loads its content file (from `api`).
pub type Load<T> = fn() -> Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

pub struct Loaded<T: Send + Sync + 'static> {
    content: RwSignal<Option<Result<Arc<T>, ApiError>>>,
    load: Load<T>,
}

impl<T: Send + Sync + 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loaded<T> {}

impl<T: Send + Sync + 'static> Loaded<T> {
    /// Starts loading at once.
    pub fn new(load: Load<T>) -> Loaded<T> {
        let loaded = Loaded { content: RwSignal::new(None), load };
        loaded.reload();
        loaded
    }

    fn reload(self) {
        self.content.set(None);
        leptos::task::spawn_local(async move {
            let loaded = (self.load)().await.map(Arc::new);
            self.content.try_set(Some(loaded));
        });
    }

    /// Draws a page once the content is here (a loading note before, an error with Try again).
    pub fn view<V: IntoView + 'static>(self, page: impl Fn(&T, Lang) -> V + Send + Sync + 'static) -> impl IntoView {
        let i18n = use_i18n();
        move || match self.content.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| self.reload())/> }.into_any(),
            Some(Ok(content)) => page(&content, i18n.lang.get()).into_any(),
        }
    }
}
