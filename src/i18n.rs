//! The user's language, in context: chosen on the switch, remembered on the device, mirrored in
//! `<html lang>`. The texts themselves are in the core crate's tables.

use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::{Lang, Msg};

use mytho_core::device::LANG_KEY as STORAGE_KEY;

#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Vietnamese unless the address or an earlier choice on this device says otherwise.
    pub fn initial() -> Lang {
        platform::lang_in_address()
            .or_else(|| platform::stored(STORAGE_KEY))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }

    pub fn provide() -> I18n {
        let i18n = I18n { lang: RwSignal::new(I18n::initial()) };
        Effect::new(move |_| platform::set_document_lang(i18n.lang.get().code()));
        provide_context(i18n);
        i18n
    }

    /// The switch's action: remembered at once.
    pub fn set(self, lang: Lang) {
        platform::store(STORAGE_KEY, lang.code());
        self.lang.set(lang);
    }

    /// A text that follows the language. Every such text is this one view type, so a text costs the
    /// app no code of its own (a `move ||` closure per text would be a type, and code, per text).
    pub fn text(self, msg: Msg) -> Signal<&'static str> {
        Signal::derive(move || msg.text(self.lang.get()))
    }

    /// A text in the current language (reactive when read inside a closure).
    pub fn tr(self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().expect("I18n is provided by App")
}
