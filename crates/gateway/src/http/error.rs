//! One error for the whole API (as in axum's `error-handling` example): handlers return
//! `Result<_, ApiError>`, a database error converts with `?`, and every refusal is answered as the
//! [`ErrorBody`] the app and any other client understand (a stable code and words in both languages).

use crate::guard::Locked;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::dossier::FieldProblem;
use mytho_core::i18n::Localized;
use std::borrow::Cow;

type Words = Cow<'static, str>;

#[derive(Debug)]
pub enum ApiError {
    /// Refused: the status, a stable code for programs and what to do, for people.
    Refused { status: StatusCode, code: &'static str, vi: Words, en: Words },
    /// A submission's answers break the form's rules (422, field by field).
    Invalid(Vec<FieldProblem>),
    /// Too many wrong secrets from this client, or at this target (429, `Retry-After`, the hotline).
    Locked { locked: Locked, hotline: String },
    /// Too many writes from this client (429, `Retry-After`).
    TooManyWrites { retry_after_secs: u64 },
    /// The database failed: logged, never shown; the person is told nothing they typed is lost.
    Database(crate::store::Error),
    /// The database failed while a payment was handled: the person is told nothing was charged.
    PaymentsDown(crate::store::Error),
    /// The machine gave no randomness for a code or a key.
    NoRandomness(getrandom::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, vi: impl Into<Words>, en: impl Into<Words>) -> ApiError {
        ApiError::Refused { status, code, vi: vi.into(), en: en.into() }
    }

    pub fn not_found(code: &'static str, vi: &'static str, en: &'static str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code, vi, en)
    }

    pub fn unprocessable(code: &'static str, vi: impl Into<Words>, en: impl Into<Words>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, vi, en)
    }

    pub fn conflict(code: &'static str, vi: impl Into<Words>, en: impl Into<Words>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, code, vi, en)
    }

    pub fn bad_request(code: &'static str, vi: impl Into<Words>, en: impl Into<Words>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, vi, en)
    }

    /// `ApiError::PaymentsDown`, for `map_err`.
    pub fn payments(e: crate::store::Error) -> ApiError {
        ApiError::PaymentsDown(e)
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Refused { status, .. } => *status,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Locked { .. } | ApiError::TooManyWrites { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Database(_) | ApiError::PaymentsDown(_) | ApiError::NoRandomness(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn body(self) -> (ErrorBody, Option<u64>) {
        let body = |code: &str, vi: String, en: String| ErrorBody { code: code.into(), message: Localized { vi, en }, fields: vec![] };
        match self {
            ApiError::Refused { code, vi, en, .. } => (body(code, vi.into_owned(), en.into_owned()), None),
            ApiError::Invalid(fields) => (
                ErrorBody {
                    fields,
                    ..body(
                        "invalid",
                        "Hồ sơ còn thông tin chưa đúng; hãy sửa các mục được nêu.".into(),
                        "Some answers need fixing; correct the fields listed.".into(),
                    )
                },
                None,
            ),
            ApiError::Locked { locked, hotline } => {
                let wait = locked.retry_after_secs.max(1);
                let minutes = (wait + 59) / 60;
                let (vi, en) = if locked.target {
                    (
                        format!("Hồ sơ này tạm khóa tra cứu vì có nhiều lần nhập sai. Hãy thử lại sau {minutes} phút, hoặc gọi đường dây nóng {hotline} để được giúp."),
                        format!("Lookups of this application are paused after many wrong attempts. Try again in {minutes} minutes, or call the hotline {hotline} for help."),
                    )
                } else {
                    (
                        format!("Bạn đã nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút, hoặc gọi đường dây nóng {hotline} để được giúp."),
                        format!("Too many wrong attempts. Try again in {minutes} minutes, or call the hotline {hotline} for help."),
                    )
                };
                (body("too_many_attempts", vi, en), Some(wait as u64))
            }
            ApiError::TooManyWrites { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60);
                (
                    body(
                        "too_many_requests",
                        format!("Có quá nhiều yêu cầu từ mạng của bạn. Hãy thử lại sau {minutes} phút; những gì bạn đã nhập vẫn được giữ."),
                        format!("Too many requests from your network. Try again in {minutes} minutes; what you typed is kept."),
                    ),
                    Some(retry_after_secs),
                )
            }
            ApiError::Database(e) => unavailable(
                format_args!("database: {e}"),
                "database_unavailable",
                "Máy chủ tạm thời không truy cập được dữ liệu; những gì bạn đã nhập vẫn còn trên máy này. Hãy thử lại sau ít phút.",
                "The server cannot reach its data right now; what you entered is still on this device. Try again in a few minutes.",
            ),
            ApiError::PaymentsDown(e) => unavailable(
                format_args!("payments: {e}"),
                "database_unavailable",
                "Máy chủ tạm thời không xử lý được thanh toán; bạn chưa bị trừ tiền. Hãy thử lại sau ít phút.",
                "The server cannot handle payments right now; nothing was charged. Try again in a few minutes.",
            ),
            ApiError::NoRandomness(e) => unavailable(
                format_args!("no randomness: {e}"),
                "unavailable",
                "Máy chủ đang bận; hãy thử lại sau ít phút.",
                "The server is busy; try again in a few minutes.",
            ),
        }
    }
}

/// A failure of the server's own: logged as it is, told to people only as what to do.
fn unavailable(log: std::fmt::Arguments, code: &str, vi: &str, en: &str) -> (ErrorBody, Option<u64>) {
    tracing::error!("{log}");
    (ErrorBody { code: code.into(), message: Localized { vi: vi.into(), en: en.into() }, fields: vec![] }, None)
}

impl From<crate::store::Error> for ApiError {
    fn from(e: crate::store::Error) -> ApiError {
        ApiError::Database(e)
    }
}

impl From<getrandom::Error> for ApiError {
    fn from(e: getrandom::Error) -> ApiError {
        ApiError::NoRandomness(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (body, retry_after) = self.body();
        let mut response = (status, Json(body)).into_response();
        if let Some(v) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn answer(e: ApiError) -> (StatusCode, Option<String>, ErrorBody) {
        let r = e.into_response();
        let status = r.status();
        let retry = r.headers().get(header::RETRY_AFTER).map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 16).await.unwrap();
        (status, retry, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn a_database_error_is_a_503_that_shows_nothing_of_it() {
        let (status, _, body) = answer(ApiError::from(crate::store::Error::Other("test".into()))).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body.code, "database_unavailable");
        assert!(!body.message.en.contains("Query") && !body.message.vi.is_empty());
    }

    #[tokio::test]
    async fn locks_and_limits_say_when_to_try_again() {
        let (status, retry, body) = answer(ApiError::Locked { locked: Locked { retry_after_secs: 61, target: true }, hotline: "1022".into() }).await;
        assert_eq!((status, retry.as_deref(), body.code.as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("61"), "too_many_attempts"));
        assert!(body.message.vi.contains("2 phút") && body.message.en.contains("1022"), "{body:?}");
        let (_, retry, body) = answer(ApiError::TooManyWrites { retry_after_secs: 30 }).await;
        assert_eq!((retry.as_deref(), body.code.as_str()), (Some("30"), "too_many_requests"));
    }
}
