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

/// The address the page was opened at (its path only).
pub fn path() -> String {
    window().location().pathname().unwrap_or_default()
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Opens the device's storage (the browser loads it on the first use), so a later read is quick.
pub fn open_storage() {
    let _ = stored("");
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

/// Whether the page is out of sight (another tab, the phone locked): periodic checks wait.
pub fn is_hidden() -> bool {
    window().document().is_some_and(|d| d.hidden())
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

/// A stored JSON value; `None` when missing, blocked or unreadable.
pub fn read_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::parse(&stored(key)?).ok()
}

/// Keeps a value as JSON (silently nothing where the browser keeps no storage).
pub fn write_json<T: serde::Serialize>(key: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        store(key, &json);
    }
}

/// Forgets a stored item.
pub fn forget(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

/// Every stored key that starts with `prefix`.
pub fn stored_keys(prefix: &str) -> Vec<String> {
    let Some(storage) = local_storage() else { return Vec::new() };
    let n = storage.length().unwrap_or(0);
    (0..n).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Milliseconds since 1970.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Waits `ms` milliseconds; `sleep(0)` gives the page back to the browser (input, painting) for a moment.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Today on the device's calendar (people in Việt Nam: their local day).
pub fn today() -> mytho_core::validate::Date {
    let d = js_sys::Date::new_0();
    mytho_core::validate::Date::new(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or(mytho_core::validate::Date { year: 1970, month: 1, day: 1 })
}

/// A random, unguessable id (the idempotency key of a submission).
pub fn random_id() -> String {
    window().crypto().map(|c| c.random_uuid()).unwrap_or_else(|_| {
        // Very old browsers: still unique enough to tell two submissions apart.
        format!("{:x}-{:x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e16) as u64)
    })
}

/// What the visitor typed into the first screen's fields (by id) and where the focus was, read before
/// the app replaces that screen: the app's fields of the same ids take it over ([`TypedBefore::restore`]).
pub struct TypedBefore {
    values: Vec<(String, String)>,
    focused: Option<String>,
    frames_left: u8,
}

impl TypedBefore {
    pub fn read(root: &HtmlElement) -> TypedBefore {
        let mut values = Vec::new();
        if let Ok(fields) = root.query_selector_all("input[id]") {
            for i in 0..fields.length() {
                let Some(field) = fields.item(i).and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok()) else { continue };
                if !field.value().is_empty() {
                    values.push((field.id(), field.value()));
                }
            }
        }
        let focused = window().document().and_then(|d| d.active_element()).map(|e| e.id()).filter(|id| !id.is_empty());
        TypedBefore { values, focused, frames_left: 60 }
    }

    /// Puts the values into the app's fields as if typed there (an `input` event, so the app's state
    /// follows), and the focus back, with the caret at the end. The area's page may be drawn a frame or
    /// two after the app starts: what is not there yet is tried again on the next frames.
    pub fn restore(mut self) {
        let Some(document) = window().document() else { return };
        self.values.retain(|(id, value)| {
            let Some(field) = document.get_element_by_id(id).and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return true };
            field.set_value(value);
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                let _ = field.dispatch_event(&event);
            }
            false
        });
        if let Some(id) = self.focused.take_if(|id| document.get_element_by_id(id).is_some()) {
            focus(&id);
        }
        if (self.values.is_empty() && self.focused.is_none()) || self.frames_left == 0 {
            return;
        }
        self.frames_left -= 1;
        leptos::prelude::request_animation_frame(move || self.restore());
    }
}

/// The page's element of that id.
fn element(id: &str) -> Option<web_sys::Element> {
    window().document()?.get_element_by_id(id)
}

/// Moves an element's children (none when it is missing) into a new `<div class="first-screen">`
/// outside the page, to be shown elsewhere ([`append_to`]).
pub fn take_children(id: &str) -> Option<web_sys::Element> {
    let parent = element(id)?;
    let holder = window().document()?.create_element("div").ok()?;
    let _ = holder.set_attribute("class", "first-screen");
    while let Some(child) = parent.first_child() {
        let _ = holder.append_child(&child);
    }
    Some(holder)
}

/// Puts a node at the end of an element.
pub fn append_to(id: &str, node: &web_sys::Node) {
    if let Some(parent) = element(id) {
        let _ = parent.append_child(node);
    }
}

/// Moves keyboard focus (and the screen reader) to an element.
pub fn focus(id: &str) {
    if let Some(el) = element(id) {
        let _ = el.unchecked_into::<HtmlElement>().focus();
    }
}

/// After a move to another address, keeps keyboard focus (and the screen reader) off the page's body.
/// The link that was used is usually gone with the old page, which drops focus to `<body>`; one in the
/// header or footer stays but leaves the reader far from the new page. Either way focus goes to `main_id`,
/// unless the new page put it somewhere itself (a form step's heading, an error summary). An area's code
/// may still be on its way with the old page shown, so this looks again on each frame while focus has
/// not moved, for up to ten seconds.
pub fn focus_after_navigation(main_id: &'static str) {
    let Some(document) = window().document() else { return };
    let used = document.active_element();
    settle_focus(document, used, main_id, 600);
}

fn settle_focus(document: web_sys::Document, used: Option<web_sys::Element>, main_id: &'static str, frames_left: u32) {
    leptos::prelude::request_animation_frame(move || {
        let body: Option<web_sys::Element> = document.body().map(Into::into);
        let active = document.active_element().filter(|a| Some(a) != body.as_ref());
        let in_main = |a: &web_sys::Element| document.get_element_by_id(main_id).is_some_and(|m| m.contains(Some(a)));
        match active {
            // The new page placed it.
            Some(a) if Some(&a) != used.as_ref() => {}
            // Still the old page's link (or one the new page kept): look again once the new page is drawn.
            Some(a) if in_main(&a) => {
                if frames_left > 0 {
                    settle_focus(document, used, main_id, frames_left - 1);
                }
            }
            _ => focus(main_id),
        }
    });
}

pub fn print() {
    let _ = window().print();
}

/// The address's query string, without the `?`.
pub fn query_string() -> String {
    window().location().search().unwrap_or_default().trim_start_matches('?').to_string()
}

/// Leaves the app for another page in the same window (captive mini-browsers cannot open new ones).
pub fn go_to(url: &str) {
    let _ = window().location().assign(url);
}

/// Puts a text on the clipboard (people paste account numbers into their banking app).
pub fn copy_text(text: &str) {
    let _ = window().navigator().clipboard().write_text(text);
}

/// The root font size in pixels: 16, or 20 with the larger-text switch on (sizes are in rem).
pub fn root_font_px() -> f64 {
    let large = window().document().and_then(|d| d.document_element()).is_some_and(|h| h.class_list().contains("text-large"));
    if large { 20.0 } else { 16.0 }
}

/// Larger text for older eyes: a class on `<html>` (every size is in rem), remembered on the device.
pub fn set_large_text(on: bool) {
    if let Some(html) = window().document().and_then(|d| d.document_element()) {
        let _ = if on { html.class_list().add_1("text-large") } else { html.class_list().remove_1("text-large") };
    }
    store(LARGE_TEXT_KEY, if on { "1" } else { "0" });
}

pub fn large_text() -> bool {
    stored(LARGE_TEXT_KEY).as_deref() == Some("1")
}

use mytho_core::device::LARGE_TEXT_KEY;

/// Erases everything of the user's the app keeps here; the language and text size stay.
pub fn forget_users_data() {
    for key in stored_keys(mytho_core::device::PREFIX) {
        if mytho_core::device::is_users_data(&key) {
            forget(&key);
        }
    }
}

/// This site's origin (`https://…`), for links shown or encoded in a QR code.
pub fn origin() -> String {
    window().location().origin().unwrap_or_default()
}

/// The device's position (latitude, longitude, accuracy in metres), asked only when the user taps for
/// it; `None` when refused, turned off, missing or too slow.
pub async fn locate() -> Option<(f64, f64, f64)> {
    let geo = window().navigator().geolocation().ok()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(20_000);
        options.set_maximum_age(60_000);
        if geo.get_current_position_with_error_callback_and_options(&resolve, Some(&reject), &options).is_err() {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let position: web_sys::Position = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.unchecked_into();
    let c = position.coords();
    Some((c.latitude(), c.longitude(), c.accuracy()))
}
