//! The few browser facts the app needs, in one place (storage may be missing on captive portals).

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

/// The element that holds the first screen from `index.html`; the app takes it over.
pub fn app_root() -> HtmlElement {
    let document = window().document().expect("a window has a document");
    document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into))
        .expect("index.html has a body")
        .unchecked_into()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Reads a stored preference; `None` when storage is blocked or empty.
pub fn stored(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Keeps a preference; silently does nothing where the browser keeps no storage.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn is_online() -> bool {
    window().navigator().on_line()
}

pub fn set_document_lang(code: &str) {
    if let Some(html) = window().document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", code);
    }
}

pub fn set_document_title(title: &str) {
    if let Some(document) = window().document() {
        document.set_title(title);
    }
}

/// A `?lang=` in the address, so a shared link can open in the sender's language.
pub fn lang_in_address() -> Option<String> {
    let search = window().location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang=").map(str::to_string))
}

pub fn reload() {
    let _ = window().location().reload();
}
