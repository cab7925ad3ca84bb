use super::draft::write;
use super::{DRAFTS, PROFILE};
use crate::api::{DossierBackend, TrackingBackend};
use crate::components::{summary_row, title_with_errors, use_page_title, ErrorSummary, InlineError, Problem, ProblemTarget};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use crate::platform;
use mytho_core::api::ApiError;
use mytho_core::dossier::{normalize_access_key, normalize_code, normalize_phone_last4, Status, Tracking};
use mytho_core::draft::{receipt_key, step_path, LocalDraft, LocalReceipt, SupplementFor};
use mytho_core::i18n::{Lang, Msg};
use mytho_core::validate::date::vn_datetime;
use mytho_core::validate::Date;
use crate::pages::payments::pay_path;
use mytho_core::payment::{format_vnd, PaymentStatus};
use std::sync::Arc;

const CODE_ID: &str = "track-code";
const PHONE_ID: &str = "track-phone";
const KEY_ID: &str = "supplement-key";

/// Tracking by dossier code plus the last 4 digits of the applicant's phone (never put in the address),
/// the official statuses on a timeline, and the way to correct a dossier the office sent back.
#[component]
pub fn TrackingPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn TrackingBackend>>();
    let query = use_query_map();
    let code = RwSignal::new(query.read_untracked().get("ma").unwrap_or_default());
    let last4 = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let result = RwSignal::new(None::<Result<Tracking, ApiError>>);
    let busy = RwSignal::new(false);
    use_page_title(move || title_with_errors(i18n.tr(Msg::AreaTracking).to_string(), !problems.with(Vec::is_empty), i18n.lang.get()));

    let on_submit = {
        let backend = backend.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let lang = i18n.lang.get_untracked();
            let typed_code = code.get_untracked();
            let digits = normalize_phone_last4(&last4.get_untracked());
            let mut found = Vec::new();
            let normalized = normalize_code(&typed_code);
            if typed_code.trim().is_empty() {
                found.push(problem(CODE_ID, Msg::TrackCodeRequired, lang));
            } else if normalized.is_none() {
                found.push(problem(CODE_ID, Msg::TrackCodeInvalid, lang));
            }
            if digits.is_none() {
                found.push(problem(PHONE_ID, Msg::TrackPhoneInvalid, lang));
            }
            problems.set(found);
            let (Some(normalized), Some(digits)) = (normalized, digits) else { return };
            let backend = backend.clone();
            busy.set(true);
            spawn_local(async move {
                let r = backend.track(&normalized, &digits).await;
                let _ = busy.try_set(false);
                let _ = result.try_set(Some(r));
            });
        }
    };
    let message_for = move |id: &'static str| move || {
        problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(id.into())).map(|p| p.message.clone()))
    };
    let group = move |id: &'static str| move || if message_for(id)().is_some() { "form-group form-group--error" } else { "form-group" };
    let described = move |id: &'static str| move || {
        if message_for(id)().is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") }
    };
    view! {
        <ErrorSummary problems=problems.into()/>
        <h1 class="page-title">{i18n.text(Msg::AreaTracking)}</h1>
        <p>{i18n.text(Msg::TrackIntro)}</p>
        <form novalidate on:submit=on_submit>
            <div class=group(CODE_ID)>
                <label class="label" for=CODE_ID>{i18n.text(Msg::TrackCodeLabel)}</label>
                <p class="hint" id="track-code-hint">{i18n.text(Msg::TrackCodeHint)}</p>
                {move || message_for(CODE_ID)().map(|message| view! { <InlineError id="track-code-error".to_string() message/> })}
                <input class="input" id=CODE_ID name="code" autocomplete="off" spellcheck="false" autocapitalize="characters"
                    aria-describedby=described(CODE_ID)
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
            </div>
            <div class=group(PHONE_ID)>
                <label class="label" for=PHONE_ID>{i18n.text(Msg::TrackPhoneLabel)}</label>
                <p class="hint" id="track-phone-hint">{i18n.text(Msg::TrackPhoneHint)}</p>
                {move || message_for(PHONE_ID)().map(|message| view! { <InlineError id="track-phone-error".to_string() message/> })}
                <input class="input input--4" id=PHONE_ID name="phone-last4" inputmode="numeric" autocomplete="off"
                    aria-describedby=described(PHONE_ID)
                    prop:value=move || last4.get() on:input=move |ev| last4.set(event_target_value(&ev))/>
            </div>
            <button class="button" type="submit" disabled=move || busy.get()>{i18n.text(Msg::TrackButton)}</button>
        </form>
        <div role="status" aria-live="polite">
            {move || result.get().map(|r| match r {
                Ok(t) => tracking_view(t, problems, i18n.lang.get()).into_any(),
                Err(e) => view! { <div class="error-panel"><p>{e.user_message(i18n.lang.get())}</p></div> }.into_any(),
            })}
        </div>
        // What this device keeps: drafts, and everything (to clear a shared phone).
        <p><a href=DRAFTS>{i18n.text(Msg::DraftsTitle)}</a></p>
        <p><a href=PROFILE>{i18n.text(Msg::DeviceDataTitle)}</a></p>
    }
}

