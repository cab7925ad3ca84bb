//! Attachments: the server checks type, magic bytes and size again (the browser already did), then
//! stores the file under a random id.

use crate::api::error;
use crate::client::ClientKey;
use crate::officers::Officer;
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

/// Files not yet in a dossier one client may send in a day, and their total size: a family's papers for
/// several applications, not a disk filled by a script.
pub const LOOSE_PER_DAY: i64 = 60;
pub const LOOSE_BYTES_PER_DAY: i64 = 150 * 1024 * 1024;

/// Room for the largest accepted file; anything bigger is refused before it is read.
pub const BODY_LIMIT: usize = upload::MAX_BYTES + 64 * 1024;

/// Deletes files no dossier used for [`LOOSE_DAYS`].
pub fn sweep(conn: &rusqlite::Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM uploads WHERE dossier_code IS NULL AND created_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)",
        [format!("-{LOOSE_DAYS} days")],
    )
}

pub async fn receive(State(state): State<AppState>, ClientKey(client): ClientKey, headers: HeaderMap, body: Bytes) -> Response {
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
            // Personal papers nobody submitted are not kept for ever: swept as new ones arrive, and on a timer.
            sweep(conn)?;
            let (files, bytes): (i64, i64) = conn.query_row(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM uploads
                 WHERE client = ?1 AND dossier_code IS NULL AND created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 days')",
                [&client],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if files >= LOOSE_PER_DAY || bytes + body.len() as i64 > LOOSE_BYTES_PER_DAY {
                tracing::warn!(target: "security", event = "upload_quota", client);
                return Ok(false);
            }
            conn.execute(
                "INSERT INTO uploads (id, mime, bytes, data, client) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, kind.mime(), body.len() as i64, body.as_ref(), client],
            )?;
            Ok(true)
        })
        .await;
    match saved {
        Ok(true) => (StatusCode::CREATED, Json(stored)).into_response(),
        Ok(false) => error(
            StatusCode::TOO_MANY_REQUESTS,
            "upload_quota",
            "Hôm nay mạng của bạn đã gửi quá nhiều tệp chưa nộp kèm hồ sơ. Hãy nộp các hồ sơ đang soạn, hoặc thử lại vào ngày mai.",
            "Your network has sent too many files not yet in an application today. Submit the applications in progress, or try again tomorrow.",
        ),
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
    Officer(officer): Officer,
    axum::extract::Path((code, id)): axum::extract::Path<(String, String)>,
) -> Response {
    let not_found = || error(StatusCode::NOT_FOUND, "not_found", "Không có tệp này trong hồ sơ.", "There is no such file in this application.");
    let (Some(code), true) = (mytho_core::dossier::normalize_code(&code), upload::is_upload_id(&id)) else { return not_found() };
    let found = state
        .db
        .call(move |conn| {
            use rusqlite::OptionalExtension;
            let found = conn
                .query_row("SELECT mime, data FROM uploads WHERE id = ?1 AND dossier_code = ?2", params![id, code], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
                })
                .optional()?;
            if found.is_some() {
                crate::officers::record(conn, &officer, &format!("download:{id}"), &code)?;
            }
            Ok(found)
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
