use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::config::AppConfig;

/// Keeps `document.title` as "<page> – <app name>" in the current language.
pub fn use_page_title(title: impl Fn() -> String + 'static) {
    let i18n = use_i18n();
    let app_name = use_context::<AppConfig>().map(|c| c.app_name);
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        let page = title();
        let full = match &app_name {
            Some(name) => format!("{page} – {}", name.get(lang)),
            None => page,
        };
        platform::set_document_title(&full);
    });
}
