use super::{back_to_lessons, lesson_path, with_lessons, LessonStore};
use crate::components::{title_with_errors, use_page_title, ErrorSummary, Problem, ProblemTarget};
use crate::i18n::use_i18n;
use crate::pages::NotFound;
use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::lessons::score;

/// A lesson's quiz: every question as a set of choices; checking shows the score and, under each
/// question, whether it was right and why. Kept on the device; it can be taken again.
#[component]
pub fn QuizPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<LessonStore>();
    let id = crate::routes::use_route_id();
    let chosen = RwSignal::new(Vec::<Option<usize>>::new());
    let checked = RwSignal::new(false);
    let missing = RwSignal::new(Vec::<usize>::new());
    let title = RwSignal::new(String::new());
    use_page_title(move || title_with_errors(title.get(), !missing.with(Vec::is_empty), i18n.lang.get()));
    let problems = Signal::derive(move || {
        let lang = i18n.lang.get();
        missing.get().into_iter().map(|q| Problem { target: ProblemTarget::Field(format!("q{q}-0")), message: format!("{} {}", Msg::QuizUnanswered.text(lang), q + 1) }).collect()
    });
    let page = with_lessons(move |lessons, lang| {
        let id = id.get();
        let Some(lesson) = lessons.lesson(&id).cloned() else { return view! { <NotFound/> }.into_any() };
        let name = lesson.title.get(lang).to_string();
        title.set(format!("{} – {name}", Msg::QuizTitle.text(lang)));
        if chosen.with_untracked(Vec::len) != lesson.quiz.len() {
            chosen.set(vec![None; lesson.quiz.len()]);
            // The quiz comes after the last step: a class sees the learner there.
            store.reached(&lesson.id, lesson.steps.len() as u32);
        }
        let is_checked = checked.get();
        let questions = lesson
            .quiz
            .iter()
            .enumerate()
            .map(|(q, question)| {
                let options = question
                    .options
                    .iter()
                    .enumerate()
                    .map(|(o, option)| {
                        let input_id = format!("q{q}-{o}");
                        let on = chosen.with_untracked(|c| c.get(q).copied().flatten() == Some(o));
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=input_id.clone() name=format!("q{q}") prop:checked=on disabled=is_checked
                                    on:change=move |_| chosen.update(|c| c[q] = Some(o))/>
                                <label class="radios__label" for=input_id>{option.get(lang).to_string()}</label>
                            </div>
                        }
                    })
                    .collect_view();
                let feedback = is_checked.then(|| {
                    let right = chosen.with_untracked(|c| c.get(q).copied().flatten() == Some(question.answer));
                    let verdict = if right { Msg::QuizRight } else { Msg::QuizWrong };
                    view! {
                        <div class=if right { "quiz-feedback quiz-feedback--right" } else { "quiz-feedback quiz-feedback--wrong" }>
                            <p><strong>{verdict.text(lang)}</strong> ": " {question.options[question.answer].get(lang).to_string()}</p>
                            <p>{question.explanation.get(lang).to_string()}</p>
                        </div>
                    }
                });
                let error = missing.with(|m| m.contains(&q));
                view! {
                    <div class=if error { "form-group form-group--error" } else { "form-group" }>
                        <fieldset class="fieldset">
                            <legend class="label">{format!("{} {}. {}", Msg::QuizQuestion.text(lang), q + 1, question.question.get(lang))}</legend>
                            {error.then(|| view! { <p class="error-message">{format!("{} {}", Msg::QuizUnanswered.text(lang), q + 1)}</p> })}
                            <div class="radios">{options}</div>
                        </fieldset>
                        {feedback}
                    </div>
                }
            })
            .collect_view();
        let of = lesson.quiz.len();
        let needed = lessons.pass_needed(of);
        let result = is_checked.then(|| {
            let got = chosen.with_untracked(|c| score(&lesson.quiz, c));
            let verdict = if lessons.passes(got, of) { Msg::QuizPassed } else { Msg::QuizNotPassed };
            view! {
                <div class="notice" role="status" id="quiz-result" tabindex="-1">
                    <p><strong>{format!("{} {got} {} {of}", Msg::QuizResult.text(lang), Msg::QuizOf.text(lang))}</strong></p>
                    <p>{verdict.text(lang)}</p>
                </div>
            }
        });
        let pass_mark = format!("{} {needed}/{of} {}", Msg::QuizPassMark.text(lang), Msg::QuizPassMarkEnd.text(lang));
        let quiz = lesson.quiz.clone();
        let lesson_id = lesson.id.clone();
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if checked.get_untracked() {
                chosen.set(vec![None; quiz.len()]);
                checked.set(false);
                return;
            }
            let left: Vec<usize> = chosen.with_untracked(|c| c.iter().enumerate().filter(|(_, v)| v.is_none()).map(|(i, _)| i).collect());
            if !left.is_empty() {
                missing.set(left);
                return;
            }
            missing.set(Vec::new());
            let got = chosen.with_untracked(|c| score(&quiz, c));
            store.record(&lesson_id, got, quiz.len(), got >= needed);
            checked.set(true);
            platform::focus("quiz-result");
        };
        view! {
            {back_to_lessons(lang)}
            <ErrorSummary problems/>
            <p class="caption"><a href=lesson_path(&lesson.id)>{name}</a></p>
            <h1 class="page-title">{Msg::QuizTitle.text(lang)}</h1>
            <p>{pass_mark}</p>
            {result}
            <form novalidate on:submit=on_submit>
                {questions}
                <button class="button" type="submit">{if is_checked { Msg::QuizAgain.text(lang) } else { Msg::QuizSubmit.text(lang) }}</button>
            </form>
        }
        .into_any()
    });
    view! { {page} }
}
