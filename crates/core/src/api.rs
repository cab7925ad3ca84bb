//! Request and response types of the city API, shared by the app and the gateway so they cannot drift,
//! and the errors the app's API layer reports.

use crate::i18n::{Lang, Localized, Msg};
use serde::{Deserialize, Serialize};

/// Version prefix of every feature endpoint.
pub const API_V1: &str = "/api/v1";
pub const HEALTH_PATH: &str = "/api/health";
pub const OPENAPI_PATH: &str = "/api/openapi.json";

/// `POST /api/v1/faq/feedback`: whether an FAQ answer helped. Only the topic, the verdict and the
/// language are kept: never what the person typed, which may hold personal details.
pub const FAQ_FEEDBACK_PATH: &str = "/faq/feedback";

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqFeedback {
    pub topic_id: String,
    pub helpful: bool,
    pub lang: Lang,
}

/// `GET /api/health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `"ok"` when the gateway can read and write its database.
    pub status: String,
    pub version: String,
    /// Number of the last database migration applied.
    pub schema_version: i64,
}

/// Body of every error the gateway answers under `/api`: a stable code for programs and a message for
/// people in each language, so the app can show the server's words in the user's language.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: Localized,
    /// A refused submission's problems, field by field (what the browser could not check itself, such
    /// as an attachment the server no longer holds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<crate::dossier::FieldProblem>,
}

/// What can go wrong with one API call, as the app's API layer reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No network: the browser is offline or the request never reached a server.
    Offline,
    /// The server did not answer in time.
    Timeout,
    /// 4xx: the request was refused; the server's own message when it sent one.
    Client { status: u16, body: Option<ErrorBody> },
    /// 5xx: the server failed.
    Server { status: u16 },
    /// The answer was not what the API promised.
    Decode(String),
}

impl ApiError {
    /// Sorts an HTTP status that is not a success.
    pub fn from_status(status: u16, body: Option<ErrorBody>) -> ApiError {
        if status >= 500 {
            ApiError::Server { status }
        } else {
            ApiError::Client { status, body }
        }
    }

    /// Worth another try: the same request may well succeed a moment later.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Offline | ApiError::Timeout => true,
            ApiError::Server { status } => matches!(status, 500 | 502 | 503 | 504),
            ApiError::Client { status, .. } => matches!(status, 408 | 425 | 429),
            ApiError::Decode(_) => false,
        }
    }

    /// A short technical name, for logs and "technical details".
    pub fn kind(&self) -> String {
        match self {
            ApiError::Offline => "offline".into(),
            ApiError::Timeout => "timeout".into(),
            ApiError::Client { status, .. } => format!("HTTP {status}"),
            ApiError::Server { status } => format!("Server error HTTP {status}"),
            ApiError::Decode(e) => format!("unreadable answer: {e}"),
        }
    }

    /// A sentence for the person using the app, in their language.
    pub fn user_message(&self, lang: Lang) -> String {
        match self {
            ApiError::Offline => Msg::ErrOffline.text(lang).to_string(),
            ApiError::Timeout => Msg::ErrTimeout.text(lang).to_string(),
            ApiError::Server { .. } => Msg::ErrServer.text(lang).to_string(),
            ApiError::Decode(_) => Msg::ErrDecode.text(lang).to_string(),
            ApiError::Client { body: Some(body), .. } => body.message.get(lang).to_string(),
            ApiError::Client { body: None, .. } => Msg::ErrRequest.text(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> ErrorBody {
        ErrorBody {
            code: "not_found".into(),
            message: Localized { vi: "Không tìm thấy hồ sơ".into(), en: "Dossier not found".into() },
            fields: vec![],
        }
    }

    #[test]
    fn statuses_are_sorted_and_transient_ones_retried() {
        assert_eq!(ApiError::from_status(503, None), ApiError::Server { status: 503 });
        assert!(ApiError::from_status(503, None).is_transient());
        assert!(ApiError::from_status(429, None).is_transient());
        assert!(!ApiError::from_status(404, Some(body())).is_transient());
        assert!(!ApiError::from_status(501, None).is_transient());
        assert!(ApiError::Offline.is_transient() && ApiError::Timeout.is_transient());
        assert!(!ApiError::Decode("x".into()).is_transient());
    }

    #[test]
    fn client_errors_show_the_servers_words_in_the_users_language() {
        let err = ApiError::from_status(404, Some(body()));
        assert_eq!(err.user_message(Lang::Vi), "Không tìm thấy hồ sơ");
        assert_eq!(err.user_message(Lang::En), "Dossier not found");
        let bare = ApiError::from_status(400, None);
        assert_eq!(bare.user_message(Lang::En), Msg::ErrRequest.text(Lang::En));
    }

    #[test]
    fn error_body_json_shape_is_stable() {
        let json = serde_json::to_value(body()).unwrap();
        assert_eq!(json["code"], "not_found");
        assert_eq!(json["message"]["vi"], "Không tìm thấy hồ sơ");
        let back: ErrorBody = serde_json::from_value(json).unwrap();
        assert_eq!(back, body());
    }
}
