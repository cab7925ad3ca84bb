use crate::components::{use_page_title};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Msg;
use mytho_core::routes::Area;

/// The same entries as the first screen in `index.html`, now live.
#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let config = expect_context::<AppConfig>();
    use_page_title(move || i18n.tr(Msg::HomeTitle).to_string());
    let areas: Vec<Area> = Area::ALL.into_iter().filter(|a| a.enabled(&config.features)).collect();
    view! {
        <h1 class="page-title">{move || i18n.tr(Msg::HomeHeading)}</h1>
        <ul class="entries">
            {areas
                .into_iter()
                .map(|area| {
                    view! {
                        <li>
                            <A href=area.path() attr:class="entry">
                                <span class="entry__name">{move || i18n.tr(area.name())}</span>
                                <span class="entry__hint">{move || i18n.tr(area.hint())}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