fn problem(id: &str, msg: Msg, lang: Lang) -> Problem {
    Problem { target: ProblemTarget::Field(id.into()), message: msg.text(lang).into() }
}

fn tracking_view(t: Tracking, problems: RwSignal<Vec<Problem>>, lang: Lang) -> impl IntoView {
    let appointment = Date::parse_iso(&t.appointment).map_or(t.appointment.clone(), Date::display);
    let reason = t.timeline.last().filter(|e| e.status.needs_reason()).and_then(|e| e.note.clone());
    let steps = t
        .timeline
        .iter()
        .rev()
        .map(|e| {
            view! {
                <li class="timeline__item">
                    <p class="timeline__status">
                        {match e.paid_vnd {
                            Some(amount) => format!("{} {}", Msg::TimelinePaid.text(lang), format_vnd(amount)),
                            None => e.status.name(lang).to_string(),
                        }}
                    </p>
                    <p class="timeline__time">{vn_datetime(&e.at)}</p>
                    {e.note.as_ref().map(|n| view! { <p>{n.get(lang).to_string()}</p> })}
                </li>
            }
        })
        .collect_view();
    let supplement = (t.status == Status::AwaitingSupplement).then(|| {
        view! { <SupplementButton code=t.code.clone() procedure_id=t.procedure_id.clone() problems/> }
    });
    view! {
        <section class="tracking" aria-labelledby="tracking-title">
            <h2 class="subheading" id="tracking-title">{Msg::ReceiptCode.text(lang)} " " {t.code.clone()}</h2>
            <dl class="summary-list">
                {summary_row(Msg::TrackProcedure.text(lang), t.procedure_name.get(lang).to_string())}
                {summary_row(Msg::TrackStatus.text(lang), view! {
                    <strong class="tag tag--status">{t.status.name(lang)}</strong>
                    {t.overdue.then(|| view! { " " <strong class="tag tag--overdue">{Msg::TrackOverdue.text(lang)}</strong> })}
                })}
                {reason.map(|r| summary_row(Msg::TrackReason.text(lang), r.get(lang).to_string()))}
                {summary_row(Msg::ReceiptAppointment.text(lang), appointment)}
                {t.fee_vnd.map(|fee| {
                    let status = t.payment;
                    let paid = status == Some(PaymentStatus::Paid);
                    let href = pay_path(&t.code);
                    summary_row(Msg::ProcFee.text(lang), view! {
                        {format_vnd(fee)} " – "
                        {status.map_or(Msg::PayNotYet.text(lang), |s| s.name(lang))}
                        {(!paid).then(|| view! { <br/><a href=href.clone()>{Msg::PayAction.text(lang)}</a> })}
                    })
                })}
            </dl>
            {supplement}
            <h3 class="subheading">{Msg::TrackTimeline.text(lang)}</h3>
            <ol class="timeline">{steps}</ol>
        </section>
    }
}

