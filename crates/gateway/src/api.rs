//! The `/api` endpoints. Feature endpoints go under `/api/v1` (see [`v1`]).

use crate::{openapi, AppState};
use std::net::IpAddr;
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
        .route(FAQ_FEEDBACK_PATH, post(faq_feedback))
        .route(PROCEDURES_PATH, get(crate::catalogue::list))
        .route(&format!("{PROCEDURES_PATH}/{{id}}"), get(crate::catalogue::one))
        .route(WARDS_PATH, get(crate::wards::find))
        .route(DRAFTS_PATH, post(crate::drafts::save))
        .route(
            UPLOADS_PATH,
            post(crate::uploads::receive).layer(axum::extract::DefaultBodyLimit::max(crate::uploads::BODY_LIMIT)),
        )
        .route(&format!("{DRAFTS_PATH}/{{code}}"), get(crate::drafts::load).delete(crate::drafts::delete))
        .route(DOSSIERS_PATH, post(crate::dossiers::submit))
        .route(&format!("{DOSSIERS_PATH}/{{code}}"), get(crate::dossiers::track))
        .route(&format!("{DOSSIERS_PATH}/{{code}}/answers"), get(crate::dossiers::stored_answers))
        .route(&format!("{DOSSIERS_PATH}/{{code}}/supplement"), post(crate::dossiers::supplement))
        .route(&format!("{OFFICER_DOSSIERS_PATH}/{{code}}/status"), post(crate::dossiers::change_status))
        .route(&format!("{OFFICER_DOSSIERS_PATH}/{{code}}/attachments/{{id}}"), get(crate::uploads::officer_download))
        .route(CLASSES_PATH, post(crate::classes::start))
        .route(&format!("{CLASSES_PATH}/{{code}}"), get(crate::classes::dashboard))
        .route(&format!("{CLASSES_PATH}/{{code}}/close"), post(crate::classes::close))
        .route(&format!("{CLASSES_PATH}/{{code}}/export.csv"), get(crate::classes::export))
        .route(&format!("{CLASSES_PATH}/{{code}}/learners"), post(crate::classes::join))
        .route(&format!("{CLASSES_PATH}/{{code}}/learners/{{learner}}"), axum::routing::put(crate::classes::progress))
        .route(&format!("{DOSSIERS_PATH}/{{code}}{PAYMENTS_PATH}"), post(crate::payments::start).get(crate::payments::list))
        .route(&format!("{PAYMENTS_PATH}/vnpay/ipn"), get(crate::payments::ipn))
        .route(&format!("{PAYMENTS_PATH}/vnpay/return"), get(crate::payments::vnpay_return))
        .route(&format!("/officer{PAYMENTS_PATH}/{{txn_ref}}/received"), post(crate::payments::confirm_transfer))
        .fallback(not_found)
}

/// A JSON body, or the error every client of this API understands.
pub struct Body<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S> for Body<T> {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
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
/// Who sent a request, for per-client limits: the peer's address or, for the trusted proxy's requests,
/// the last address of its `X-Forwarded-For` (the one it saw). IPv6 clients count by their /64, which
/// one home or phone network holds whole.
pub fn client(state: &AppState, peer: std::net::SocketAddr, headers: &axum::http::HeaderMap) -> String {
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    client_key(peer.ip(), state.trusted_proxy, forwarded)
}

fn client_key(peer: IpAddr, trusted_proxy: Option<IpAddr>, forwarded: Option<&str>) -> String {
    let from_proxy = (trusted_proxy == Some(peer)).then_some(forwarded).flatten();
    let ip = from_proxy.and_then(|f| f.rsplit(',').next()).and_then(|a| a.trim().parse().ok()).unwrap_or(peer);
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or_else(String::new, |v4| v4.to_string()),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::client_key;

    #[test]
    fn a_client_is_its_address_or_what_the_trusted_proxy_forwarded() {
        let proxy = "10.0.0.2".parse().ok();
        let peer = "203.0.113.9".parse().unwrap();
        assert_eq!(client_key(peer, None, Some("1.2.3.4")), "203.0.113.9", "a header from anyone is ignored");
        assert_eq!(client_key(peer, proxy, Some("1.2.3.4")), "203.0.113.9", "only the proxy's is read");
        let p = proxy.unwrap();
        assert_eq!(client_key(p, proxy, Some("6.6.6.6, 1.2.3.4")), "1.2.3.4", "the address the proxy saw, not one the client wrote");
        assert_eq!(client_key(p, proxy, Some("nonsense")), "10.0.0.2");
        assert_eq!(client_key(p, proxy, None), "10.0.0.2");
        let a = client_key("2001:db8:1:2:aaaa::1".parse().unwrap(), None, None);
        assert_eq!(a, client_key("2001:db8:1:2:bbbb::9".parse().unwrap(), None, None), "one /64");
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap(), None, None), "192.0.2.7");
    }
}
