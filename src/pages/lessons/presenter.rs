use super::picture::picture;
use super::class::{trainer_class, JoinQr};
use super::{lesson_path, with_lessons};
use crate::components::use_page_title;
use crate::pages::NotFound;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use leptos_router::hooks::{use_navigate, use_query_map};
use mytho_core::i18n::Msg;

/// A lesson for the projector: big type, one step at a time, moved by the buttons or the keyboard (a
/// presentation clicker sends arrow keys and Page Up / Page Down).
#[component]
pub fn PresenterPage() -> impl IntoView {
    let id = crate::routes::use_route_id();
    let query = use_query_map();
    let navigate = use_navigate();
    let title = RwSignal::new(String::new());
    use_page_title(move || title.get());
    let step = Memo::new(move |_| query.read().get("buoc").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).max(1));
    let total = RwSignal::new(1usize);
    let at = move |n: usize| format!("{}/trinh-chieu?buoc={n}", lesson_path(&id.get_untracked()));
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let n = step.get_untracked().min(total.get_untracked());
        // Space on a focused button presses it (the join QR), not the next step.
        let on_button = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlButtonElement>().ok()).is_some();
        let to = match ev.key().as_str() {
            " " if on_button => None,
            "ArrowRight" | "PageDown" | " " => (n < total.get_untracked()).then_some(n + 1),
            "ArrowLeft" | "PageUp" => (n > 1).then(|| n - 1),
            _ => None,
        };
        if let Some(to) = to {
            ev.prevent_default();
            navigate(&at(to), Default::default());
        }
    });
    on_cleanup(move || handle.remove());
    let page = with_lessons(move |lessons, lang| {
        let id = id.get();
        let Some(lesson) = lessons.lesson(&id) else { return view! { <NotFound/> }.into_any() };
        total.set(lesson.steps.len());
        let n = step.get().min(lesson.steps.len());
        let s = &lesson.steps[n - 1];
        let name = lesson.title.get(lang).to_string();
        title.set(format!("{name} – {}", Msg::LessonsTitle.text(lang)));
        view! {
            <div class="presenter">
                <p class="presenter__meta">{format!("{name} · {} {n} {} {}", Msg::StepWord.text(lang), Msg::StepOf.text(lang), lesson.steps.len())}</p>
                <div class="lesson-step">
                    {picture(&s.picture)}
                    <h1 class="presenter__text">{s.text.get(lang).to_string()}</h1>
                </div>
                <p class="lesson-nav">
                    {(n > 1).then(|| view! { <a class="button button--secondary" href=at(n - 1)>{Msg::LessonPrevious.text(lang)}</a> })}
                    {(n < lesson.steps.len()).then(|| view! { <a class="button" href=at(n + 1)>{Msg::LessonNext.text(lang)}</a> })}
                </p>
                <p class="hint">{Msg::PresenterKeys.text(lang)}</p>
            </div>
        }
        .into_any()
    });
    // Outside the steps, so the QR stays shown while the trainer moves on.
    let class = trainer_class().map(|c| view! { <div class="presenter"><JoinQr code=c.code/></div> });
    view! { {page} {class} }
}
