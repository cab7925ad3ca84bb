//! Drafts kept for a few days under a resume code, so a citizen can continue on another device. Only
//! what the user chose to send is kept, and only until it expires or they delete it.

use crate::api::{error, Body};
use crate::client::ClientKey;
use crate::guard::{self, Secret};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mytho_core::dossier::{normalize_resume_code, DraftSaved, SaveDraft, DRAFT_DAYS};
use rusqlite::{params, OptionalExtension};

fn new_code() -> Result<String, getrandom::Error> {
    crate::random::code(3, 4)
}

fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "draft_not_found",
        "Không tìm thấy hồ sơ đang soạn với mã này, hoặc mã đã hết hạn. Hãy kiểm tra lại 12 ký tự của mã.",
        "No draft has this code, or it has expired. Check the 12 characters of the code.",
    )
}

fn unavailable(e: impl std::fmt::Display) -> Response {
    tracing::error!("drafts: {e}");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "database_unavailable",
        "Máy chủ tạm thời không lưu được bản nháp; bản nháp vẫn còn trên máy này.",
        "The server cannot keep the draft right now; it is still on this device.",
    )
}

pub async fn save(State(state): State<AppState>, Body(draft): Body<SaveDraft>) -> Response {
    if draft.answers.len() > 500 || draft.answers.values().any(|v| v.len() > 5_000) {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "draft_too_large", "Bản nháp quá lớn.", "The draft is too large.");
    }
    let code = match new_code() {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
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
            conn.query_row("SELECT expires_at FROM drafts WHERE resume_code = ?1", [&code], |r| r.get::<_, String>(0))
                .map(|expires_at| Some(DraftSaved { resume_code: code, expires_at }))
        })
        .await;
    match saved {
        Ok(Some(d)) => (StatusCode::CREATED, Json(d)).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "procedure_not_found", "Không có thủ tục này trong danh mục.", "There is no such procedure."),
        Err(e) => unavailable(e),
    }
}

pub async fn load(State(state): State<AppState>, ClientKey(client): ClientKey, Path(code): Path<String>) -> Response {
    let Some(code) = normalize_resume_code(&code) else { return not_found() };
    let found = state
        .db
        .call(move |conn| guard::attempt(conn, Secret::ResumeCode, &client, "", |conn| {
            conn.query_row(
                "SELECT procedure_id, step, answers FROM drafts WHERE resume_code = ?1 AND expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                [&code],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
            )
            .optional()
        }))
        .await;
    match found.map(|a| a.or_refuse(&state.site.config.hotline, not_found)) {
        Ok(Ok((procedure_id, step, answers))) => Json(SaveDraft {
            procedure_id,
            step,
            answers: serde_json::from_str(&answers).unwrap_or_default(),
        })
        .into_response(),
        Ok(Err(refusal)) => refusal,
        Err(e) => unavailable(e),
    }
}

/// "Delete it from the server": the citizen's right, at any time.
pub async fn delete(State(state): State<AppState>, ClientKey(client): ClientKey, Path(code): Path<String>) -> Response {
    let Some(code) = normalize_resume_code(&code) else { return not_found() };
    let deleted = state
        .db
        .call(move |conn| {
            guard::attempt(conn, Secret::ResumeCode, &client, "", |conn| {
                Ok((conn.execute("DELETE FROM drafts WHERE resume_code = ?1", [&code])? == 1).then_some(()))
            })
        })
        .await;
    match deleted.map(|a| a.or_refuse(&state.site.config.hotline, not_found)) {
        Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(refusal)) => refusal,
        Err(e) => unavailable(e),
    }
}
