//! Drafts kept for a few days under a resume code, so a citizen can continue on another device. Only
//! what the user chose to send is kept, and only until it expires or they delete it.

use crate::client::ClientKey;
use crate::guard::{self, Secret};
use crate::http::{limited, ApiError, ApiResult, Body, FeatureRouter, Path};
use crate::limits::{Write, WriteLimits};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::dossier::{normalize_resume_code, DraftSaved, SaveDraft, DRAFT_DAYS};
use crate::store::{params, OptionalExtension};
use std::sync::Arc;
use utoipa_axum::routes;

/// `/drafts/…`.
pub fn router(limits: &Arc<WriteLimits>) -> FeatureRouter {
    FeatureRouter::new().routes(limited(limits, Write::Drafts, routes!(save))).routes(limited(limits, Write::Drafts, routes!(load, delete)))
}

/// A resume code (`XXXX-XXXX-XXXX`; case, spaces and dashes forgiven).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ResumeCode {
    #[param(example = "K7M4-QPAB-CDEF")]
    pub code: String,
}

fn new_code() -> Result<String, getrandom::Error> {
    crate::random::code(3, 4)
}

fn not_found() -> ApiError {
    ApiError::not_found(
        "draft_not_found",
        "Không tìm thấy hồ sơ đang soạn với mã này, hoặc mã đã hết hạn. Hãy kiểm tra lại 12 ký tự của mã.",
        "No draft has this code, or it has expired. Check the 12 characters of the code.",
    )
}

/// Keep a draft for another device
///
/// Kept for 7 days under a resume code (`XXXX-XXXX-XXXX`, about 59 random bits), only what the
/// citizen chose to send; deletable at any time.
#[utoipa::path(post, path = "/drafts", tag = "drafts", operation_id = "saveDraft", request_body = SaveDraft,
    responses(
        (status = 201, description = "Kept: the resume code and when it expires", body = DraftSaved),
        (status = 404, description = "No such procedure", body = ErrorBody),
        (status = 413, description = "More than 500 answers, or an answer over 5,000 bytes", body = ErrorBody),
        (status = 429, description = "Too many drafts from this client", body = ErrorBody),
    ))]
pub async fn save(State(state): State<AppState>, Body(draft): Body<SaveDraft>) -> ApiResult<(StatusCode, Json<DraftSaved>)> {
    if draft.answers.len() > 500 || draft.answers.values().any(|v| v.len() > 5_000) {
        return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "draft_too_large", "Bản nháp quá lớn.", "The draft is too large."));
    }
    let code = new_code()?;
    let answers = serde_json::to_string(&draft.answers).unwrap_or_default();
    let saved = state
        .db
        .call(move |conn| {
            conn.execute("DELETE FROM drafts WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [])?;
            let known: bool = conn.query_row("SELECT count(*) > 0 FROM procedures WHERE id = ?1", [&draft.procedure_id], |r| r.get(0))?;
            if !known {
                return Ok(None);
            }
            conn.execute(
                "INSERT INTO drafts (resume_code, procedure_id, step, answers, expires_at)
                 VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?5))",
                params![code, draft.procedure_id, draft.step, answers, format!("+{DRAFT_DAYS} days")],
            )?;
            conn.query_row("SELECT expires_at FROM drafts WHERE resume_code = ?1", [&code], |r| r.get::<String>(0))
                .map(|expires_at| Some(DraftSaved { resume_code: code, expires_at }))
        })
        .await?;
    let saved = saved.ok_or_else(|| ApiError::not_found("procedure_not_found", "Không có thủ tục này trong danh mục.", "There is no such procedure."))?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// The draft kept under a resume code
#[utoipa::path(get, path = "/drafts/{code}", tag = "drafts", operation_id = "loadDraft", params(ResumeCode),
    responses(
        (status = 200, description = "Procedure, step and answers", body = SaveDraft),
        (status = 404, description = "Unknown or expired", body = ErrorBody),
        (status = 429, description = "Too many wrong codes, or too many requests, from this client", body = ErrorBody),
    ))]
pub async fn load(State(state): State<AppState>, ClientKey(client): ClientKey, Path(ResumeCode { code }): Path<ResumeCode>) -> ApiResult<Json<SaveDraft>> {
    let code = normalize_resume_code(&code).ok_or_else(not_found)?;
    let found = state
        .db
        .call(move |conn| {
            guard::attempt(conn, Secret::ResumeCode, &client, "", |conn| {
                conn.query_row(
                    "SELECT procedure_id, step, answers FROM drafts WHERE resume_code = ?1 AND expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                    [&code],
                    |r| Ok((r.get::<String>(0)?, r.get::<String>(1)?, r.get::<String>(2)?)),
                )
                .optional()
            })
        })
        .await?;
    let (procedure_id, step, answers) = found.or_refuse(&state.site.config.hotline, not_found)?;
    Ok(Json(SaveDraft { procedure_id, step, answers: serde_json::from_str(&answers).unwrap_or_default() }))
}

/// Delete a kept draft now
///
/// The citizen's right, at any time.
#[utoipa::path(delete, path = "/drafts/{code}", tag = "drafts", operation_id = "deleteDraft", params(ResumeCode),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "Unknown or expired", body = ErrorBody),
        (status = 429, description = "Too many wrong codes, or too many requests, from this client", body = ErrorBody),
    ))]
pub async fn delete(State(state): State<AppState>, ClientKey(client): ClientKey, Path(ResumeCode { code }): Path<ResumeCode>) -> ApiResult<StatusCode> {
    let code = normalize_resume_code(&code).ok_or_else(not_found)?;
    let deleted = state
        .db
        .call(move |conn| {
            guard::attempt(conn, Secret::ResumeCode, &client, "", |conn| {
                Ok((conn.execute("DELETE FROM drafts WHERE resume_code = ?1", [&code])? == 1).then_some(()))
            })
        })
        .await?;
    deleted.or_refuse(&state.site.config.hotline, not_found)?;
    Ok(StatusCode::NO_CONTENT)
}
