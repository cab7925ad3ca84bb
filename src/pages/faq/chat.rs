use super::answer::AnswerBody;
use super::{FaqStore, Turn};
use crate::api::CityBackend;
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::api::{ApiError, FaqFeedback};
use mytho_core::config::AppConfig;
use mytho_core::faq::FaqEntry;
use mytho_core::i18n::Msg;
use std::sync::Arc;

/// Topics offered before the first question: what people ask most.
const SUGGESTED: [&str; 6] = ["khai-sinh", "can-cuoc", "thuong-tru", "tra-cuu-ho-so", "thanh-toan", "diem-du-lich"];

const INPUT_ID: &str = "faq-question";

#[component]
pub fn FaqChat() -> impl IntoView {
    let i18n = use_i18n();
    let store = FaqStore::use_store();
    store.load();
    let query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    use_page_title(move || {
        let title = i18n.tr(Msg::AreaFaq);
        match error.get() {
            Some(_) => format!("{}: {title}", i18n.tr(Msg::ErrorTitlePrefix)),
            None => title.to_string(),
        }
    });

    let corpus = move || store.corpus.get().and_then(|r| r.ok());
    // Asking runs on the device: no round trip, so it also works offline once loaded.
    let ask = move |text: String| {
        let Some(corpus) = store.corpus.get_untracked().and_then(|r| r.ok()) else {
            error.set(Some(Msg::Loading));
            return false;
        };
        let result = corpus.index.search(&text, 3);
        store.push(Turn::Asked(text));
        let id = match result.answer() {
            Some(entry) => store.push(Turn::Answer(entry)),
            None => store.push(Turn::Decline(result.hits.iter().map(|h| h.entry).collect())),
        };
        scroll_to_turn(id);
        true
    };
    let pick = move |entry: usize| {
        if let Some(corpus) = corpus() {
            store.push(Turn::Asked(corpus.data.entries[entry].text(i18n.lang.get_untracked()).question.clone()));
            let id = store.push(Turn::Answer(entry));
            scroll_to_turn(id);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = query.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(Msg::FaqEmptyError));
            focus_input();
            return;
        }
        if ask(text) {
            error.set(None);
            query.set(String::new());
        }
    };

    let suggestions = move || {
        let corpus = corpus()?;
        if !store.turns.with(Vec::is_empty) {
            return None;
        }
        let lang = i18n.lang.get();
        let items = SUGGESTED
            .iter()
            .filter_map(|id| corpus.data.entries.iter().position(|e| e.id == *id))
            .map(|i| {
                let q = corpus.data.entries[i].text(lang).question.clone();
                view! { <li><button type="button" class="chip" on:click=move |_| pick(i)>{q}</button></li> }
            })
            .collect_view();
        Some(view! {
            <h2 class="subheading" id="faq-suggestions">{i18n.tr(Msg::FaqSuggestions)}</h2>
            <ul class="chips" aria-labelledby="faq-suggestions">{items}</ul>
        })
    };

    let status = move || match store.corpus.get() {
        None => Some(view! { <p class="notice">{i18n.tr(Msg::Loading)}</p> }.into_any()),
        Some(Err(e)) => Some(
            view! {
                <div class="notice" role="alert">
                    <p>{i18n.tr(Msg::FaqLoadError)} " " {e.user_message(i18n.lang.get())}</p>
                    <button type="button" class="button" on:click=move |_| store.load()>{i18n.tr(Msg::TryAgain)}</button>
                </div>
            }
            .into_any(),
        ),
        Some(Ok(_)) => None,
    };

    view! {
        <h1 class="page-title">{move || i18n.tr(Msg::AreaFaq)}</h1>
        <p>{move || i18n.tr(Msg::FaqIntro)}</p>
        {status}
        {suggestions}
        <div class="chat" role="log" aria-label=move || i18n.tr(Msg::FaqLogLabel)>
            <For each=move || store.turns.get() key=|(id, _)| *id let:item>
                <TurnView id=item.0 turn=item.1 pick/>
            </For>
        </div>
        <form class="chat-form" on:submit=on_submit novalidate>
            <label class="label" for=INPUT_ID>{move || i18n.tr(Msg::FaqInputLabel)}</label>
            <p class="hint" id="faq-hint">{move || i18n.tr(Msg::FaqInputHint)}</p>
            {move || error.get().map(|msg| view! {
                <p class="error-message" id="faq-error">
                    <span class="visually-hidden">{i18n.tr(Msg::ErrorTitlePrefix)} ": "</span>{i18n.tr(msg)}
                </p>
            })}
            <div class="chat-form__row" class:chat-form__row--error=move || error.get() == Some(Msg::FaqEmptyError)>
                <input
                    id=INPUT_ID
                    class="input"
                    type="text"
                    autocomplete="off"
                    enterkeyhint="send"
                    maxlength="300"
                    aria-describedby=move || if error.get().is_some() { "faq-hint faq-error" } else { "faq-hint" }
                    aria-invalid=move || (error.get() == Some(Msg::FaqEmptyError)).then_some("true")
                    bind:value=query
                />
                <button type="submit" class="button">{move || i18n.tr(Msg::FaqSend)}</button>
            </div>
        </form>
        <p><A href="/hoi-dap/tat-ca">{move || i18n.tr(Msg::FaqSeeAll)}</A></p>
    }
}

