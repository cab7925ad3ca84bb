//! A procedure's form as practice for a lesson ("Thử ngay"): the same steps and rules on their own
//! addresses and draft, files checked on the device only, and an end page in place of the submission.

use super::draft::DraftStore;
use crate::components::{use_page_title};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use mytho_core::draft::PRACTICE_RETURN_KEY;
use mytho_core::i18n::Msg;
use mytho_core::procedures::Procedure;
use mytho_core::routes::{practice_return, stored_lesson_return, LESSON_QUERY, LESSON_STEP_QUERY};
use std::sync::Arc;

/// The lesson step that opened the practice (kept from its first address), else the lessons' list.
pub fn lesson_return() -> String {
    stored_lesson_return(platform::stored(PRACTICE_RETURN_KEY).as_deref())
}

/// `/dich-vu-cong/<id>/tap?bai=…&buoc=…`, the way in from a lesson: remembers the lesson step, then
/// opens the practice where the learner left it.
#[component]
pub fn PracticeStart() -> impl IntoView {
    let store = expect_context::<DraftStore>();
    let p = expect_context::<Arc<Procedure>>();
    let query = use_query_map();
    let navigate = use_navigate();
    // Only a procedure with an online form can be practised.
    if p.form.is_none() {
        return view! { <crate::pages::NotFound/> }.into_any();
    }
    Effect::new(move |_| {
        let back = query.with_untracked(|q| practice_return(q.get(LESSON_QUERY).as_deref(), q.get(LESSON_STEP_QUERY).as_deref()));
        platform::store(PRACTICE_RETURN_KEY, &back);
        let step = store.draft.with_untracked(|d| d.step.clone());
        navigate(&store.step_path(&p.id, &step), NavigateOptions { replace: true, ..Default::default() });
    });
    ().into_any()
}

/// On every page of a practice: what it is, and the way back to the lesson.
pub fn practice_banner(store: DraftStore) -> impl IntoView {
    let i18n = use_i18n();
    store.is_practice().then(|| {
        let back = lesson_return();
        view! {
            <div class="notice practice-banner">
                <p>{i18n.text(Msg::PracticeBanner)}</p>
                <p><a href=back.clone()>{i18n.text(Msg::PracticeBack)}</a></p>
            </div>
        }
    })
}

/// In place of the receipt: the practice went through, nothing was sent, and what next.
#[component]
pub fn PracticeDone() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<DraftStore>();
    let p = expect_context::<Arc<Procedure>>();
    use_page_title(move || i18n.tr(Msg::PracticeDoneTitle).to_string());
    Effect::new(move |_| platform::focus("step-heading"));
    let first = p.form.as_ref().and_then(|f| f.steps.first()).map(|s| store.step_path(&p.id, &s.id)).unwrap_or_default();
    let back = lesson_return();
    let name = p.name.clone();
    view! {
        <div class="panel panel--confirmation">
            <h1 class="panel__title" id="step-heading" tabindex="-1">{i18n.text(Msg::PracticeDoneTitle)}</h1>
            <p class="panel__body">{move || name.get(i18n.lang.get()).to_string()}</p>
        </div>
        <p>{i18n.text(Msg::PracticeDoneText)}</p>
        <p><a class="button" href=back.clone()>{i18n.text(Msg::PracticeBack)}</a></p>
        <p><a href=first>{i18n.text(Msg::PracticeAgain)}</a></p>
    }
}
