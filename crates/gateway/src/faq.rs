//! Whether an FAQ answer helped: the topic, the verdict and the language, never what was typed.

use crate::http::{limited, ApiError, ApiResult, Body, FeatureRouter};
use crate::limits::{Write, WriteLimits};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use mytho_core::api::{ErrorBody, FaqFeedback};
use std::sync::Arc;
use utoipa_axum::routes;

/// `/faq/feedback`.
pub fn router(limits: &Arc<WriteLimits>) -> FeatureRouter {
    FeatureRouter::new().routes(limited(limits, Write::FaqFeedback, routes!(feedback)))
}

/// Say whether an FAQ answer helped
///
/// The topic, the verdict and the language only; never the question typed.
#[utoipa::path(post, path = "/faq/feedback", tag = "faq", operation_id = "faqFeedback", request_body = FaqFeedback,
    responses(
        (status = 204, description = "Recorded"),
        (status = 422, description = "No such question in this city's FAQ", body = ErrorBody),
        (status = 429, description = "Too much feedback from this client", body = ErrorBody),
    ))]
pub async fn feedback(State(state): State<AppState>, Body(feedback): Body<FaqFeedback>) -> ApiResult<StatusCode> {
    if !state.site.faq_topics.contains(&feedback.topic_id) {
        return Err(ApiError::unprocessable(
            "unknown_topic",
            "Không có câu hỏi này trong danh mục hỏi đáp.",
            "There is no such question in the FAQ.",
        ));
    }
    state
        .db
        .call(move |conn| {
            conn.execute(
                "INSERT INTO faq_feedback (topic_id, helpful, lang) VALUES (?1, ?2, ?3)",
                crate::store::params![feedback.topic_id, feedback.helpful, feedback.lang.code()],
            )
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
