//! The `/api` endpoints. Feature endpoints go under `/api/v1` (see [`v1`]).

use crate::{openapi, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use mytho_core::api::{ErrorBody, Health, API_V1, HEALTH_PATH, OPENAPI_PATH};
use mytho_core::i18n::Localized;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(HEALTH_PATH, get(health))
        .route(OPENAPI_PATH, get(|| async { Json(openapi::document()) }))
        .nest(API_V1, v1())
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}

/// Version 1 of the city API. Each feature adds its routes here and to the OpenAPI document.
fn v1() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Json(serde_json::json!({ "api": "v1", "openapi": OPENAPI_PATH })) }))
        .fallback(not_found)
}

/// An error in the shape the app understands, with words for people in both languages.
pub fn error(status: StatusCode, code: &str, vi: &str, en: &str) -> Response {
    let body = ErrorBody { code: code.into(), message: Localized { vi: vi.into(), en: en.into() } };
    (status, Json(body)).into_response()
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        "Không có địa chỉ API này.",
        "There is no such API address.",
    )
}

async fn health(State(state): State<AppState>) -> Response {
    match state.db.call(|conn| crate::db::schema_version(conn)).await {
        Ok(schema_version) => Json(Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            schema_version,
        })
        .into_response(),
        Err(e) => {
            tracing::error!("health check: database unavailable: {e}");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "Máy chủ tạm thời không truy cập được dữ liệu.",
                "The server cannot reach its data right now.",
            )
        }
    }
}
