use super::draft::read;
use super::tracking_path;
use crate::components::{qr_svg, summary_row, use_page_title};
use crate::pages::payments::pay_path;
use mytho_core::payment::format_vnd;
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::draft::{receipt_key, LocalReceipt};
use mytho_core::i18n::Msg;
use mytho_core::validate::date::vn_datetime;
use mytho_core::validate::Date;

/// The receipt after a submission: the dossier code, the appointment for the result, what happens
/// next, and a printable version (the print style drops the navigation).
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let code = crate::routes::use_route_id();
    let code = move || code.get();
    let receipt = Memo::new(move |_| read::<LocalReceipt>(&receipt_key(&code())));
    use_page_title(move || {
        let title = if receipt.with(|r| r.as_ref().is_some_and(|r| r.supplement)) { Msg::SupplementSentTitle } else { Msg::ReceiptTitle };
        i18n.tr(title).to_string()
    });
    move || {
        let lang = i18n.lang.get();
        let Some(r) = receipt.get() else {
            return view! {
                <h1 class="page-title">{Msg::ReceiptCode.text(lang)} " " {code()}</h1>
                <p>{Msg::ReceiptMissing.text(lang)}</p>
                <p><a class="button" href=tracking_path(&code())>{Msg::TrackThis.text(lang)}</a></p>
            }
            .into_any();
        };
        let title = if r.supplement { Msg::SupplementSentTitle } else { Msg::ReceiptTitle };
        let appointment = Date::parse_iso(&r.receipt.appointment).map_or(r.receipt.appointment.clone(), Date::display);
        let code = r.receipt.code.clone();
        view! {
            <div class="panel panel--confirmation">
                <h1 class="panel__title">{title.text(lang)}</h1>
                <p class="panel__body">{Msg::ReceiptCode.text(lang)} <br/><strong class="receipt-code">{code.clone()}</strong></p>
            </div>
            <p>{Msg::ReceiptKeepCode.text(lang)}</p>
            {r.receipt.access_key.clone().filter(|_| !r.supplement).map(|key| view! {
                <section class="access-key" aria-labelledby="access-key-title">
                    <h2 class="subheading" id="access-key-title">{Msg::ReceiptAccessKey.text(lang)}</h2>
                    <p><strong class="receipt-key">{key.clone()}</strong></p>
                    <p>{Msg::ReceiptAccessKeyExplain.text(lang)}</p>
                    {qr_svg(&format!("{code} {key}"), Msg::ReceiptAccessKeyQr.text(lang).to_string())}
                </section>
            })}
            <dl class="summary-list">
                {summary_row(Msg::TrackProcedure.text(lang), r.procedure_name.get(lang).to_string())}
                {summary_row(Msg::ReceiptSubmittedAt.text(lang), vn_datetime(&r.receipt.submitted_at))}
                {summary_row(Msg::ReceiptAppointment.text(lang), appointment)}
            </dl>
            <h2 class="subheading">{Msg::ReceiptNextTitle.text(lang)}</h2>
            <p>{Msg::ReceiptNext.text(lang)}</p>
            {r.receipt.fee_vnd.filter(|_| !r.supplement).map(|fee| {
                let href = pay_path(&code);
                view! {
                    <p class="no-print">
                        <a class="button" href=href.clone()>{Msg::PayAction.text(lang)} " (" {format_vnd(fee)} ")"</a>
                    </p>
                }
            })}
            <p class="actions">
                <button type="button" class="button button--secondary no-print" on:click=|_| platform::print()>{Msg::Print.text(lang)}</button>
                <a class="button no-print" href=tracking_path(&code)>{Msg::TrackThis.text(lang)}</a>
            </p>
        }
        .into_any()
    }
}
