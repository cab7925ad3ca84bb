use crate::components::{LangSwitch};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Msg;
use mytho_core::routes::{Area, HOME};

/// City name, language switch and the main areas; the same on every page.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<AppConfig>();
    let app_name = config.app_name.clone();
    let areas: Vec<Area> = Area::ALL.into_iter().filter(|a| a.enabled(&config.features)).collect();
    // A demo city says so on every page, so nobody takes it for the real service.
    let demo = config.demo.then(|| view! { <p class="demo-banner"><strong>{move || i18n.tr(Msg::DemoNotice)}</strong></p> });
    view! {
        <a class="skip-link" href="#main">{move || i18n.tr(Msg::SkipToContent)}</a>
        {demo}
        <header class="site-header">
            <div class="site-header__bar">
                <A href=HOME attr:class="site-header__name">
                    {move || app_name.get(i18n.lang.get()).to_string()}
                </A>
                <LangSwitch/>
            </div>
            <p class="site-header__tagline">{move || i18n.tr(Msg::AppTagline)}</p>
            <nav class="site-nav" aria-label=move || i18n.tr(Msg::MainNavLabel)>
                <ul>
                    {areas
                        .into_iter()
                        .map(|area| {
                            view! {
                                <li>
                                    <A href=area.path()>{move || i18n.tr(area.name())}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}
