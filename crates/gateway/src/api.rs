//! The `/api` addresses: every feature's router merged under `/api/v1`, the service's own (health, the
//! index, the OpenAPI document generated from the handlers), and a bilingual 404 for anything else.

use crate::http::{doc, ApiError, ApiResult, FeatureRouter, JSON_BODY_LIMIT, JSON_TIMEOUT};
use crate::limits::WriteLimits;
use crate::{catalogue, classes, dossiers, drafts, faq, payments, uploads, wards, AppState};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::any;
use axum::{Json, Router};
use mytho_core::api::{ErrorBody, Health, API_V1, OPENAPI_PATH};
use std::sync::{Arc, LazyLock};
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa_axum::routes;

/// The API's router, and the document that describes exactly its operations.
pub fn router(limits: &Arc<WriteLimits>) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, api) = FeatureRouter::with_openapi(doc::ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(openapi))
        .nest(API_V1, v1(limits))
        .split_for_parts();
    let api = doc::finish(api);
    let router = router.route("/api", any(not_found)).route("/api/{*rest}", any(not_found));
    (router, api)
}

/// Version 1: each feature's routes (every anonymous write behind its per-client limit, see `limits`).
fn v1(limits: &Arc<WriteLimits>) -> FeatureRouter {
    let json = FeatureRouter::new()
        .routes(routes!(index))
        .merge(faq::router(limits))
        .merge(catalogue::router())
        .merge(wards::router())
        .merge(drafts::router(limits))
        .merge(dossiers::router(limits))
        .merge(classes::router(limits))
        .merge(payments::router(limits))
        .merge(crate::open311::officer_router())
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, JSON_TIMEOUT));
    json.merge(uploads::router(limits)).fallback(not_found)
}

async fn not_found() -> ApiError {
    ApiError::not_found("not_found", "Không có địa chỉ API này.", "There is no such API address.")
}

/// What this API is
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Index {
    /// `v1`.
    pub api: String,
    /// Where the OpenAPI document is.
    pub openapi: String,
}

/// Where to start
#[utoipa::path(get, path = "/", tag = "service", operation_id = "index", responses((status = 200, description = "The API's version and document", body = Index)))]
async fn index() -> Json<Index> {
    Json(Index { api: "v1".into(), openapi: OPENAPI_PATH.into() })
}

/// Whether the gateway and its database are up
#[utoipa::path(get, path = "/api/health", tag = "service", operation_id = "health",
    responses(
        (status = 200, description = "Up", body = Health),
        (status = 503, description = "The database is unavailable", body = ErrorBody),
    ))]
async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    let schema_version = state.db.call(|conn| crate::db::version(conn)).await?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into(), schema_version }))
}

/// This document
///
/// OpenAPI 3.1, generated from the gateway's handlers: what a city backend implements for the app.
#[utoipa::path(get, path = "/api/openapi.json", tag = "service", operation_id = "openapi",
    responses((status = 200, description = "The OpenAPI document", body = Object)))]
async fn openapi() -> Json<&'static serde_json::Value> {
    Json(document())
}

/// The document, made once from the routes themselves.
pub fn document() -> &'static serde_json::Value {
    static DOCUMENT: LazyLock<serde_json::Value> = LazyLock::new(|| {
        let (_, api) = router(&Arc::new(WriteLimits::new(None)));
        serde_json::to_value(api).expect("the OpenAPI document serialises")
    });
    &DOCUMENT
}

#[cfg(test)]
mod tests {
    /// Routes are registered with `routes!`, which documents them; a plain `.route(` would serve an
    /// operation the document does not have. Only the top may add the non-API pages and fallbacks.
    #[test]
    fn features_register_routes_only_with_their_documents() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut files = vec![];
        for dir in [src.to_string(), format!("{src}/http")] {
            for entry in std::fs::read_dir(dir).unwrap() {
                files.push(entry.unwrap().path());
            }
        }
        for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
            let name = path.file_name().unwrap().to_string_lossy();
            // Open311's routes are described by their own standard, not by this document.
            if name == "lib.rs" || name == "api.rs" || name == "open311.rs" {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            for bad in [".route(", ".route_service(", ".nest_service("] {
                assert!(!text.contains(bad), "{name} adds a route with `{bad}`: use `.routes(routes!(handler))` so it is documented");
            }
        }
        let api = include_str!("api.rs").split("#[cfg(test)]").next().unwrap();
        let plain: Vec<&str> = api.lines().filter(|l| l.contains(".route(\"")).collect();
        assert!(plain.iter().all(|l| l.contains("any(not_found)")), "api.rs routes only its fallbacks plainly: {plain:?}");
    }
}