#[component]
fn TurnView(id: usize, turn: Turn, pick: impl Fn(usize) + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let store = FaqStore::use_store();
    let entry = move |i: usize| -> Option<FaqEntry> {
        store.corpus.with_untracked(|c| c.as_ref().and_then(|r| r.as_ref().ok()).map(|c| c.data.entries[i].clone()))
    };
    let dom_id = format!("turn-{id}");
    match turn {
        Turn::Asked(text) => view! {
            <div class="bubble bubble--user" id=dom_id>
                <span class="bubble__who">{move || i18n.tr(Msg::FaqYouAsked)} ": "</span>{text}
            </div>
        }
        .into_any(),
        Turn::Answer(i) => {
            let Some(e) = entry(i) else { return ().into_any() };
            let question = e.clone();
            let topic = e.id.clone();
            view! {
                <article class="bubble bubble--bot" id=dom_id>
                    <h2 class="bubble__title">{move || question.text(i18n.lang.get()).question.clone()}</h2>
                    <AnswerBody entry=e/>
                    <Feedback topic/>
                </article>
            }
            .into_any()
        }
        Turn::Decline(closest) => {
            let hotline = expect_context::<AppConfig>().hotline;
            let options = closest
                .into_iter()
                .filter_map(|i| entry(i).map(|e| (i, e)))
                .map(|(i, e)| {
                    view! {
                        <li>
                            <button type="button" class="chip" on:click=move |_| pick(i)>
                                {move || e.text(i18n.lang.get()).question.clone()}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="bubble bubble--bot" id=dom_id>
                    <p>{move || i18n.tr(Msg::FaqDecline)}</p>
                    <p>{move || i18n.tr(Msg::FaqDidYouMean)}</p>
                    <ul class="chips">{options}</ul>
                    <p>
                        {move || i18n.tr(Msg::FaqDeclineCall)} " "
                        <a href=format!("tel:{hotline}") class="hotline__number">{hotline.clone()}</a>
                    </p>
                </div>
            }
            .into_any()
        }
    }
}

#[derive(Clone, PartialEq)]
enum FeedbackState {
    Asking,
    Sending,
    Sent,
    Failed(ApiError),
}

/// "Was this answer helpful?", sent to the gateway.
#[component]
fn Feedback(topic: String) -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn CityBackend>>();
    let state = RwSignal::new(FeedbackState::Asking);
    let send = move |helpful: bool| {
        let backend = backend.clone();
        let feedback = FaqFeedback { topic_id: topic.clone(), helpful, lang: i18n.lang.get_untracked() };
        state.set(FeedbackState::Sending);
        leptos::task::spawn_local(async move {
            let result = backend.send_faq_feedback(&feedback).await;
            state.try_set(match result {
                Ok(()) => FeedbackState::Sent,
                Err(e) => FeedbackState::Failed(e),
            });
        });
    };
    let send_no = send.clone();
    view! {
        <div class="feedback">
            {move || match state.get() {
                FeedbackState::Sent => view! { <p class="feedback__done">{i18n.tr(Msg::FaqThanks)}</p> }.into_any(),
                other => {
                    let send_yes = send.clone();
                    let send_no = send_no.clone();
                    let failed = match other {
                        FeedbackState::Failed(e) => Some(view! {
                            <p class="error-message">{i18n.tr(Msg::FaqFeedbackFailed)} " " {e.user_message(i18n.lang.get())}</p>
                        }),
                        _ => None,
                    };
                    let busy = state.get_untracked() == FeedbackState::Sending;
                    view! {
                        <fieldset class="feedback__ask">
                            <legend>{i18n.tr(Msg::FaqHelpful)}</legend>
                            {failed}
                            <button type="button" class="button button--secondary" aria-disabled=busy.then_some("true")
                                on:click=move |_| if !busy { send_yes(true) }>{i18n.tr(Msg::FaqYes)}</button>
                            " "
                            <button type="button" class="button button--secondary" aria-disabled=busy.then_some("true")
                                on:click=move |_| if !busy { send_no(false) }>{i18n.tr(Msg::FaqNo)}</button>
                        </fieldset>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

fn focus_input() {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(INPUT_ID)) {
        use wasm_bindgen::JsCast;
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Brings the newest answer into view after it is drawn.
fn scroll_to_turn(id: usize) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("turn-{id}"))) {
            el.scroll_into_view();
        }
    });
}
