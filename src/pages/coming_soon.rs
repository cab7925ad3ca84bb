use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Msg;
use mytho_core::routes::{Area, Bundle, HOME};
use leptos_router::hooks::use_params_map;
use crate::pages::NotFound;

/// Every address under an area: an area not built yet says so; an unknown or switched-off one is 404.
#[component]
pub fn AreaPage() -> impl IntoView {
    let params = use_params_map();
    let features = expect_context::<AppConfig>().features;
    move || {
        let area = params.read().get("area").and_then(|s| Area::from_segment(&s));
        // Built areas have their own bundles: only the shell's unbuilt areas are "coming soon".
        match area.filter(|a| a.enabled(&features) && a.bundle() == Bundle::Shell) {
            Some(area) => view! { <ComingSoon area/> }.into_any(),
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

/// An honest page for an area that is not built yet: no sample content, a way to get help now.
#[component]
pub fn ComingSoon(area: Area) -> impl IntoView {
    let i18n = use_i18n();
    let hotline = expect_context::<AppConfig>().hotline;
    use_page_title(move || format!("{} – {}", i18n.tr(area.name()), i18n.tr(Msg::ComingSoonHeading)));
    view! {
        <h1 class="page-title">{move || i18n.tr(area.name())}</h1>
        <p class="tag">{move || i18n.tr(Msg::ComingSoonHeading)}</p>
        <p>{move || i18n.tr(Msg::ComingSoonBody)}</p>
        <p>
            {move || i18n.tr(Msg::HotlineLabel)} ": "
            <a href=format!("tel:{hotline}")>{hotline.clone()}</a>
        </p>
        <p><A href=HOME>{move || i18n.tr(Msg::BackToHome)}</A></p>
    }
}
