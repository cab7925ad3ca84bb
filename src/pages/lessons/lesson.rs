use super::picture::picture;
use super::{back_to_lessons, lesson_path, presenter_path, quiz_path, with_lessons, ClassBanner, LargeTextSwitch, LessonStore};
use crate::components::{use_page_title};
use crate::pages::NotFound;
use crate::platform;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use mytho_core::i18n::Msg;
use mytho_core::config::AppConfig;
use mytho_core::routes::{practice_path, Area};

/// `?buoc=2`: the step shown (from 1), so the browser's Back goes to the previous step.
const STEP: &str = "buoc";

/// A lesson, one step per screen: its picture and a sentence or two, Previous and Next, then the quiz.
#[component]
pub fn LessonPage() -> impl IntoView {
    let id = crate::routes::use_route_id();
    let query = use_query_map();
    let title = RwSignal::new(String::new());
    use_page_title(move || title.get());
    // A new step starts at its heading, for screen readers and keyboards.
    Effect::new(move |_| {
        query.track();
        platform::focus("step-heading");
    });
    let page = with_lessons(move |lessons, lang| {
        let id = id.get();
        let Some(lesson) = lessons.lesson(&id) else { return view! { <NotFound/> }.into_any() };
        let total = lesson.steps.len();
        let n = query.read().get(STEP).and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).clamp(1, total);
        let step = &lesson.steps[n - 1];
        let name = lesson.title.get(lang).to_string();
        title.set(format!("{name} – {}", Msg::LessonsTitle.text(lang)));
        let store = expect_context::<LessonStore>();
        store.reached(&lesson.id, n as u32);
        let at = |k: usize| format!("{}?{STEP}={k}", lesson_path(&lesson.id));
        view! {
            {back_to_lessons(lang)}
            <h1 class="page-title" id="step-heading" tabindex="-1">{name}</h1>
            <p class="progress">{format!("{} {n} {} {total}", Msg::StepWord.text(lang), Msg::StepOf.text(lang))}</p>
            <div class="lesson-step">
                {picture(&step.picture)}
                <p class="lesson-step__text">{step.text.get(lang).to_string()}</p>
            </div>
            // "Thử ngay": a practice copy of a real form, in the forms' bundle (when the city offers them).
            {step.practice.as_ref().filter(|_| Area::Procedures.enabled(&expect_context::<AppConfig>().features)).map(|procedure| {
                let href = practice_path(procedure, &lesson.id, n);
                view! {
                    <div class="notice">
                        <p>{Msg::PracticeOffer.text(lang)}</p>
                        <p><a class="button button--secondary" href=href.clone()>{Msg::PracticeTry.text(lang)}</a></p>
                    </div>
                }
            })}
            <p class="lesson-nav">
                {(n > 1).then(|| view! { <a class="button button--secondary" href=at(n - 1)>{Msg::LessonPrevious.text(lang)}</a> })}
                {if n < total {
                    view! { <a class="button" href=at(n + 1)>{Msg::LessonNext.text(lang)}</a> }.into_any()
                } else {
                    view! { <a class="button" href=quiz_path(&lesson.id)>{Msg::LessonToQuiz.text(lang)}</a> }.into_any()
                }}
            </p>
            <p><a href=presenter_path(&lesson.id)>{Msg::PresenterLink.text(lang)}</a></p>
        }
        .into_any()
    });
    view! {
        <LargeTextSwitch/>
        <ClassBanner/>
        {page}
    }
}
