//! The `/api` endpoints. Feature endpoints go under `/api/v1` (see [`v1`]).

use crate::limits::{Write, WriteLimits};
use crate::{openapi, AppState};
use axum::extract::DefaultBodyLimit;
use std::sync::Arc;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use mytho_core::api::{ErrorBody, FaqFeedback, Health, API_V1, FAQ_FEEDBACK_PATH, HEALTH_PATH, OPENAPI_PATH};
use mytho_core::i18n::Localized;
use mytho_core::dossier::{DOSSIERS_PATH, DRAFTS_PATH, OFFICER_DOSSIERS_PATH, UPLOADS_PATH};
use mytho_core::procedures::PROCEDURES_PATH;
use mytho_core::payment::PAYMENTS_PATH;
use mytho_core::wards::WARDS_PATH;
use mytho_core::classes::CLASSES_PATH;

/// JSON bodies are small: a form's answers, a draft. Only the upload route takes a file.
pub const JSON_BODY_LIMIT: usize = 256 * 1024;
/// A JSON request is answered within this, or refused with 408.
pub const JSON_TIMEOUT: Duration = Duration::from_secs(30);
/// An upload may take this long on a slow mobile link (5 MB at 40 KB/s).
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(150);

pub fn router(limits: &Arc<WriteLimits>) -> Router<AppState> {
    Router::new()
        .route(HEALTH_PATH, get(health))
        .route(OPENAPI_PATH, get(|| async { Json(openapi::document()) }))
        .nest(API_V1, v1(limits))
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
}

/// Version 1 of the city API. Each feature adds its routes here and to the OpenAPI document; every
/// anonymous write has its per-client limit.
fn v1(limits: &Arc<WriteLimits>) -> Router<AppState> {
    let l = |write: Write| {
        let limits = limits.clone();
        axum::middleware::from_fn(move |req, next| crate::limits::limit(limits.clone(), write, req, next))
    };
    let json = Router::new()
        .route("/", get(|| async { Json(serde_json::json!({ "api": "v1", "openapi": OPENAPI_PATH })) }))
        .route(FAQ_FEEDBACK_PATH, post(faq_feedback).layer(l(Write::FaqFeedback)))
        .route(PROCEDURES_PATH, get(crate::catalogue::list))
        .route(&format!("{PROCEDURES_PATH}/{{id}}"), get(crate::catalogue::one))
        .route(WARDS_PATH, get(crate::wards::find))
        .route(DRAFTS_PATH, post(crate::drafts::save).layer(l(Write::Drafts)))
        .route(&format!("{DRAFTS_PATH}/{{code}}"), get(crate::drafts::load).delete(crate::drafts::delete).layer(l(Write::Drafts)))
        .route(DOSSIERS_PATH, post(crate::dossiers::submit).layer(l(Write::Dossiers)))
        .route(&format!("{DOSSIERS_PATH}/{{code}}"), get(crate::dossiers::track))
        .route(&format!("{DOSSIERS_PATH}/{{code}}/answers"), get(crate::dossiers::stored_answers))
        .route(&format!("{DOSSIERS_PATH}/{{code}}/supplement"), post(crate::dossiers::supplement).layer(l(Write::Dossiers)))
        .route(&format!("{OFFICER_DOSSIERS_PATH}/{{code}}/status"), post(crate::dossiers::change_status))
        .route(&format!("{OFFICER_DOSSIERS_PATH}/{{code}}/attachments/{{id}}"), get(crate::uploads::officer_download))
        .route(CLASSES_PATH, post(crate::classes::start).layer(l(Write::Classes)))
        .route(&format!("{CLASSES_PATH}/{{code}}"), get(crate::classes::dashboard))
        .route(&format!("{CLASSES_PATH}/{{code}}/close"), post(crate::classes::close).layer(l(Write::Classes)))
        .route(&format!("{CLASSES_PATH}/{{code}}/export.csv"), get(crate::classes::export))
        .route(&format!("{CLASSES_PATH}/{{code}}/learners"), post(crate::classes::join).layer(l(Write::Learners)))
        .route(&format!("{CLASSES_PATH}/{{code}}/learners/{{learner}}"), axum::routing::put(crate::classes::progress).layer(l(Write::Progress)))
        .route(
            &format!("{DOSSIERS_PATH}/{{code}}{PAYMENTS_PATH}"),
            post(crate::payments::start).layer(l(Write::Payments)).get(crate::payments::list),
        )
        .route(&format!("{PAYMENTS_PATH}/vnpay/ipn"), get(crate::payments::ipn))
        .route(&format!("{PAYMENTS_PATH}/vnpay/return"), get(crate::payments::vnpay_return))
        .route(&format!("/officer{PAYMENTS_PATH}"), get(crate::payments::flagged))
        .route(&format!("/officer{PAYMENTS_PATH}/{{txn_ref}}/received"), post(crate::payments::confirm_transfer))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, JSON_TIMEOUT));
    let upload = Router::new()
        .route(UPLOADS_PATH, post(crate::uploads::receive).layer(l(Write::Uploads)))
        .layer(DefaultBodyLimit::max(crate::uploads::BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, UPLOAD_TIMEOUT));
    upload.merge(json)
}

/// A JSON body, or the error every client of this API understands.
pub struct Body<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "Dữ liệu gửi lên quá lớn.",
                "The request body is too large.",
            )),
            Err(rejection) => Err(error(
                StatusCode::BAD_REQUEST,
                "bad_request",
                &format!("Dữ liệu gửi lên không đúng định dạng: {}", rejection.body_text()),
                &format!("The request body is not valid: {}", rejection.body_text()),
            )),
        }
    }
}

async fn faq_feedback(State(state): State<AppState>, Body(feedback): Body<FaqFeedback>) -> Response {
    if !state.site.faq_topics.contains(&feedback.topic_id) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown_topic",
            "Không có câu hỏi này trong danh mục hỏi đáp.",
            "There is no such question in the FAQ.",
        );
    }
    let saved = state
        .db
        .call(move |conn| {
            conn.execute(
                "INSERT INTO faq_feedback (topic_id, helpful, lang) VALUES (?1, ?2, ?3)",
                rusqlite::params![feedback.topic_id, feedback.helpful, feedback.lang.code()],
            )
        })
        .await;
    match saved {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => {
            tracing::error!("saving FAQ feedback: {e}");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "Máy chủ tạm thời không lưu được góp ý.",
                "The server cannot save feedback right now.",
            )
        }
    }
}

/// An error in the shape the app understands, with words for people in both languages.
pub fn error(status: StatusCode, code: &str, vi: &str, en: &str) -> Response {
    let body = ErrorBody { code: code.into(), message: Localized { vi: vi.into(), en: en.into() }, fields: vec![] };
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
