//! Every HTTP call of the app goes through this module. Pages speak to the city's backend only through
//! the [`CityBackend`] traits (one per feature), so another adapter (an Open311 server, another city's API) can be added
//! without touching them.

mod backend;
mod http;
mod open311;
mod practice;

pub use backend::{ApiFuture, CatalogueBackend, CityBackend, ClassBackend, DossierBackend, FaqBackend, GatewayBackend, PaymentBackend, SubmitBackend, TrackingBackend, UploadBackend};
pub use http::{get_json, post_for, post_json, RequestOptions};
pub use open311::{Open311Backend, ReportBackend};
pub use practice::PracticeUploads;

use mytho_core::config::{AppConfig, ConfigError};
use mytho_core::faq::FaqData;
use mytho_core::retry::RetryPolicy;
use mytho_core::api::ApiError;
use std::fmt;

/// Where the app finds the city's configuration: beside `index.html`, never cached (the gateway says
/// `no-cache`), so a city can change it without a rebuild.
const CONFIG_URL: &str = "/config.json";

#[derive(Clone, Debug)]
pub enum ConfigLoadError {
    Fetch(ApiError),
    Invalid(ConfigError),
}

impl fmt::Display for ConfigLoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigLoadError::Fetch(e) => write!(f, "{CONFIG_URL} could not be loaded: {}", e.kind()),
            ConfigLoadError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

/// A content file beside the app (a static file the city edits; the gateway checks it in full when it
/// starts).
async fn content<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let options = RequestOptions { timeout_ms: 20_000, retry: RetryPolicy::default() };
    let value = http::fetch_json(http::Method::Get, url, &[], &options).await;
    value.and_then(http::decode).map_err(|e| match e {
        ApiError::Decode(d) => ApiError::Decode(format!("{url} is not valid: {d}")),
        other => other,
    })
}

/// The FAQ content: loaded after the first screen, kept in memory so the chat keeps working offline.
pub async fn load_faq() -> Result<FaqData, ApiError> {
    content("/faq.json").await
}

/// The visitors' guide (places, events, products, the map sketch).
const TOURISM_URL: &str = "/tourism.json";

pub async fn load_tourism() -> Result<mytho_core::tourism::Tourism, ApiError> {
    content(TOURISM_URL).await
}

/// The guide's map sketch alone, for the reports pages.
pub async fn load_map_sketch() -> Result<mytho_core::tourism::MapSketch, ApiError> {
    content::<mytho_core::tourism::GuideSketch>(TOURISM_URL).await.map(|g| g.map)
}

/// The digital-skills lessons.
pub async fn load_lessons() -> Result<mytho_core::lessons::Lessons, ApiError> {
    content("/lessons.json").await
}

pub async fn load_config() -> Result<AppConfig, ConfigLoadError> {
    let options = RequestOptions { timeout_ms: 15_000, retry: RetryPolicy::default() };
    let text = http::get_text(CONFIG_URL, &options).await.map_err(ConfigLoadError::Fetch)?;
    let config: AppConfig = crate::json::parse(&text).map_err(|e| ConfigLoadError::Invalid(ConfigError::Syntax(e)))?;
    config.validate().map_err(ConfigLoadError::Invalid)?;
    Ok(config)
}
