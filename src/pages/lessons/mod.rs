//! Digital-skills lessons (`/ky-nang-so`): the list with progress, a lesson one step per screen, its
//! quiz with an explanation per answer, and the certificate once every lesson is done. The content is
//! loaded once and kept above the router, so a class with weak Wi-Fi keeps going offline.

mod certificate;
mod lesson;
mod list;
mod picture;
mod presenter;
mod quiz;

pub use certificate::CertificatePage;
pub use lesson::LessonPage;
pub use list::LessonList;
pub use presenter::PresenterPage;
pub use quiz::QuizPage;

use crate::api;
use crate::components::{LoadError, Loading};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::api::ApiError;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::lessons::{Lessons, Progress, PROGRESS_KEY};
use mytho_core::routes::TUTORIALS;
use std::sync::Arc;

pub const CERTIFICATE: &str = "/ky-nang-so/chung-nhan";

pub fn lesson_path(id: &str) -> String {
    format!("{TUTORIALS}/{id}")
}

pub fn presenter_path(id: &str) -> String {
    format!("{TUTORIALS}/{id}/trinh-chieu")
}

pub fn quiz_path(id: &str) -> String {
    format!("{TUTORIALS}/{id}/kiem-tra")
}

#[derive(Clone, Copy)]
pub struct LessonStore {
    content: RwSignal<Option<Result<Arc<Lessons>, ApiError>>>,
    /// Kept on the device (`mts.lessons`) whenever it changes.
    pub progress: RwSignal<Progress>,
}

impl LessonStore {
    pub fn provide() {
        let store = LessonStore { content: RwSignal::new(None), progress: RwSignal::new(platform::read_json(PROGRESS_KEY).unwrap_or_default()) };
        provide_context(store);
        platform::set_large_text(platform::large_text());
        store.load();
    }

    fn load(self) {
        self.content.set(None);
        leptos::task::spawn_local(async move {
            let loaded = api::load_lessons().await.map(Arc::new);
            self.content.try_set(Some(loaded));
        });
    }

    pub fn record(self, lesson: &str, score: usize, of: usize) {
        self.progress.update(|p| p.record(lesson, score, of, &platform::today().iso()));
        self.progress.with_untracked(|p| platform::write_json(PROGRESS_KEY, p));
    }
}

/// Draws a page once the lessons are here (a loading note before, an error with Try again).
pub fn with_lessons<V: IntoView + 'static>(page: impl Fn(&Lessons, Lang) -> V + Send + Sync + 'static) -> impl IntoView {
    let store = expect_context::<LessonStore>();
    let i18n = use_i18n();
    move || match store.content.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| store.load())/> }.into_any(),
        Some(Ok(content)) => page(&content, i18n.lang.get()).into_any(),
    }
}

/// The larger-text switch (a toggle button, its state read out).
#[component]
pub fn LargeTextSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(platform::large_text());
    view! {
        <p>
            <button type="button" class="button button--secondary" aria-pressed=move || on.get().to_string()
                on:click=move |_| {
                    on.update(|v| *v = !*v);
                    platform::set_large_text(on.get_untracked());
                }>
                {move || i18n.tr(Msg::LargerText)}
            </button>
        </p>
    }
}

pub fn back_to_lessons(lang: Lang) -> impl IntoView {
    view! { <p><a class="back-link" href=TUTORIALS>{Msg::BackToLessons.text(lang)}</a></p> }
}
