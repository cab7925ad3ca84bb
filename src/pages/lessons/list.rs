use super::{lesson_path, with_lessons, LargeTextSwitch, LessonStore, CERTIFICATE, CLASS, JOIN};
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::i18n::Msg;

/// Every lesson with what it teaches and, when done, its best quiz score; the certificate at the end.
#[component]
pub fn LessonList() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<LessonStore>();
    use_page_title(move || i18n.tr(Msg::LessonsTitle).to_string());
    let page = with_lessons(move |lessons, lang| {
        let progress = store.progress.get();
        let items = lessons
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let done = progress.finished.get(&l.id).map(|f| {
                    let verdict = if lessons.passes(f.best, f.of) { Msg::LessonPassed } else { Msg::LessonNotPassed };
                    format!("{} · {} {}/{} · {}", Msg::LessonDone.text(lang), Msg::LessonScore.text(lang), f.best, f.of, verdict.text(lang))
                });
                view! {
                    <li class="card">
                        <h2 class="card__title"><a href=lesson_path(&l.id)>{format!("{}. {}", i + 1, l.title.get(lang))}</a></h2>
                        <p>{l.summary.get(lang).to_string()}</p>
                        {done.map(|d| view! { <p><strong class="tag tag--online">{d}</strong></p> })}
                    </li>
                }
            })
            .collect_view();
        let done = progress.done_count(lessons);
        view! {
            <h1 class="page-title">{Msg::LessonsTitle.text(lang)}</h1>
            <p class="lead">{Msg::LessonsIntro.text(lang)}</p>
            // Below the first screen's heading and lead (tests/e2e/shell.spec.ts), so they do not move.
            <LargeTextSwitch/>
            <p><a href=JOIN>{Msg::ClassJoinLink.text(lang)}</a></p>
            <ul class="cards">{items}</ul>
            <p><a href=CLASS>{Msg::ClassTrainerLink.text(lang)}</a></p>
            <p><a href=CERTIFICATE>{format!("{} ({done}/{})", Msg::CertificateTitle.text(lang), lessons.lessons.len())}</a></p>
        }
    });
    page
}
