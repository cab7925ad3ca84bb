use super::payment_receipt;
use crate::components::qr_svg;
use crate::api::PaymentBackend;
use crate::components::{summary_row, use_page_title, InlineError};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mytho_core::api::ApiError;
use mytho_core::dossier::normalize_phone_last4;
use mytho_core::draft::{receipt_key, LocalReceipt};
use mytho_core::i18n::{Lang, Msg};
use mytho_core::payment::{format_vnd, PaymentMethod, PaymentStarted, PaymentState, PaymentStatus, StartPayment, Transfer};
use std::sync::Arc;

const PHONE_ID: &str = "pay-phone";
/// How often a pending transfer is checked again.
const TRANSFER_CHECK_MS: u64 = 5_000;

/// Choose how to pay a dossier's fee. VNPay: the gateway signs the pay URL and the app goes there in the
/// same window. VietQR: the QR and the transfer written out, pending until the gateway records it.
#[component]
pub fn PayPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn PaymentBackend>>();
    let code = crate::routes::use_route_id().get_untracked();
    let receipt: Option<LocalReceipt> = platform::read_json(&receipt_key(&code));
    let last4 = RwSignal::new(receipt.as_ref().and_then(|r| r.phone_last4.clone()).unwrap_or_default());
    let phone_problem = RwSignal::new(None::<String>);
    let recorded = RwSignal::new(None::<Result<Vec<PaymentState>, ApiError>>);
    let started = RwSignal::new(None::<Result<PaymentStarted, ApiError>>);
    let busy = RwSignal::new(false);
    use_page_title(move || i18n.tr(Msg::PayAction).to_string());

    // The second factor, checked before anything is asked of the server.
    let digits = move || -> Option<String> {
        let d = normalize_phone_last4(&last4.get_untracked());
        phone_problem.set(d.is_none().then(|| Msg::TrackPhoneInvalid.text(i18n.lang.get_untracked()).to_string()));
        d
    };
    let check = {
        let (backend, code) = (backend.clone(), code.clone());
        move || {
            let Some(d) = digits() else { return };
            let (backend, code) = (backend.clone(), code.clone());
            spawn_local(async move {
                let r = backend.payments(&code, &d).await;
                let _ = recorded.try_set(Some(r));
            });
        }
    };
    if !last4.get_untracked().is_empty() {
        check();
    }
    let pay = {
        let (backend, code) = (backend.clone(), code.clone());
        move |method: PaymentMethod| {
            let Some(d) = digits() else { return };
            let (backend, code) = (backend.clone(), code.clone());
            let start = StartPayment { phone_last4: d, method, lang: i18n.lang.get_untracked() };
            busy.set(true);
            spawn_local(async move {
                let r = backend.start_payment(&code, &start).await;
                match &r {
                    // Straight on to the provider, in this window.
                    Ok(PaymentStarted { pay_url: Some(url), .. }) => platform::go_to(url),
                    _ => {
                        let _ = busy.try_set(false);
                    }
                }
                let _ = started.try_set(Some(r));
            });
        }
    };
    let paid = move || recorded.with(|r| matches!(r, Some(Ok(list)) if list.iter().any(|p| p.status == PaymentStatus::Paid)));
    // A transfer waiting for the bank is checked again every few seconds while the page is in view
    // (not while hidden: no battery or data spent in a background tab); the status region announces it.
    {
        let check = check.clone();
        let waiting = move || started.with(|s| matches!(s, Some(Ok(PaymentStarted { transfer: Some(_), .. })))) && !paid();
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if waiting() && !platform::is_hidden() {
                    check();
                }
            },
            std::time::Duration::from_millis(TRANSFER_CHECK_MS),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    let name = receipt.as_ref().map(|r| r.procedure_name.clone());
    let fee = receipt.as_ref().and_then(|r| r.receipt.fee_vnd);
    let header = {
        let code = code.clone();
        move || {
            let lang = i18n.lang.get();
            view! {
                <h1 class="page-title">{Msg::PayAction.text(lang)}</h1>
                <dl class="summary-list">
                    {name.as_ref().map(|n| summary_row(Msg::TrackProcedure.text(lang), n.get(lang).to_string()))}
                    {summary_row(Msg::ReceiptCode.text(lang), code.clone())}
                    {fee.map(|f| summary_row(Msg::PayAmount.text(lang), format_vnd(f)))}
                </dl>
            }
        }
    };
    let (pay_card, pay_qr, check_again) = (pay.clone(), pay, check.clone());
    view! {
        {header}
        <div class=move || if phone_problem.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
            <label class="label" for=PHONE_ID>{i18n.text(Msg::TrackPhoneLabel)}</label>
            <p class="hint" id="pay-phone-hint">{i18n.text(Msg::PayNeedsPhone)}</p>
            {move || phone_problem.get().map(|message| view! { <InlineError id="pay-phone-error".to_string() message/> })}
            <input class="input input--4" id=PHONE_ID inputmode="numeric" autocomplete="off"
                aria-describedby=move || if phone_problem.with(Option::is_some) { "pay-phone-hint pay-phone-error" } else { "pay-phone-hint" }
                prop:value=move || last4.get() on:input=move |ev| last4.set(event_target_value(&ev))/>
        </div>
        <div role="status">
            {move || recorded.get().map(|r| recorded_view(r, i18n.lang.get()))}
        </div>
        <Show when=move || !paid()>
            <p>{i18n.text(Msg::PayIntro)}</p>
            <p class="actions">
                <button type="button" class="button" disabled=move || busy.get() on:click={
                    let pay = pay_card.clone();
                    move |_| pay(PaymentMethod::Vnpay)
                }>{i18n.text(Msg::PayVnpay)}</button>
                <button type="button" class="button button--secondary" disabled=move || busy.get() on:click={
                    let pay = pay_qr.clone();
                    move |_| pay(PaymentMethod::Vietqr)
                }>{i18n.text(Msg::PayVietqr)}</button>
            </p>
        </Show>
        <div aria-live="polite">
            {move || started.get().map(|r| {
                let lang = i18n.lang.get();
                match r {
                    Ok(PaymentStarted { pay_url: Some(_), .. }) => view! { <p class="notice">{Msg::PayRedirecting.text(lang)}</p> }.into_any(),
                    Ok(PaymentStarted { transfer: Some(t), .. }) => transfer_view(t, lang).into_any(),
                    Ok(_) => ().into_any(),
                    Err(e) => view! { <div class="error-panel" role="alert"><p>{e.user_message(lang)}</p></div> }.into_any(),
                }
            })}
        </div>
        <p>
            <button type="button" class="button button--secondary" on:click=move |_| check_again()>
                {i18n.text(Msg::PayCheckStatus)}
            </button>
        </p>
    }
}

