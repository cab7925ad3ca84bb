//! JSON into Rust types through the browser's own parser (`JSON.parse`, or a response's `json()`), read
//! with serde-wasm-bindgen: the wasm carries no JSON parser, and a struct is read by its fields' names
//! only (no code for structs written as arrays). Fields the app does not know are passed over, so a
//! server that adds one breaks nothing; `config.json` and the content files are checked in full, unknown
//! fields included, by the gateway when it starts (`AppConfig::parse` and the core's other parsers).

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// A JSON text into `T`; the error says what was wrong, in the parser's words.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    read(js_sys::JSON::parse(text).map_err(|e| message(&e))?)
}

/// A value the browser parsed into `T`.
pub fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// A thrown JavaScript error's message.
pub fn message(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| "not JSON".into())
}
