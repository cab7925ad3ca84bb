use super::answer::answer_body;
use super::{Corpus, FaqStore, Turn};
use crate::api::FaqBackend;
use crate::components::{title_with_errors, use_page_title, InlineError};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::api::{ApiError, FaqFeedback};
use mytho_core::config::AppConfig;
use mytho_core::i18n::{Lang, Msg};
use std::sync::Arc;

/// Topics offered before the first question: what people ask most.
const SUGGESTED: [&str; 6] = ["khai-sinh", "can-cuoc", "thuong-tru", "tra-cuu-ho-so", "thanh-toan", "diem-du-lich"];

const INPUT_ID: &str = "faq-question";

#[component]
pub fn FaqChat() -> impl IntoView {
    let i18n = use_i18n();
    let store = FaqStore::use_store();
    let hotline = expect_context::<AppConfig>().hotline;
    store.load();
    let query = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Msg>);
    // A question sent before the answers have loaded (a slow connection): kept, and answered when they come.
    let waiting = RwSignal::new(None::<String>);
    use_page_title(move || title_with_errors(i18n.tr(Msg::AreaFaq).to_string(), error.get().is_some(), i18n.lang.get()));

    // Asking runs on the device: no round trip, so it also works offline once loaded.
    let ask = move |text: String| -> bool {
        let Some(corpus) = store.corpus.get_untracked().and_then(|r| r.ok()) else {
            waiting.set(Some(text));
            return false;
        };
        waiting.set(None);
        let result = corpus.index.search(&text, 3);
        let written_in = corpus.index.language_of(&text);
        store.push(Turn::Asked(text));
        let id = match result.answer() {
            Some(entry) => store.push(Turn::Answer(entry, written_in)),
            None => store.push(Turn::Decline(result.hits.iter().map(|h| h.entry).collect())),
        };
        scroll_to_turn(id);
        true
    };
    Effect::new(move || {
        if matches!(store.corpus.get(), Some(Ok(_))) {
            if let Some(text) = waiting.get_untracked() {
                // Cleared only if it still holds the question: what was typed since stays.
                let unchanged = query.get_untracked() == text;
                if ask(text) && unchanged {
                    query.set(String::new());
                }
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = query.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(Msg::FaqEmptyError));
            focus_input();
        } else {
            error.set(None);
            if ask(text) {
                query.set(String::new());
            }
        }
    };

    // Drawn again when the language or the content changes; texts inside are plain strings.
    let top = move || {
        let lang = i18n.lang.get();
        let corpus = store.corpus.get();
        let has_turns = !store.turns.with(Vec::is_empty);
        let status = match &corpus {
            None => Some(view! { <p class="notice">{Msg::Loading.text(lang)}</p> }.into_any()),
            Some(Err(e)) => Some(
                view! {
                    <div class="notice" role="alert">
                        <p>{Msg::FaqLoadError.text(lang)} " " {e.user_message(lang)}</p>
                        <button type="button" class="button" on:click=move |_| store.load()>{Msg::TryAgain.text(lang)}</button>
                    </div>
                }
                .into_any(),
            ),
            Some(Ok(_)) => None,
        };
        let suggestions = corpus.and_then(|r| r.ok()).filter(|_| !has_turns).map(|c| {
            let items = SUGGESTED
                .iter()
                .filter_map(|id| c.data.entries.iter().position(|e| e.id == *id))
                .map(|i| chip(&c, i, lang))
                .collect_view();
            view! {
                <h2 class="subheading" id="faq-suggestions">{Msg::FaqSuggestions.text(lang)}</h2>
                <ul class="chips" aria-labelledby="faq-suggestions">{items}</ul>
            }
        });
        view! {
            <h1 class="page-title">{Msg::AreaFaq.text(lang)}</h1>
            <p>{Msg::FaqIntro.text(lang)}</p>
            {status}
            {suggestions}
        }
    };
    // The log only grows (keyed), so screen readers hear each new message once; a language change
    // draws it again in the new language.
    let log = move || {
        let lang = i18n.lang.get();
        let hotline = hotline.clone();
        view! {
            <div class="chat" role="log" aria-label=Msg::FaqLogLabel.text(lang)>
                <For each=move || store.turns.get() key=|(id, _)| *id let:item>
                    {turn_view(store, item.0, item.1, lang, &hotline)}
                </For>
            </div>
        }
    };
    let err_text = move || error.get().map(|msg| {
        let lang = i18n.lang.get();
        view! { <InlineError id="faq-error".to_string() message=msg.text(lang).to_string()/> }
    });
    let empty = move || error.get() == Some(Msg::FaqEmptyError);
    // The form stays put while answers arrive, so focus and the phone keyboard stay in the text box.
    view! {
        {top}
        {log}
        <form class="chat-form" on:submit=on_submit novalidate>
            <label class="label" for=INPUT_ID>{i18n.text(Msg::FaqInputLabel)}</label>
            <p class="hint" id="faq-hint">{i18n.text(Msg::FaqInputHint)}</p>
            <p class="notice notice--live" role="status">
                {move || waiting.with(Option::is_some).then(|| i18n.tr(Msg::FaqWaiting))}
            </p>
            {err_text}
            <div class="chat-form__row" class:chat-form__row--error=empty>
                <input
                    id=INPUT_ID
                    class="input"
                    type="text"
                    autocomplete="off"
                    enterkeyhint="send"
                    maxlength="300"
                    aria-describedby=move || if error.get().is_some() { "faq-hint faq-error" } else { "faq-hint" }
                    aria-invalid=move || empty().then_some("true")
                    bind:value=query
                />
                <button type="submit" class="button">{i18n.text(Msg::FaqSend)}</button>
            </div>
        </form>
        <p><a href="/hoi-dap/tat-ca">{i18n.text(Msg::FaqSeeAll)}</a></p>
    }
}

