//! Citizen reports through Open311 GeoReport v2: this gateway's endpoint or any city's (`reports` in
//! `config.json`), read with the core's tolerant readers, so numeric codes, `null`s, wrapped lists and a
//! token instead of an id all work. A server that answers XML only is told apart with a clear message.

use super::backend::ApiFuture;
use super::http::{decode, get_json, send_raw, json, Method, RequestOptions};
use mytho_core::api::{ApiError, ErrorBody};
use mytho_core::i18n::Localized;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Lang;
use mytho_core::open311::{read_definition, read_errors, read_posted, read_requests, read_services, Posted, Service, ServiceDefinition, ServiceRequest, IDEMPOTENCY_HEADER};
use mytho_core::retry::RetryPolicy;
use serde_json::Value;

pub trait ReportBackend: Send + Sync {
    fn services(&self, lang: Lang) -> ApiFuture<'_, Vec<Service>>;
    fn definition<'a>(&'a self, code: &'a str, lang: Lang) -> ApiFuture<'a, ServiceDefinition>;
    /// Posts a report (the standard's form fields); sent once, never retried behind the user's back. The
    /// key makes a resend the same report where the server knows our extension (this gateway).
    fn post<'a>(&'a self, body: String, idempotency_key: &'a str) -> ApiFuture<'a, Posted>;
    fn request<'a>(&'a self, id: &'a str, lang: Lang) -> ApiFuture<'a, Option<ServiceRequest>>;
    /// `GET requests` with these query parameters (already encoded).
    fn requests<'a>(&'a self, query: String) -> ApiFuture<'a, Vec<ServiceRequest>>;
    /// The app's `api_key` for posting.
    fn api_key(&self) -> &str;
}

pub struct Open311Backend {
    base: String,
    /// The endpoint is on the app's own origin (this gateway): it takes [`IDEMPOTENCY_HEADER`]. Another
    /// origin is not sent it, since a header outside CORS's simple ones would need its consent first.
    own: bool,
    api_key: String,
    options: RequestOptions,
}

impl Open311Backend {
    /// `None` when the city's config has no reports endpoint.
    pub fn new(config: &AppConfig) -> Option<Open311Backend> {
        let r = config.reports.as_ref()?;
        let own = r.base_url.starts_with('/') || r.base_url.starts_with(&format!("{}/", crate::platform::origin()));
        Some(Open311Backend {
            own,
            base: r.base_url.clone(),
            api_key: r.api_key.clone(),
            options: RequestOptions { timeout_ms: config.request_timeout_ms, retry: RetryPolicy::default() },
        })
    }

    async fn json(&self, path: &str) -> Result<Value, ApiError> {
        get_json::<Value>(&format!("{}{path}", self.base), &self.options).await.map_err(xml_only)
    }
}

/// An answer that is not JSON: most likely an XML-only server.
fn xml_only(e: ApiError) -> ApiError {
    match e {
        ApiError::Decode(d) => ApiError::Decode(format!("the reports server did not answer JSON (this app needs JSON; XML-only servers are not supported): {d}")),
        other => other,
    }
}

impl ReportBackend for Open311Backend {
    fn services(&self, lang: Lang) -> ApiFuture<'_, Vec<Service>> {
        Box::pin(async move { Ok(read_services(&self.json(&format!("/services.json?locale={}", lang.code())).await?)) })
    }

    fn definition<'a>(&'a self, code: &'a str, lang: Lang) -> ApiFuture<'a, ServiceDefinition> {
        Box::pin(async move {
            let v = self.json(&format!("/services/{}.json?locale={}", encode(code), lang.code())).await?;
            read_definition(&v).ok_or_else(|| ApiError::Decode("the service definition has no attributes list".into()))
        })
    }

    fn post<'a>(&'a self, body: String, idempotency_key: &'a str) -> ApiFuture<'a, Posted> {
        Box::pin(async move {
            let own = [(IDEMPOTENCY_HEADER, idempotency_key)];
            let headers: &[(&str, &str)] = if self.own { &own } else { &[] };
            let r = send_raw(Method::Form(body), &format!("{}/requests.json", self.base), self.options.timeout_ms, headers).await?;
            let (ok, status) = (r.ok(), r.status());
            let v = json(r).await.and_then(decode::<Value>).map_err(xml_only)?;
            if !ok {
                // The standard's `[{code, description}]`: the server's own words (in one language).
                let body = read_errors(&v).map(|said| ErrorBody { code: "open311".into(), message: Localized { vi: said.clone(), en: said }, fields: vec![] });
                return Err(ApiError::from_status(status, body));
            }
            read_posted(&v).ok_or_else(|| ApiError::Decode("the answer has no service_request_id or token".into()))
        })
    }

    fn request<'a>(&'a self, id: &'a str, lang: Lang) -> ApiFuture<'a, Option<ServiceRequest>> {
        Box::pin(async move {
            match self.json(&format!("/requests/{}.json?locale={}", encode(id), lang.code())).await {
                Ok(v) => Ok(read_requests(&v).into_iter().next()),
                Err(ApiError::Client { status: 404, .. }) => Ok(None),
                Err(e) => Err(e),
            }
        })
    }

    fn requests<'a>(&'a self, query: String) -> ApiFuture<'a, Vec<ServiceRequest>> {
        Box::pin(async move { Ok(read_requests(&self.json(&format!("/requests.json?{query}")).await?)) })
    }

    fn api_key(&self) -> &str {
        &self.api_key
    }
}

/// A path segment: codes and ids are letters, digits and dashes in practice; anything else is escaped.
fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
