use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::routes::TRACKING;

/// `/thanh-toan` itself: a fee is paid from its dossier, so this says how to get there.
#[component]
pub fn PayStart() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::PayAction).to_string());
    view! {
        <h1 class="page-title">{i18n.text(Msg::PayAction)}</h1>
        <p>{i18n.text(Msg::PayStartNote)}</p>
        <p><a class="button" href=TRACKING>{i18n.text(Msg::AreaTracking)}</a></p>
    }
}
