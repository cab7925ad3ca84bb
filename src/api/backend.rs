//! The boundary between the app and "the city's backend".

use super::http::{get_json, post_json, RequestOptions};
use mytho_core::api::{ApiError, FaqFeedback, Health, FAQ_FEEDBACK_PATH, HEALTH_PATH};
use mytho_core::config::AppConfig;
use mytho_core::retry::RetryPolicy;
use std::future::Future;
use std::pin::Pin;

/// Futures run on the browser's single thread, so they need not be `Send`.
pub type ApiFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, ApiError>> + 'a>>;

/// What the app asks of a city's backend. Each feature adds its calls here; an adapter implements
/// them for one kind of server.
pub trait CityBackend: Send + Sync {
    /// Whether the backend is up; the app warns people when it is not.
    fn health(&self) -> ApiFuture<'_, Health>;

    /// Records whether an FAQ answer helped.
    fn send_faq_feedback<'a>(&'a self, feedback: &'a FaqFeedback) -> ApiFuture<'a, ()>;
}

/// The reference city gateway (this repository's `crates/gateway`), or any server speaking its API.
pub struct GatewayBackend {
    api_base: String,
    origin_base: String,
    options: RequestOptions,
}

impl GatewayBackend {
    pub fn new(config: &AppConfig) -> GatewayBackend {
        // Health sits beside the versioned API: `/api/health` for the base `/api/v1`.
        let origin_base = config
            .api_base_url
            .strip_suffix(mytho_core::api::API_V1)
            .unwrap_or(&config.api_base_url)
            .to_string();
        GatewayBackend {
            api_base: config.api_base_url.clone(),
            origin_base,
            options: RequestOptions { timeout_ms: config.request_timeout_ms, retry: RetryPolicy::default() },
        }
    }
}

impl CityBackend for GatewayBackend {
    fn health(&self) -> ApiFuture<'_, Health> {
        Box::pin(async move { get_json(&format!("{}{}", self.origin_base, HEALTH_PATH), &self.options).await })
    }

    fn send_faq_feedback<'a>(&'a self, feedback: &'a FaqFeedback) -> ApiFuture<'a, ()> {
        let once = RequestOptions { retry: RetryPolicy::ONCE, ..self.options };
        Box::pin(async move { post_json(&format!("{}{}", self.api_base, FAQ_FEEDBACK_PATH), feedback, &once).await })
    }
}
