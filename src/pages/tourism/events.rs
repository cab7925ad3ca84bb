use super::{back_to_guide, upcoming_events, with_content};
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::i18n::Msg;

/// Festivals and regular events that are not over yet, soonest first; the past is hidden.
#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || format!("{} – {}", i18n.tr(Msg::EventsTitle), i18n.tr(Msg::GuideTitle)));
    with_content(|t, lang| {
        view! {
            {back_to_guide(lang)}
            <h1 class="page-title">{Msg::EventsTitle.text(lang)}</h1>
            {upcoming_events(t, lang, usize::MAX)}
        }
    })
}
