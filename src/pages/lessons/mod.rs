//! Digital-skills lessons (`/ky-nang-so`): the list with progress, a lesson one step per screen, its
//! quiz with an explanation per answer, and the certificate once every lesson is done. The content is
//! loaded once and kept above the router, so a class with weak Wi-Fi keeps going offline.

mod certificate;
mod class;
mod lesson;
mod list;
mod picture;
mod presenter;
mod quiz;

pub use certificate::CertificatePage;
pub use class::{ClassPage, JoinPage};
pub use lesson::LessonPage;
pub use list::LessonList;
pub use presenter::PresenterPage;
pub use quiz::QuizPage;

use crate::api::{self, ClassBackend};
use crate::components::Loaded;
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::classes::{LearnerProgress, MEMBERSHIP_KEY};
use mytho_core::i18n::{Lang, Msg};
use mytho_core::lessons::{Lessons, Progress, PROGRESS_KEY};
use mytho_core::routes::TUTORIALS;
use std::sync::Arc;

pub const CERTIFICATE: &str = "/ky-nang-so/chung-nhan";
pub const CLASS: &str = "/ky-nang-so/lop-hoc";
pub const JOIN: &str = "/ky-nang-so/vao-lop";

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Membership {
    pub code: String,
    pub learner_id: String,
}

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
    content: Loaded<Lessons>,
    /// Kept on the device (`mts.lessons`) whenever it changes.
    pub progress: RwSignal<Progress>,
    /// The class joined on this device, if any.
    pub membership: RwSignal<Option<Membership>>,
    /// Where the learner is (lesson, step), sent to the class.
    at: RwSignal<(String, u32)>,
    /// Progress the class has not received yet (offline): sent again when the connection is back.
    unsent: RwSignal<bool>,
    backend: StoredValue<Arc<dyn ClassBackend>>,
}

impl LessonStore {
    pub fn provide() {
        let store = LessonStore {
            content: Loaded::new(|| Box::pin(api::load_lessons())),
            progress: RwSignal::new(platform::read_json(PROGRESS_KEY).unwrap_or_default()),
            membership: RwSignal::new(platform::read_json(MEMBERSHIP_KEY)),
            at: RwSignal::new((String::new(), 0)),
            unsent: RwSignal::new(false),
            backend: StoredValue::new(expect_context::<Arc<dyn ClassBackend>>()),
        };
        provide_context(store);
        platform::set_large_text(platform::large_text());
        let online = window_event_listener(leptos::ev::online, move |_| {
            if store.unsent.get_untracked() {
                store.sync();
            }
        });
        on_cleanup(move || online.remove());
    }

    pub fn join(self, membership: Membership) {
        platform::write_json(MEMBERSHIP_KEY, &membership);
        self.membership.set(Some(membership));
    }

    pub fn leave(self) {
        platform::forget(MEMBERSHIP_KEY);
        self.membership.set(None);
    }

    /// The learner opened a lesson's step: the class hears of it.
    pub fn reached(self, lesson: &str, step: u32) {
        self.at.set((lesson.to_string(), step));
        self.sync();
    }

    /// Sends this learner's progress to the class (when in one); kept for later when it fails.
    fn sync(self) {
        let Some(m) = self.membership.get_untracked() else { return };
        let (lesson_id, step) = self.at.get_untracked();
        let scores = self.progress.with_untracked(|p| p.finished.iter().map(|(id, f)| (id.clone(), [f.best as u32, f.of as u32])).collect());
        let progress = LearnerProgress { lesson_id, step, scores };
        let backend = self.backend.get_value();
        leptos::task::spawn_local(async move {
            let sent = backend.send_progress(&m.code, &m.learner_id, &progress).await;
            let _ = self.unsent.try_set(sent.is_err_and(|e| e.is_transient()));
        });
    }

    pub fn record(self, lesson: &str, score: usize, of: usize, passed: bool) {
        self.progress.update(|p| p.record(lesson, score, of, &platform::today().iso(), passed));
        self.progress.with_untracked(|p| platform::write_json(PROGRESS_KEY, p));
        self.sync();
    }
}

/// Draws a page once the lessons are here (a loading note before, an error with Try again).
pub fn with_lessons<V: IntoView + 'static>(page: impl Fn(&Lessons, Lang) -> V + Send + Sync + 'static) -> impl IntoView {
    expect_context::<LessonStore>().content.view(page)
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
                {i18n.text(Msg::LargerText)}
            </button>
        </p>
    }
}

pub fn back_to_lessons(lang: Lang) -> impl IntoView {
    view! { <p><a class="back-link" href=TUTORIALS>{Msg::BackToLessons.text(lang)}</a></p> }
}

/// "You are in class K7M-Q2P" with a way to leave, on every lesson page of a learner in a class.
#[component]
pub fn ClassBanner() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<LessonStore>();
    move || {
        store.membership.get().map(|m| {
            view! {
                <div class="notice" role="status">
                    <p>{i18n.tr(Msg::InClass)} " " <strong>{m.code.clone()}</strong></p>
                    <p><button type="button" class="button button--secondary" on:click=move |_| store.leave()>{i18n.tr(Msg::LeaveClass)}</button></p>
                </div>
            }
        })
    }
}
