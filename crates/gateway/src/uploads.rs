//! Attachments: the server checks type, magic bytes and size again (the browser already did), then
//! stores the file under a random id.

use crate::client::ClientKey;
use crate::http::{limited, ApiError, ApiResult, FeatureRouter, Path, JSON_TIMEOUT, UPLOAD_TIMEOUT};
use crate::limits::{Write, WriteLimits};
use crate::officers::Officer;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::dossier::Uploaded;
use mytho_core::i18n::Lang;
use mytho_core::validate::upload;
use crate::store::params;
use std::convert::Infallible;
use std::sync::Arc;
use tower_http::timeout::TimeoutLayer;
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::routes;

/// `/uploads` (its own body limit and time, for a file on a slow link) and the officer's download.
pub fn router(limits: &Arc<WriteLimits>) -> FeatureRouter {
    FeatureRouter::new()
        .routes(
            limited(limits, Write::Uploads, routes!(receive)).map(|r| {
                r.layer::<_, Infallible>(DefaultBodyLimit::max(BODY_LIMIT))
                    .layer::<_, Infallible>(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, UPLOAD_TIMEOUT))
            }),
        )
        .routes(routes!(officer_download).map(|r| r.layer::<_, Infallible>(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, JSON_TIMEOUT))))
}

/// An attachment of a dossier.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct AttachmentPath {
    /// The dossier's code.
    pub code: String,
    /// The attachment's id, as given when it was uploaded.
    pub id: String,
}

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
pub fn sweep(conn: &crate::store::Connection) -> crate::store::Result<usize> {
    conn.execute(
        "DELETE FROM uploads WHERE dossier_code IS NULL AND report_id IS NULL AND created_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)",
        [format!("-{LOOSE_DAYS} days")],
    )
}

/// Upload an attachment
///
/// The file is the body and its type the `Content-Type`: JPEG, PNG, WebP or PDF, checked by its magic
/// bytes, at most 5 MB. Files no dossier uses are deleted after 30 days.
#[utoipa::path(post, path = "/uploads", tag = "dossiers", operation_id = "upload",
    request_body(description = "The file", content(
        (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp"), (Vec<u8> = "application/pdf"),
    )),
    responses(
        (status = 201, description = "Stored: its id, type and size", body = Uploaded),
        (status = 413, description = "Larger than 5 MB", body = ErrorBody),
        (status = 422, description = "Not an accepted type, or the content does not match the declared type", body = ErrorBody),
        (status = 429, description = "Too many uploads, or too many files not yet in a dossier today, from this client", body = ErrorBody),
    ))]
pub async fn receive(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Uploaded>)> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let kind = upload::check(declared, &body).map_err(|e| {
        let status = if matches!(e, upload::UploadError::TooLarge { .. }) { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::UNPROCESSABLE_ENTITY };
        ApiError::new(status, "bad_file", e.message(Lang::Vi, "Tệp đính kèm"), e.message(Lang::En, "Attachment"))
    })?;
    let id = crate::random::hex_id()?;
    let stored = Uploaded { id: id.clone(), mime: kind.mime().into(), bytes: body.len() };
    let saved = state
        .db
        .call(move |conn| {
            // Personal papers nobody submitted are not kept for ever: swept as new ones arrive, and on a timer.
            sweep(conn)?;
            let (files, bytes): (i64, i64) = conn.query_row(
                "SELECT count(*), CAST(coalesce(sum(bytes), 0) AS BIGINT) FROM uploads
                 WHERE client = ?1 AND dossier_code IS NULL AND report_id IS NULL AND created_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 days')",
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
        .await?;
    if !saved {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "upload_quota",
            "Hôm nay mạng của bạn đã gửi quá nhiều tệp chưa nộp kèm hồ sơ. Hãy nộp các hồ sơ đang soạn, hoặc thử lại vào ngày mai.",
            "Your network has sent too many files not yet in an application today. Submit the applications in progress, or try again tomorrow.",
        ));
    }
    Ok((StatusCode::CREATED, Json(stored)))
}

/// An attachment of a dossier, for an officer
///
/// Only attachments linked to that dossier are served, as a download that is never run as a page.
#[utoipa::path(get, path = "/officer/dossiers/{code}/attachments/{id}", tag = "officers", operation_id = "officerDownload", params(AttachmentPath),
    security(("officerToken" = [])),
    responses(
        (status = 200, description = "The file, as it was uploaded", content(
            (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"), (Vec<u8> = "image/webp"), (Vec<u8> = "application/pdf"),
        )),
        (status = 401, description = "Missing or wrong officer credential", body = ErrorBody),
        (status = 404, description = "No such file in this dossier", body = ErrorBody),
        (status = 429, description = "Too many wrong credentials from this client", body = ErrorBody),
    ))]
pub async fn officer_download(
    State(state): State<AppState>,
    Officer(officer): Officer,
    Path(AttachmentPath { code, id }): Path<AttachmentPath>,
) -> ApiResult<impl IntoResponse> {
    let not_found = || ApiError::not_found("attachment_not_found", "Không có tệp này trong hồ sơ.", "There is no such file in this application.");
    let (Some(code), true) = (mytho_core::dossier::normalize_code(&code), upload::is_upload_id(&id)) else { return Err(not_found()) };
    let found = state
        .db
        .call(move |conn| {
            use crate::store::OptionalExtension;
            let found = conn
                .query_row("SELECT mime, data FROM uploads WHERE id = ?1 AND dossier_code = ?2", params![id, code], |r| {
                    Ok((r.get::<String>(0)?, r.get::<Vec<u8>>(1)?))
                })
                .optional()?;
            if found.is_some() {
                crate::officers::record(conn, &officer, &format!("download:{id}"), &code)?;
            }
            Ok(found)
        })
        .await?;
    let (mime, data) = found.ok_or_else(not_found)?;
    Ok((
        [
            (header::CONTENT_TYPE, mime),
            (header::CONTENT_DISPOSITION, "attachment".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        data,
    ))
}
