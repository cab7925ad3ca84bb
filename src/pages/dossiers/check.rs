use super::draft::{keep_profile, keep_receipt, DraftStore};
use mytho_core::profile::Profile;
use super::fields::dom_id;
use super::practice::practice_banner;
use super::step::{supplement_banner, DraftNote, RETURN_TO_CHECK};
use super::receipt_path;
use crate::api::SubmitBackend;
use crate::components::{title_with_errors, use_page_title, ErrorSummary, InlineError, Problem, ProblemTarget};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mytho_core::api::ApiError;
use mytho_core::dossier::{phone_last4, SubmitDossier, Supplement};
use mytho_core::draft::{LocalReceipt, CHECK_STEP, PRACTICE_DONE_STEP};
use mytho_core::forms::{self, display_answer};
use mytho_core::i18n::Msg;
use mytho_core::procedures::Procedure;
use std::sync::Arc;

const DECLARATION_ID: &str = "f-declaration";

/// Check your answers (a Change link per answer), the declaration, and the submission: sent with the
/// draft's idempotency key, kept on the device and sent again when the network comes back.
#[component]
pub fn CheckAnswers() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<DraftStore>();
    let p = expect_context::<Arc<Procedure>>();
    let backend = expect_context::<Arc<dyn SubmitBackend>>();
    let navigate = leptos_router::hooks::use_navigate();
    let def = Arc::new(p.form.clone().unwrap_or(forms::FormDef { steps: vec![] }));
    store.draft.update(|d| d.step = CHECK_STEP.to_string());

    let declared = RwSignal::new(false);
    let keep_details = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let sending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    use_page_title(move || title_with_errors(i18n.tr(Msg::CheckTitle).to_string(), !problems.with(Vec::is_empty), i18n.lang.get()));

    let submit = {
        let (def, p) = (def.clone(), p.clone());
        move || {
            if sending.get_untracked() {
                return;
            }
            let lang = i18n.lang.get_untracked();
            // The same rules as each step, over the whole form: a draft from an older form version or
            // an edited step is caught here, before the server sees it.
            let answers = store.draft.with_untracked(|d| d.answers.clone());
            let clean = match forms::validate_all(&def, &answers, platform::today()) {
                Ok(clean) => clean,
                Err(errors) => {
                    problems.set(errors.iter().map(|e| field_problem(store, &p.id, &def, &e.field, &e.target, e.message(&def, lang))).collect());
                    return;
                }
            };
            // Kept with the receipt: the second factor for tracking and paying from this device.
            let phone_last4 = def
                .fields()
                .find(|f| f.kind == forms::FieldKind::Phone)
                .and_then(|f| clean.get(&f.id))
                .and_then(|phone| phone_last4(phone));
            if !declared.get_untracked() {
                problems.set(vec![Problem {
                    target: ProblemTarget::Field(DECLARATION_ID.into()),
                    message: Msg::DeclarationRequired.text(lang).into(),
                }]);
                return;
            }
            problems.set(Vec::new());
            if store.is_practice() {
                // Checked like the real one; nothing is sent, and the practice answers are not kept.
                store.delete(&p);
                navigate(&store.step_path(&p.id, PRACTICE_DONE_STEP), Default::default());
                return;
            }
            // The key is made once, at the first press, and kept with the draft until the server answers.
            let key = store.draft.with_untracked(|d| d.idempotency_key.clone()).unwrap_or_else(platform::random_id);
            store.draft.update(|d| d.idempotency_key = Some(key.clone()));
            let supplement = store.draft.with_untracked(|d| d.supplement.clone());
            let (backend, p, def) = (backend.clone(), p.clone(), def.clone());
            let answers_sent = answers.clone();
            sending.set(true);
            failure.set(None);
            spawn_local(async move {
                let result = match &supplement {
                    Some(s) => {
                        let body = Supplement { answers };
                        backend.supplement(&s.code, &s.access_key, &body).await
                    }
                    None => {
                        let body = SubmitDossier { procedure_id: p.id.clone(), answers, idempotency_key: key };
                        backend.submit_dossier(&body).await
                    }
                };
                let _ = sending.try_set(false);
                match result {
                    Ok(mut receipt) => {
                        let code = receipt.code.clone();
                        // The key came with the first receipt only: a supplement's receipt keeps it.
                        if let Some(s) = &supplement {
                            receipt.access_key = Some(s.access_key.clone());
                        }
                        if keep_details.get_untracked() && supplement.is_none() {
                            keep_profile(&Profile::from_answers(&def, &answers_sent));
                        }
                        keep_receipt(&LocalReceipt {
                            receipt,
                            procedure_name: p.name.clone(),
                            supplement: supplement.is_some(),
                            phone_last4,
                        });
                        store.delete(&p);
                        // The receipt is drawn by the tracking bundle: a page load.
                        platform::go_to(&receipt_path(&code));
                    }
                    // What only the server could check (a file it no longer holds): field by field, as above.
                    Err(ApiError::Client { body: Some(body), .. }) if !body.fields.is_empty() => {
                        let lang = i18n.lang.get_untracked();
                        let found = body.fields.iter().map(|f| field_problem(store, &p.id, &def, &f.field, &f.target, f.message.get(lang).to_string()));
                        let _ = problems.try_set(found.collect());
                    }
                    Err(error) => {
                        if matches!(&error, ApiError::Client { status: 409, .. }) {
                            // The key went with different answers: the next press is a new submission.
                            let _ = store.draft.try_update(|d| d.idempotency_key = None);
                        }
                        let _ = failure.try_set(Some(error));
                    }
                }
            });
        }
    };
    // Queued after a network failure: sent again as soon as the device is back online.
    {
        let submit = submit.clone();
        let handle = window_event_listener(leptos::ev::online, move |_| {
            if failure.get_untracked().is_some_and(|e| e.is_transient()) {
                submit();
            }
        });
        on_cleanup(move || handle.remove());
    }

    let rows = {
        let (def, p) = (def.clone(), p.clone());
        move || {
            let lang = i18n.lang.get();
            store.draft.with(|d| {
                def.steps
                    .iter()
                    .map(|step| {
                        let rows = step
                            .fields
                            .iter()
                            .filter(|f| def.is_shown(f, &d.answers))
                            .map(|f| {
                                let label = f.label.get(lang).to_string();
                                let value = display_answer(f, &d.answers, lang).unwrap_or_else(|| Msg::NotGiven.text(lang).to_string());
                                let target = if matches!(f.kind, forms::FieldKind::Date { .. }) { format!("{}.day", f.id) } else { f.id.clone() };
                                let href = format!("{}?{RETURN_TO_CHECK}=1#{}", store.step_path(&p.id, &step.id), dom_id(&target));
                                view! {
                                    <div class="summary-list__row">
                                        <dt class="summary-list__key">{label.clone()}</dt>
                                        <dd class="summary-list__value">{value}</dd>
                                        <dd class="summary-list__actions">
                                            <a href=href>{Msg::CheckChange.text(lang)}<span class="visually-hidden">" " {label}</span></a>
                                        </dd>
                                    </div>
                                }
                            })
                            .collect_view();
                        view! {
                            <h2 class="subheading">{step.title.get(lang).to_string()}</h2>
                            <dl class="summary-list">{rows}</dl>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let declaration_error = move || {
        problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(DECLARATION_ID.into())).map(|p| p.message.clone()))
    };
    let failure_view = {
        let submit = submit.clone();
        move || {
            failure.get().map(|error| {
                let lang = i18n.lang.get();
                let queued = error.is_transient();
                let submit = submit.clone();
                view! {
                    <div class="error-panel" role="alert">
                        <p>{error.user_message(lang)}</p>
                        {queued.then(|| view! { <p>{Msg::QueuedNote.text(lang)}</p> })}
                        <button type="button" class="button button--secondary" on:click=move |_| submit()>{Msg::SendAgain.text(lang)}</button>
                    </div>
                }
            })
        }
    };
    let is_supplement = move || store.draft.with(|d| d.supplement.is_some());
    // Some fees follow the answers (copies by page): the citizen sees the amount before submitting.
    let fee = {
        let p = p.clone();
        move || {
            let fee = store.draft.with(|d| p.fee_for(&d.answers)).filter(|f| *f > 0 && !is_supplement())?;
            Some(view! { <p class="notice">{i18n.tr(Msg::CheckFee)} ": " <strong>{mytho_core::payment::format_vnd(fee)}</strong></p> })
        }
    };
    let name = p.name.clone();
    view! {
        <ErrorSummary problems=problems.into()/>
        <p class="caption">{move || name.get(i18n.lang.get()).to_string()}</p>
        <h1 class="page-title" id="step-heading" tabindex="-1">{i18n.text(Msg::CheckTitle)}</h1>
        {practice_banner(store)}
        {supplement_banner(store)}
        {rows}
        {fee}
        <form novalidate on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <h2 class="subheading">{i18n.text(Msg::DeclarationTitle)}</h2>
            <div class=move || if declaration_error().is_some() { "form-group form-group--error" } else { "form-group" }>
                {move || declaration_error().map(|message| view! { <InlineError id="f-declaration-error".to_string() message/> })}
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id=DECLARATION_ID
                        prop:checked=move || declared.get() on:change=move |ev| declared.set(event_target_checked(&ev))/>
                    <label class="checkboxes__label" for=DECLARATION_ID>{i18n.text(Msg::DeclarationText)}</label>
                </div>
            </div>
            {(!store.is_practice()).then(|| view! {
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="f-keep-details"
                        prop:checked=move || keep_details.get() on:change=move |ev| keep_details.set(event_target_checked(&ev))/>
                    <label class="checkboxes__label" for="f-keep-details">{i18n.text(Msg::ProfileConsent)}</label>
                </div>
            })}
            {failure_view}
            <button class="button" type="submit" disabled=move || sending.get()>
                {move || if store.is_practice() { i18n.tr(Msg::PracticeFinish) } else if sending.get() { i18n.tr(Msg::Submitting) } else if is_supplement() { i18n.tr(Msg::SubmitSupplement) } else { i18n.tr(Msg::SubmitDossier) }}
            </button>
        </form>
        <DraftNote/>
    }
}

/// A problem of one field, linked to its step's page (and back here once fixed).
fn field_problem(store: DraftStore, procedure_id: &str, def: &forms::FormDef, field: &str, target: &str, message: String) -> Problem {
    let step = forms::step_of(def, field).map(|s| s.id.clone()).unwrap_or_default();
    let href = format!("{}?{RETURN_TO_CHECK}=1#{}", store.step_path(procedure_id, &step), dom_id(target));
    Problem { target: ProblemTarget::Page(href), message }
}
