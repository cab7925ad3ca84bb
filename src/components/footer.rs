use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Msg;

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let hotline = expect_context::<AppConfig>().hotline;
    let tel = format!("tel:{hotline}");
    view! {
        <footer class="site-footer">
            <p class="hotline">
                {move || i18n.tr(Msg::HotlineLabel)} ": "
                <a href=tel class="hotline__number">{hotline}</a>
                " – " {move || i18n.tr(Msg::HotlineHint)}
            </p>
            <p>{move || i18n.tr(Msg::FooterNote)}</p>
        </footer>
    }
}