fn chip(corpus: &Corpus, entry: usize, lang: Lang) -> impl IntoView {
    let store = FaqStore::use_store();
    let text = corpus.data.entries[entry].text(lang).question.clone();
    view! { <li><button type="button" class="chip" on:click=move |_| pick(store, entry, lang)>{text}</button></li> }
}

fn turn_view(store: FaqStore, id: usize, turn: Turn, lang: Lang, hotline: &str) -> AnyView {
    let dom_id = format!("turn-{id}");
    let Some(corpus) = store.corpus.get_untracked().and_then(|r| r.ok()) else { return ().into_any() };
    match turn {
        Turn::Asked(text) => view! {
            <div class="bubble bubble--user" id=dom_id>
                <span class="bubble__who">{Msg::FaqYouAsked.text(lang)} ": "</span>{text}
            </div>
        }
        .into_any(),
        Turn::Answer(i, written_in) => {
            let entry = &corpus.data.entries[i];
            let lang = written_in.unwrap_or(lang);
            view! {
                <article class="bubble bubble--bot" id=dom_id lang=lang.code()>
                    <h2 class="bubble__title">{entry.text(lang).question.clone()}</h2>
                    {answer_body(entry, lang, hotline)}
                    <Feedback topic=entry.id.clone() turn=id lang/>
                </article>
            }
            .into_any()
        }
        Turn::Decline(closest) => {
            // "Did you mean" only above something to choose.
            let offer = (!closest.is_empty()).then(|| {
                let options = closest.into_iter().map(|i| chip(&corpus, i, lang)).collect_view();
                view! { <p>{Msg::FaqDidYouMean.text(lang)}</p> <ul class="chips">{options}</ul> }
            });
            view! {
                <div class="bubble bubble--bot" id=dom_id>
                    <p>{Msg::FaqDecline.text(lang)}</p>
                    {offer}
                    <p>
                        {Msg::FaqDeclineCall.text(lang)} " "
                        <a href=format!("tel:{hotline}") class="hotline__number">{hotline.to_string()}</a>
                    </p>
                </div>
            }
            .into_any()
        }
    }
}

/// A tapped suggestion: asked and answered at once.
fn pick(store: FaqStore, entry: usize, lang: Lang) {
    let Some(corpus) = store.corpus.get_untracked().and_then(|r| r.ok()) else { return };
    store.push(Turn::Asked(corpus.data.entries[entry].text(lang).question.clone()));
    let id = store.push(Turn::Answer(entry, Some(lang)));
    scroll_to_turn(id);
}

#[derive(Clone, PartialEq)]
enum FeedbackState {
    Asking,
    Sending,
    Sent,
    Failed(ApiError),
}

/// "Was this answer helpful?", sent to the gateway. The thanks replaces the buttons and takes the focus,
/// so it never falls to the page.
#[component]
fn Feedback(topic: String, turn: usize, lang: Lang) -> impl IntoView {
    let done_id = format!("feedback-done-{turn}");
    let backend = expect_context::<Arc<dyn FaqBackend>>();
    let state = RwSignal::new(FeedbackState::Asking);
    let send = move |helpful: bool| {
        if state.get_untracked() == FeedbackState::Sending {
            return;
        }
        let backend = backend.clone();
        let feedback = FaqFeedback { topic_id: topic.clone(), helpful, lang };
        state.set(FeedbackState::Sending);
        let done_id = done_id.clone();
        leptos::task::spawn_local(async move {
            let result = backend.send_faq_feedback(&feedback).await;
            let sent = result.is_ok();
            state.try_set(match result {
                Ok(()) => FeedbackState::Sent,
                Err(e) => FeedbackState::Failed(e),
            });
            if sent {
                request_animation_frame(move || crate::platform::focus(&done_id));
            }
        });
    };
    // Only "sent" redraws the buttons: while sending or after a failure they stay, focus and all.
    let sent = Memo::new(move |_| state.with(|s| *s == FeedbackState::Sent));
    let failed = move || match state.get() {
        FeedbackState::Failed(e) => Some(view! { <p class="error-message">{format!("{} {}", Msg::FaqFeedbackFailed.text(lang), e.user_message(lang))}</p> }),
        _ => None,
    };
    move || {
        if sent.get() {
            return view! { <p class="feedback__done" id=format!("feedback-done-{turn}") tabindex="-1">{Msg::FaqThanks.text(lang)}</p> }.into_any();
        }
        let (yes, no) = (send.clone(), send.clone());
        view! {
            <fieldset class="feedback">
                <legend>{Msg::FaqHelpful.text(lang)}</legend>
                {failed}
                <button type="button" class="button button--secondary" on:click=move |_| yes(true)>{Msg::FaqYes.text(lang)}</button>
                " "
                <button type="button" class="button button--secondary" on:click=move |_| no(false)>{Msg::FaqNo.text(lang)}</button>
            </fieldset>
        }
        .into_any()
    }
}

fn focus_input() {
    crate::platform::focus(INPUT_ID);
}

/// Brings the newest answer into view after it is drawn.
fn scroll_to_turn(id: usize) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("turn-{id}"))) {
            el.scroll_into_view();
        }
    });
}
