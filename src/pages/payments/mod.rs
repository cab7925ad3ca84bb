//! Paying a dossier's fee: the hand-off to the payment provider (VNPay), the VietQR transfer, and the
//! page the provider sends the citizen back to. Whether something is paid is only ever read from the
//! gateway.

mod pay;
mod result;
mod start;

pub use pay::PayPage;
pub use result::PayResult;
pub use start::PayStart;

use crate::components::summary_row;
use leptos::prelude::*;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::payment::{format_vnd, PaymentMethod, PaymentState};
use mytho_core::routes::PAYMENT;
use mytho_core::validate::date::vn_datetime;

pub fn pay_path(code: &str) -> String {
    format!("{PAYMENT}/ho-so/{code}")
}

/// The payment receipt (biên lai) of a paid fee, as the gateway recorded it; printable.
pub fn payment_receipt(p: &PaymentState, lang: Lang) -> impl IntoView {
    let method = match p.method {
        PaymentMethod::Vnpay => "VNPay",
        PaymentMethod::Vietqr => "VietQR",
    };
    view! {
        <div class="panel panel--confirmation">
            <h2 class="panel__title">{Msg::PayReceiptTitle.text(lang)}</h2>
            <p class="panel__body">{p.status.name(lang)} " – " {format_vnd(p.amount_vnd)}</p>
        </div>
        <dl class="summary-list">
            {summary_row(Msg::ReceiptCode.text(lang), p.dossier_code.clone())}
            {summary_row(Msg::PayAmount.text(lang), format_vnd(p.amount_vnd))}
            {summary_row(Msg::PayMethod.text(lang), method)}
            {summary_row(Msg::PayTxnRef.text(lang), p.txn_ref.clone())}
            {p.paid_at.as_ref().map(|t| summary_row(Msg::PayPaidAt.text(lang), vn_datetime(t)))}
        </dl>
        <p>{Msg::PayPaidNote.text(lang)}</p>
        <p class="no-print">
            <button type="button" class="button button--secondary" on:click=|_| crate::platform::print()>{Msg::Print.text(lang)}</button>
        </p>
    }
}
