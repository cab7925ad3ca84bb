use crate::api::ConfigLoadError;
use crate::components::{use_page_title, LangSwitch};
use crate::i18n::I18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::Msg;

/// Shown instead of the app when the city's `config.json` is missing or broken: says it is not the
/// user's fault, offers a retry, and keeps the technical reason for whoever fixes it.
#[component]
pub fn ConfigError(error: ConfigLoadError) -> impl IntoView {
    let i18n = I18n::provide();
    use_page_title(move || i18n.tr(Msg::ConfigErrorTitle).to_string());
    let detail = error.to_string();
    view! {
        <header class="site-header">
            <div class="site-header__bar">
                <span class="site-header__name">{move || i18n.tr(Msg::AppName)}</span>
                <LangSwitch/>
            </div>
        </header>
        <main id=crate::MAIN_ID tabindex="-1">
            <div class="error-panel" role="alert">
                <h1 class="page-title">{move || i18n.tr(Msg::ConfigErrorTitle)}</h1>
                <p>{move || i18n.tr(Msg::ConfigErrorBody)}</p>
            </div>
            <p>
                <button type="button" class="button" on:click=|_| platform::reload()>
                    {move || i18n.tr(Msg::TryAgain)}
                </button>
            </p>
            <details>
                <summary>{move || i18n.tr(Msg::ConfigErrorDetail)}</summary>
                <pre class="detail">{detail}</pre>
            </details>
        </main>
    }
}
