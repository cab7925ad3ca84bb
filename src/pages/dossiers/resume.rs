//! Resume codes: a draft kept on the city's server for a few days, to continue on another device.

use super::draft::{write, DraftStore};
use crate::api::{DossierBackend, SubmitBackend, TrackingBackend};
use crate::components::{summary_row, InlineError};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::platform;
use mytho_core::api::ApiError;
use mytho_core::dossier::{normalize_resume_code, DraftSaved, SaveDraft};
use mytho_core::draft::{step_path, LocalDraft};
use mytho_core::i18n::Msg;
use mytho_core::validate::date::vn_datetime;
use std::sync::Arc;

/// On the form's pages: on request only (it sends personal data to the server), a code to continue
/// elsewhere, with how long it lasts.
#[component]
pub fn ResumeOffer() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<DraftStore>();
    let backend = expect_context::<Arc<dyn SubmitBackend>>();
    let saved = RwSignal::new(None::<Result<DraftSaved, ApiError>>);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        let draft = store.draft.with_untracked(|d| SaveDraft { procedure_id: d.procedure_id.clone(), answers: d.answers.clone(), step: d.step.clone() });
        let backend = backend.clone();
        busy.set(true);
        spawn_local(async move {
            let r = backend.save_draft(&draft).await;
            let _ = busy.try_set(false);
            let _ = saved.try_set(Some(r));
        });
    };
    view! {
        <p>
            <button type="button" class="button button--secondary" disabled=move || busy.get() on:click=on_click>
                {i18n.text(Msg::ResumeOffer)}
            </button>
        </p>
        <div role="status">
            {move || saved.get().map(|r| {
                let lang = i18n.lang.get();
                match r {
                    Ok(d) => view! {
                        <p>{Msg::ResumeExplain.text(lang)}</p>
                        <dl class="summary-list">
                            {summary_row(Msg::ResumeCodeLabel.text(lang), view! { <strong class="receipt-code">{d.resume_code}</strong> })}
                            {summary_row(Msg::ResumeValidUntil.text(lang), vn_datetime(&d.expires_at))}
                        </dl>
                    }.into_any(),
                    Err(e) => view! { <p class="error-message">{e.user_message(lang)}</p> }.into_any(),
                }
            })}
        </div>
    }
}

const CODE_ID: &str = "resume-code";

/// On the drafts page: a code typed from another device brings its draft to this one.
#[component]
pub fn ResumeOpen() -> impl IntoView {
    let i18n = use_i18n();
    let (backend, procedures) = (expect_context::<Arc<dyn TrackingBackend>>(), expect_context::<Arc<dyn DossierBackend>>());
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let text = typed.get_untracked();
        let Some(code) = normalize_resume_code(&text) else {
            let msg = if text.trim().is_empty() { Msg::ResumeCodeRequired } else { Msg::ResumeCodeInvalid };
            problem.set(Some(msg.text(lang).to_string()));
            return;
        };
        problem.set(None);
        busy.set(true);
        let (backend, procedures) = (backend.clone(), procedures.clone());
        spawn_local(async move {
            let loaded = async {
                let saved = backend.load_draft(&code).await?;
                let procedure = procedures.procedure(&saved.procedure_id).await?;
                Ok::<_, ApiError>((saved, procedure))
            };
            let result = loaded.await;
            let _ = busy.try_set(false);
            match result {
                Ok((saved, procedure)) => {
                    let mut draft = LocalDraft::new(&procedure.id, procedure.name.clone(), &saved.step);
                    draft.answers = saved.answers;
                    write(&draft.key(), &draft);
                    // The form is drawn by the dossiers bundle: a page load.
                    platform::go_to(&step_path(&procedure.id, &saved.step));
                }
                Err(e) => {
                    let _ = problem.try_set(Some(e.user_message(lang)));
                }
            }
        });
    };
    view! {
        <h2 class="subheading">{i18n.text(Msg::ResumeOpenTitle)}</h2>
        <form novalidate on:submit=on_submit>
            <div class=move || if problem.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
                <label class="label" for=CODE_ID>{i18n.text(Msg::ResumeCodeLabel)}</label>
                <p class="hint" id="resume-code-hint">{i18n.text(Msg::ResumeCodeHint)}</p>
                {move || problem.get().map(|message| view! { <InlineError id="resume-code-error".to_string() message/> })}
                <input class="input" id=CODE_ID name="resume-code" autocomplete="off" spellcheck="false" autocapitalize="characters"
                    aria-describedby=move || if problem.with(Option::is_some) { "resume-code-hint resume-code-error" } else { "resume-code-hint" }
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <button class="button" type="submit" disabled=move || busy.get()>{i18n.text(Msg::ResumeOpen)}</button>
        </form>
    }
}
