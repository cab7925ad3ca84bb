//! Attachments: the server checks type, magic bytes and size again (the browser already did), then
//! stores the file under a random id.

use crate::api::error;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mytho_core::dossier::Uploaded;
use mytho_core::i18n::Lang;
use mytho_core::validate::upload;
use rusqlite::params;

/// How long a file no dossier uses is kept: a draft on a phone may wait weeks before it is sent, and a
/// file gone by then is asked for again at submission (`Invalid::NotAttached`), never lost silently.
pub const LOOSE_DAYS: u32 = 30;

/// Room for the largest accepted file; anything bigger is refused before it is read.
pub const BODY_LIMIT: usize = upload::MAX_BYTES + 64 * 1024;

pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let kind = match upload::check(declared, &body) {
        Ok(kind) => kind,
        Err(e) => {
            let status = if matches!(e, upload::UploadError::TooLarge { .. }) { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::UNPROCESSABLE_ENTITY };
            return error(status, "bad_file", &e.message(Lang::Vi, "Tệp đính kèm"), &e.message(Lang::En, "Attachment"));
        }
    };
    let id = match crate::random::hex_id() {
        Ok(id) => id,
        Err(e) => {
            tracing::error!("uploads: no randomness: {e}");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let stored = Uploaded { id: id.clone(), mime: kind.mime().into(), bytes: body.len() };
    let saved = state
        .db
        .call(move |conn| {
            // Personal papers nobody submitted are not kept for ever: swept as new ones arrive.
            conn.execute(
                "DELETE FROM uploads WHERE dossier_code IS NULL AND created_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)",
                [format!("-{LOOSE_DAYS} days")],
            )?;
            conn.execute(
                "INSERT INTO uploads (id, mime, bytes, data) VALUES (?1, ?2, ?3, ?4)",
                params![id, kind.mime(), body.len() as i64, body.as_ref()],
            )
        })
        .await;
    match saved {
        Ok(_) => (StatusCode::CREATED, Json(stored)).into_response(),
        Err(e) => {
            tracing::error!("uploads: {e}");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "Máy chủ tạm thời không lưu được tệp; hãy thử lại.",
                "The server cannot store the file right now; try again.",
            )
        }
    }
}

/// `GET /api/v1/officer/dossiers/{code}/attachments/{id}`: an officer opens a paper of a dossier. Only
/// attachments linked to that dossier are served, as a download that is never run as a page.
pub async fn officer_download(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path((code, id)): axum::extract::Path<(String, String)>,
) -> Response {
    if let Err(r) = crate::dossiers::officer(&state, &headers) {
        return r;
    }
    let not_found = || error(StatusCode::NOT_FOUND, "not_found", "Không có tệp này trong hồ sơ.", "There is no such file in this application.");
    let (Some(code), true) = (mytho_core::dossier::normalize_code(&code), upload::is_upload_id(&id)) else { return not_found() };
    let found = state
        .db
        .call(move |conn| {
            use rusqlite::OptionalExtension;
            conn.query_row("SELECT mime, data FROM uploads WHERE id = ?1 AND dossier_code = ?2", params![id, code], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .optional()
        })
        .await;
    match found {
        Ok(Some((mime, data))) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CONTENT_DISPOSITION, "attachment".to_string()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            data,
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!("uploads: {e}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