fn recorded_view(r: Result<Vec<PaymentState>, ApiError>, lang: Lang) -> AnyView {
    match r {
        Ok(list) => match list.iter().find(|p| p.status == PaymentStatus::Paid).or(list.first()) {
            Some(p) if p.status == PaymentStatus::Paid => payment_receipt(p, lang).into_any(),
            Some(p) => view! {
                <dl class="summary-list">{summary_row(Msg::PayStatus.text(lang), p.status.name(lang))}</dl>
                {(p.status == PaymentStatus::Pending).then(|| view! { <p>{Msg::PayPendingNote.text(lang)}</p> })}
            }
            .into_any(),
            None => ().into_any(),
        },
        Err(e) => view! { <div class="error-panel" role="alert"><p>{e.user_message(lang)}</p></div> }.into_any(),
    }
}

fn transfer_view(t: Transfer, lang: Lang) -> impl IntoView {
    // Shown as people read it; copied as the bank app wants it (the amount as bare digits).
    let row = |label: Msg, shown: String, copy: String| {
        summary_row(
            label.text(lang),
            view! {
                <span class="copy-value">{shown}</span> " "
                <CopyButton text=copy label=label.text(lang)/>
            },
        )
    };
    view! {
        <section aria-labelledby="transfer-title">
            <h2 class="subheading" id="transfer-title">{Msg::PayVietqr.text(lang)}</h2>
            <p>{Msg::PayQrIntro.text(lang)}</p>
            {qr_svg(&t.payload, Msg::PayQrLabel.text(lang).to_string())}
            <dl class="summary-list">
                {summary_row(Msg::PayBank.text(lang), mytho_core::vietqr::bank_label(&t.bank_bin))}
                {row(Msg::PayAccount, t.account.clone(), t.account.clone())}
                {summary_row(Msg::PayAccountName.text(lang), t.account_name.clone())}
                {row(Msg::PayAmount, format_vnd(t.amount_vnd), t.amount_vnd.to_string())}
                {row(Msg::PayPurpose, t.purpose.clone(), t.purpose.clone())}
            </dl>
        </section>
    }
}

#[component]
fn CopyButton(text: String, label: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let done = RwSignal::new(false);
    view! {
        <button type="button" class="button button--secondary button--small" on:click=move |_| {
            platform::copy_text(&text);
            done.set(true);
        }>
            {move || if done.get() { i18n.tr(Msg::Copied) } else { i18n.tr(Msg::Copy) }}
            <span class="visually-hidden">" " {label}</span>
        </button>
    }
}
