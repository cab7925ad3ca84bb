//! Class mode in the app: the trainer's page (start a class, its code and join QR, a dashboard that
//! refreshes by itself, end it, download the list) and the learner's join page.

use super::{lesson_path, with_lessons, LessonStore, Membership, JOIN};
use crate::api::ClassBackend;
use crate::components::{qr_svg, title_with_errors, use_page_title, ErrorSummary, InlineError, Problem, ProblemTarget};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use mytho_core::api::ApiError;
use mytho_core::classes::{clean_name, normalize_class_code, ClassStarted, Dashboard, JoinClass, StartClass, TRAINER_KEY};
use mytho_core::i18n::Msg;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The class this device's trainer started, if any: a reload keeps the dashboard, and the presenter
/// view shows its join QR.
pub fn trainer_class() -> Option<ClassStarted> {
    platform::read_json(TRAINER_KEY)
}

/// The class code, how to join, and on demand the QR code of the join address: on the trainer's page
/// and in the presenter view.
#[component]
pub fn JoinQr(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let show = RwSignal::new(false);
    let url = format!("{}{JOIN}?ma={code}", platform::origin());
    move || {
        let lang = i18n.lang.get();
        view! {
            <p class="class-code">{Msg::ClassCode.text(lang)} ": " <strong>{code.clone()}</strong></p>
            <p>{Msg::ClassJoinHow.text(lang)}</p>
            <p><button type="button" class="button button--secondary" aria-expanded=show.get().to_string()
                on:click=move |_| show.update(|v| *v = !*v)>{Msg::ClassShowQr.text(lang)}</button></p>
            {show.get().then(|| view! { <div class="class-qr">{qr_svg(&url, Msg::ClassQrLabel.text(lang).to_string())}</div> })}
        }
    }
}
/// How often the dashboard asks for news.
const REFRESH: Duration = Duration::from_secs(4);

