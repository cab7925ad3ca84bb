use crate::components::use_page_title;
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::i18n::Msg;
use mytho_core::routes::HOME;

/// In place of an area whose code could not be fetched (offline, and the area never opened on this
/// device): says why and what to do, with a retry (`retry`, which the area's loading tracks). `again`:
/// the retry failed too; an alert says so, afresh after each tap, so no tap goes unanswered.
#[component]
pub fn AreaUnavailable(again: ReadSignal<bool>, retry: Trigger) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::AreaUnavailableTitle).to_string());
    let again = Signal::derive(move || if again.get() { i18n.tr(Msg::AreaUnavailableAgain) } else { "" });
    let retry = move |_| {
        retry.notify();
        // The button goes with this page: focus follows to the area when it comes.
        platform::focus_after_navigation(crate::MAIN_ID);
    };
    view! {
        <h1 class="page-title">{i18n.text(Msg::AreaUnavailableTitle)}</h1>
        <p>{i18n.text(Msg::AreaUnavailableBody)}</p>
        <p class="notice notice--queued notice--live" role="alert">{again}</p>
        <p>
            <button type="button" class="button" on:click=retry>{i18n.text(Msg::TryAgain)}</button>
        </p>
        <p>{i18n.text(Msg::AreaUnavailableVisited)}</p>
        <p><A href=HOME>{i18n.text(Msg::BackToHome)}</A></p>
    }
}
