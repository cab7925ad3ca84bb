//! What handlers take from a request: a JSON body whose rejection is our bilingual error, and the
//! secrets a citizen shows (the phone's last digits, a dossier's access key). The officer and trainer
//! credentials, which need the database, are extractors beside their features (`officers`, `classes`).

use super::ApiError;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::request::Parts;
use axum::http::StatusCode;
use mytho_core::dossier::{normalize_access_key, normalize_phone_last4, ACCESS_KEY_HEADER, PHONE_LAST4_HEADER};

/// A JSON body, or the error every client of this API understands (400, 413 or 415).
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Body<T>(pub T);

/// Path parameters; a path that cannot be read is a bilingual 400, like every other refusal.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// Query parameters, refused in the same way.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Dữ liệu phải gửi dạng JSON (Content-Type: application/json).",
                "The body must be sent as JSON (Content-Type: application/json).",
            ),
            r if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "Dữ liệu gửi lên quá lớn.", "The request body is too large.")
            }
            r => unreadable("bad_request", ("Dữ liệu gửi lên không đúng định dạng", "The request body is not valid"), r.body_text()),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        unreadable("bad_path", ("Địa chỉ không đúng", "The address is not valid"), rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        unreadable("bad_query", ("Tham số tìm kiếm không đúng", "The query is not valid"), rejection.body_text())
    }
}

/// 400 with axum's reason after our words (it is in English, and says exactly what could not be read).
fn unreadable(code: &'static str, (vi, en): (&str, &str), reason: String) -> ApiError {
    ApiError::bad_request(code, format!("{vi}: {reason}"), format!("{en}: {reason}"))
}

/// The phone's last 4 digits, from [`PHONE_LAST4_HEADER`] (never the URL: proxies log URLs).
pub struct SecondFactor(pub String);

impl<S: Send + Sync> FromRequestParts<S> for SecondFactor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let given = parts.headers.get(PHONE_LAST4_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        normalize_phone_last4(given).map(SecondFactor).ok_or_else(|| {
            // The credential of a status lookup is missing: 401, like every other.
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "phone_last4_required",
                "Hãy nhập 4 số cuối của số điện thoại đã khai trong hồ sơ.",
                "Enter the last 4 digits of the phone number given in the application.",
            )
        })
    }
}

/// A dossier's access key, from [`ACCESS_KEY_HEADER`]; `None` when it cannot be one (counted as wrong).
pub struct AccessKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for AccessKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.headers.get(ACCESS_KEY_HEADER).and_then(|v| v.to_str().ok()) {
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "access_key_required",
                "Cần mã truy cập hồ sơ (16 ký tự in trên giấy tiếp nhận) để xem hoặc sửa thông tin đã khai.",
                "The application's access key (16 characters printed on the receipt) is needed to see or correct what was given.",
            )),
            Some(v) => Ok(AccessKey(normalize_access_key(v))),
        }
    }
}

/// The bearer token of a request, or "".
pub fn bearer(headers: &axum::http::HeaderMap) -> String {
    headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("").to_string()
}
