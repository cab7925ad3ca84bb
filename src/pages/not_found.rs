use crate::components::{use_page_title};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::i18n::Msg;
use mytho_core::routes::HOME;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::NotFoundTitle).to_string());
    view! {
        <h1 class="page-title">{move || i18n.tr(Msg::NotFoundTitle)}</h1>
        <p>{move || i18n.tr(Msg::NotFoundBody)}</p>
        <p><A href=HOME>{move || i18n.tr(Msg::BackToHome)}</A></p>
    }
}