/// Opens the dossier's form prefilled with what was sent, to fix or add what the office asked for. That
/// needs the dossier's access key: the one kept with the receipt on this device, or typed from the
/// paper receipt (the 4 digits that show the status open nothing personal).
#[component]
fn SupplementButton(code: String, procedure_id: String, problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    let (backend, procedures) = (expect_context::<Arc<dyn TrackingBackend>>(), expect_context::<Arc<dyn DossierBackend>>());
    let kept = platform::read_json::<LocalReceipt>(&receipt_key(&code)).and_then(|r| r.receipt.access_key);
    // Asked for when this device has no key, or the one it has is refused (the paper's is the one).
    let ask = RwSignal::new(kept.is_none());
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let key_problem = move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(KEY_ID.into())).map(|p| p.message.clone()));
    let on_click = move |_| {
        let lang = i18n.lang.get_untracked();
        let key = match kept.clone().filter(|_| !ask.get_untracked()) {
            Some(k) => k,
            None => {
                let t = typed.get_untracked();
                let Some(k) = normalize_access_key(&t) else {
                    let msg = if t.trim().is_empty() { Msg::SupplementKeyRequired } else { Msg::SupplementKeyInvalid };
                    problems.set(vec![problem(KEY_ID, msg, lang)]);
                    return;
                };
                k
            }
        };
        problems.set(Vec::new());
        let (backend, procedures) = (backend.clone(), procedures.clone());
        let (code, procedure_id) = (code.clone(), procedure_id.clone());
        spawn_local(async move {
            let loaded = async {
                let stored = backend.stored_answers(&code, &key).await?;
                let procedure = procedures.procedure(&procedure_id).await?;
                Ok::<_, ApiError>((stored, procedure))
            };
            match loaded.await {
                Ok((stored, procedure)) => {
                    let first = procedure.form.as_ref().and_then(|f| f.steps.first()).map(|s| s.id.clone()).unwrap_or_default();
                    let mut draft = LocalDraft::new(&procedure.id, procedure.name.clone(), &first);
                    draft.answers = stored.answers;
                    draft.supplement = Some(SupplementFor { code, access_key: key });
                    write(&draft.key(), &draft);
                    // The form is drawn by the dossiers bundle: a page load.
                    platform::go_to(&step_path(&procedure.id, &first));
                }
                // A wrong key is the field's problem, said in the server's words; a refused kept key
                // brings the field out, to type the one on the paper receipt.
                Err(ApiError::Client { status: 403, body: Some(body) }) => {
                    let message = body.message.get(i18n.lang.get_untracked()).to_string();
                    let _ = ask.try_set(true);
                    let _ = problems.try_set(vec![Problem { target: ProblemTarget::Field(KEY_ID.into()), message }]);
                }
                Err(e) => {
                    let _ = error.try_set(Some(e));
                }
            }
        });
    };
    let field = move || ask.get().then(|| {
        view! {
            <div class=move || if key_problem().is_some() { "form-group form-group--error" } else { "form-group" }>
                <p>{i18n.text(Msg::SupplementKeyExplain)}</p>
                <label class="label" for=KEY_ID>{i18n.text(Msg::SupplementKeyLabel)}</label>
                <p class="hint" id="supplement-key-hint">{i18n.text(Msg::SupplementKeyHint)}</p>
                {move || key_problem().map(|message| view! { <InlineError id="supplement-key-error".to_string() message/> })}
                <input class="input" id=KEY_ID name="access-key" autocomplete="off" spellcheck="false" autocapitalize="characters"
                    aria-describedby=move || if key_problem().is_some() { "supplement-key-hint supplement-key-error" } else { "supplement-key-hint" }
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
        }
    });
    view! {
        {field}
        <p><button type="button" class="button" on:click=on_click>{i18n.text(Msg::SupplementAction)}</button></p>
        {move || error.get().map(|e| view! { <div class="error-panel" role="alert"><p>{e.user_message(i18n.lang.get())}</p></div> })}
    }
}