#[component]
pub fn ClassPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn ClassBackend>>();
    use_page_title(move || i18n.tr(Msg::ClassTitle).to_string());
    let class = RwSignal::new(trainer_class());
    let board = RwSignal::new(None::<Result<Dashboard, ApiError>>);
    let lesson = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiError>);

    let refresh = {
        let backend = backend.clone();
        move || {
            let Some(c) = class.get_untracked() else { return };
            let backend = backend.clone();
            spawn_local(async move {
                let got = backend.dashboard(&c.code, &c.trainer_token).await;
                let _ = board.try_set(Some(got));
            });
        }
    };
    refresh();
    if let Ok(handle) = set_interval_with_handle(refresh.clone(), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    let start = {
        let (backend, refresh) = (backend.clone(), refresh.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (backend, refresh) = (backend.clone(), refresh.clone());
            let lesson_id = lesson.get_untracked();
            spawn_local(async move {
                match backend.start_class(&StartClass { lesson_id }).await {
                    Ok(started) => {
                        platform::write_json(TRAINER_KEY, &started);
                        class.set(Some(started));
                        failure.set(None);
                        refresh();
                    }
                    Err(e) => failure.set(Some(e)),
                }
            });
        }
    };
    let close = {
        let (backend, refresh) = (backend.clone(), refresh.clone());
        move |_| {
            let Some(c) = class.get_untracked() else { return };
            let (backend, refresh) = (backend.clone(), refresh.clone());
            spawn_local(async move {
                if let Err(e) = backend.close_class(&c.code, &c.trainer_token).await {
                    failure.set(Some(e));
                }
                refresh();
            });
        }
    };
    let export = move |_| {
        let Some(c) = class.get_untracked() else { return };
        let backend = backend.clone();
        spawn_local(async move {
            match backend.export_class(&c.code, &c.trainer_token).await {
                Ok(csv) => download(&format!("lop-{}.csv", c.code), &csv),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let new_class = move |_| {
        platform::forget(TRAINER_KEY);
        class.set(None);
        board.set(None);
    };

    let page = with_lessons(move |lessons, lang| {
        let Some(c) = class.get() else {
            if lesson.get_untracked().is_empty() {
                lesson.set(lessons.lessons.first().map(|l| l.id.clone()).unwrap_or_default());
            }
            let options = lessons
                .lessons
                .iter()
                .map(|l| view! { <option value=l.id.clone() selected=l.id == lesson.get_untracked()>{l.title.get(lang).to_string()}</option> })
                .collect_view();
            return view! {
                <form novalidate on:submit=start.clone()>
                    <div class="form-group">
                        <label class="label" for="class-lesson">{Msg::ClassLesson.text(lang)}</label>
                        <select class="select" id="class-lesson" on:change=move |ev| lesson.set(event_target_value(&ev))>{options}</select>
                    </div>
                    <button class="button" type="submit">{Msg::ClassStart.text(lang)}</button>
                </form>
            }
            .into_any();
        };
        let code = c.code.clone();
        let lessons = lessons.clone();
        let (export, close, new_class) = (export.clone(), close.clone(), new_class);
        // Only the dashboard follows the refresh: the join QR stays shown (or hidden) as the trainer left it.
        let dashboard = move || {
        let rows = match board.get() {
            Some(Ok(d)) if !d.learners.is_empty() => {
                let rows = d
                    .learners
                    .iter()
                    .map(|r| {
                        let lesson_name = lessons.lesson(&r.lesson_id).map(|l| l.title.get(lang).to_string()).unwrap_or_else(|| r.lesson_id.clone());
                        let scores = r
                            .scores
                            .iter()
                            .map(|(id, [s, of])| format!("{}: {s}/{of}", lessons.lessons.iter().position(|l| l.id == *id).map_or(0, |i| i + 1)))
                            .collect::<Vec<_>>()
                            .join(", ");
                        view! { <tr><td>{r.name.clone()}</td><td>{lesson_name}</td><td>{r.step}</td><td>{scores}</td></tr> }
                    })
                    .collect_view();
                view! {
                    <table class="table">
                        <caption class="visually-hidden">{Msg::ClassLearners.text(lang)}</caption>
                        <thead><tr>
                            <th scope="col">{Msg::ClassColName.text(lang)}</th><th scope="col">{Msg::ClassColLesson.text(lang)}</th>
                            <th scope="col">{Msg::ClassColStep.text(lang)}</th><th scope="col">{Msg::ClassColScores.text(lang)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }
            Some(Err(e)) => view! { <p class="error-message">{e.user_message(lang)}</p> }.into_any(),
            _ => view! { <p>{Msg::ClassNone.text(lang)}</p> }.into_any(),
        };
        let closed = board.with(|b| matches!(b, Some(Ok(d)) if d.closed));
        let count = board.with(|b| b.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, |d| d.learners.len()));
        view! {
            {closed.then(|| view! { <p class="notice">{Msg::ClassClosed.text(lang)}</p> })}
            <h2 class="subheading" aria-live="polite">{format!("{} ({count})", Msg::ClassLearners.text(lang))}</h2>
            <div class="table-wrap">{rows}</div>
            <p class="lesson-nav">
                <button type="button" class="button button--secondary" on:click=export.clone()>{Msg::ClassExport.text(lang)}</button>
                {if closed {
                    view! { <button type="button" class="button" on:click=new_class>{Msg::ClassNew.text(lang)}</button> }.into_any()
                } else {
                    view! { <button type="button" class="button button--warning" on:click=close.clone()>{Msg::ClassClose.text(lang)}</button> }.into_any()
                }}
            </p>
        }
        .into_any()
        };
        view! { <JoinQr code/> {dashboard} }.into_any()
    });
    view! {
        <h1 class="page-title">{i18n.text(Msg::ClassTitle)}</h1>
        <p>{i18n.text(Msg::ClassIntro)}</p>
        {move || failure.get().map(|e| view! { <p class="error-message" role="alert">{e.user_message(i18n.lang.get())}</p> })}
        {page}
    }
}

/// Offers the server's file to save (the CSV) as its bytes came, without leaving the page.
fn download(name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("a").ok()) {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A learner joins with the class code (from the QR's address or typed) and a display name.
#[component]
pub fn JoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<LessonStore>();
    let backend = expect_context::<Arc<dyn ClassBackend>>();
    let query = use_query_map();
    let navigate = leptos_router::hooks::use_navigate();
    let code = RwSignal::new(query.read_untracked().get("ma").unwrap_or_default());
    let name = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    use_page_title(move || title_with_errors(i18n.tr(Msg::JoinTitle).to_string(), !problems.with(Vec::is_empty), i18n.lang.get()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let mut found = Vec::new();
        let typed_code = normalize_class_code(&code.get_untracked());
        let typed_name = clean_name(&name.get_untracked());
        if typed_code.is_none() {
            found.push(Problem { target: ProblemTarget::Field("join-code".into()), message: Msg::JoinCodeInvalid.text(lang).into() });
        }
        if typed_name.is_none() {
            found.push(Problem { target: ProblemTarget::Field("join-name".into()), message: Msg::JoinNameInvalid.text(lang).into() });
        }
        let (Some(c), Some(n)) = (typed_code, typed_name) else { return problems.set(found) };
        let (backend, navigate) = (backend.clone(), navigate.clone());
        spawn_local(async move {
            match backend.join_class(&c, &JoinClass { name: n }).await {
                Ok(joined) => {
                    store.join(Membership { code: c, learner_id: joined.learner_id });
                    problems.set(Vec::new());
                    navigate(&lesson_path(&joined.lesson_id), Default::default());
                }
                Err(e) => problems.set(vec![Problem { target: ProblemTarget::Field("join-code".into()), message: e.user_message(i18n.lang.get_untracked()) }]),
            }
        });
    };
    let error_for = move |id: &'static str| move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(id.into())).map(|p| p.message.clone()));
    view! {
        <ErrorSummary problems=problems.into()/>
        <h1 class="page-title">{i18n.text(Msg::JoinTitle)}</h1>
        <form novalidate on:submit=on_submit>
            <div class=move || if error_for("join-code")().is_some() { "form-group form-group--error" } else { "form-group" }>
                <label class="label" for="join-code">{i18n.text(Msg::ClassCode)}</label>
                <p class="hint" id="join-code-hint">{i18n.text(Msg::JoinCodeHint)}</p>
                {move || error_for("join-code")().map(|message| view! { <InlineError id="join-code-error".to_string() message/> })}
                <input class="input input--code" id="join-code" autocomplete="off" autocapitalize="characters" spellcheck="false"
                    aria-describedby=move || if error_for("join-code")().is_some() { "join-code-hint join-code-error" } else { "join-code-hint" }
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            </div>
            <div class=move || if error_for("join-name")().is_some() { "form-group form-group--error" } else { "form-group" }>
                <label class="label" for="join-name">{i18n.text(Msg::JoinName)}</label>
                <p class="hint" id="join-name-hint">{i18n.text(Msg::JoinNameHint)}</p>
                {move || error_for("join-name")().map(|message| view! { <InlineError id="join-name-error".to_string() message/> })}
                <input class="input" id="join-name" autocomplete="nickname"
                    aria-describedby=move || if error_for("join-name")().is_some() { "join-name-hint join-name-error" } else { "join-name-hint" }
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <button class="button" type="submit">{i18n.text(Msg::JoinButton)}</button>
        </form>
    }
}
