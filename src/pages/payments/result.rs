use super::{pay_path, payment_receipt};
use crate::api::PaymentBackend;
use crate::components::{summary_row, use_page_title, LoadError, Loading};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::api::ApiError;
use mytho_core::payment::{dossier_of_return, format_vnd, PaymentStatus};
use mytho_core::routes::TRACKING;
use std::sync::Arc;

/// Where the provider sends the citizen back. It shows only what the gateway recorded (its IPN), so an
/// altered address can never show "paid".
#[component]
pub fn PayResult() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn PaymentBackend>>();
    let query = platform::query_string();
    let dossier = dossier_of_return(&query);
    let state = LocalResource::new(move || {
        let (backend, query) = (backend.clone(), query.clone());
        async move { backend.vnpay_return(&query).await }
    });
    use_page_title(move || i18n.tr(Msg::PayResultTitle).to_string());
    view! {
        <h1 class="page-title">{i18n.text(Msg::PayResultTitle)}</h1>
        {move || match state.get() {
            None => view! { <Loading/> }.into_any(),
            // Not verified: trying the same check again cannot help; the dossier's tracking can.
            Some(Err(error @ ApiError::Client { .. })) => {
                let lang = i18n.lang.get();
                let href = dossier.as_deref().map_or_else(|| TRACKING.to_string(), |c| format!("{TRACKING}?ma={c}"));
                view! {
                    <div class="error-panel" role="alert"><p>{error.user_message(lang)}</p></div>
                    <p><a class="button" href=href>{Msg::TrackThis.text(lang)}</a></p>
                }
                .into_any()
            }
            Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| state.refetch())/> }.into_any(),
            Some(Ok(p)) if p.status == PaymentStatus::Paid => payment_receipt(&p, i18n.lang.get()).into_any(),
            Some(Ok(p)) => {
                let lang = i18n.lang.get();
                view! {
                    <div class="error-panel">
                        <p class="subheading">{p.status.name(lang)}</p>
                    </div>
                    <dl class="summary-list">
                        {summary_row(Msg::ReceiptCode.text(lang), p.dossier_code.clone())}
                        {summary_row(Msg::PayAmount.text(lang), format_vnd(p.amount_vnd))}
                    </dl>
                    <p>{Msg::PayFailedNote.text(lang)}</p>
                    <p><a class="button" href=pay_path(&p.dossier_code)>{Msg::PayTryAgain.text(lang)}</a></p>
                }
                .into_any()
            }
        }}
    }
}
