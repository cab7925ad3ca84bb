use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::i18n::Msg;

/// Offers the other language, named in that language; the visible name is part of the accessible name.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let other = move || i18n.lang.get().other();
    view! {
        <button type="button" class="lang-switch" on:click=move |_| i18n.set(other())>
            <span class="visually-hidden">{move || i18n.tr(Msg::SwitchLanguageLabel)} ": "</span>
            <span lang=move || other().code()>{move || other().native_name()}</span>
        </button>
    }
}
