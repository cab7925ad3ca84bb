//! Class mode: a trainer starts a class (a short code and a secret trainer token), learners join with
//! the code and a display name, send their progress, and the trainer reads the dashboard, closes the
//! class and exports it as CSV. Names stay within the class: only the trainer's token reads them.

use crate::client::ClientKey;
use crate::guard::{self, Secret};
use crate::http::{bearer, limited, ApiError, ApiResult, Body, FeatureRouter, Path};
use crate::limits::{Write, WriteLimits};
use crate::officers::same_token;
use crate::random;
use crate::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::classes::{
    attendance_csv, clean_name, normalize_class_code, ClassStarted, Dashboard, JoinClass, Joined, LearnerProgress, LearnerRow, StartClass,
};
use crate::store::{params, Connection, OptionalExtension};
use std::sync::Arc;
use utoipa_axum::routes;

/// `/classes/…`.
pub fn router(limits: &Arc<WriteLimits>) -> FeatureRouter {
    FeatureRouter::new()
        .routes(limited(limits, Write::Classes, routes!(start)))
        .routes(routes!(dashboard))
        // Closing needs the trainer token (guessing it is limited); no anonymous write to limit.
        .routes(routes!(close))
        .routes(routes!(export))
        .routes(limited(limits, Write::Learners, routes!(join)))
        .routes(limited(limits, Write::Progress, routes!(progress)))
}

/// A class's code, as shown on the trainer's screen (`ABC-DEF`; case, spaces and the dash forgiven).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ClassCode {
    #[param(example = "K7M-4QP")]
    pub code: String,
}

/// A learner in a class.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct LearnerPath {
    #[param(example = "K7M-4QP")]
    pub code: String,
    /// The id given when the learner joined.
    pub learner: String,
}

fn not_found() -> ApiError {
    ApiError::not_found(
        "class_not_found",
        "Không có lớp nào với mã này. Hãy kiểm tra 6 ký tự mã lớp trên màn hình của người hướng dẫn.",
        "No class has this code. Check the 6 characters of the class code on the trainer's screen.",
    )
}

fn closed() -> ApiError {
    ApiError::new(StatusCode::GONE, "class_closed", "Lớp học này đã kết thúc.", "This class has ended.")
}

fn known(lesson_id: &str, state: &AppState) -> bool {
    state.site.lesson_ids.iter().any(|l| l == lesson_id)
}

/// Start a class
///
/// For one lesson: a short code for the learners and a secret trainer token for the dashboard.
#[utoipa::path(post, path = "/classes", tag = "classes", operation_id = "startClass", request_body = StartClass,
    responses(
        (status = 201, description = "Started", body = ClassStarted),
        (status = 422, description = "No such lesson", body = ErrorBody),
        (status = 429, description = "Too many classes from this client", body = ErrorBody),
    ))]
pub async fn start(State(state): State<AppState>, Body(req): Body<StartClass>) -> ApiResult<(StatusCode, Json<ClassStarted>)> {
    if !known(&req.lesson_id, &state) {
        return Err(ApiError::unprocessable("unknown_lesson", "Không có bài học này.", "There is no such lesson."));
    }
    let (code, token) = (random::code(2, 3)?, random::hex_id()?);
    let started = ClassStarted { code: code.clone(), trainer_token: token.clone() };
    state
        .db
        .call(move |conn| conn.execute("INSERT INTO classes (code, lesson_id, trainer_token) VALUES (?1, ?2, ?3)", params![code, req.lesson_id, token]))
        .await?;
    Ok((StatusCode::CREATED, Json(started)))
}

enum Joining {
    Done(Joined),
    Unknown,
    Closed,
    TooMany(guard::Locked),
}

/// Join a class
///
/// With the class code and a display name (kept within the class). Failed joins (unknown or closed
/// codes) are limited per client: at that pace guessing one of 887 million codes takes years, and a
/// guesser pauses only itself.
#[utoipa::path(post, path = "/classes/{code}/learners", tag = "classes", operation_id = "joinClass", params(ClassCode),
    request_body = JoinClass,
    responses(
        (status = 201, description = "Joined: the learner's id and the class's lesson", body = Joined),
        (status = 404, description = "No class has this code", body = ErrorBody),
        (status = 410, description = "The class has ended", body = ErrorBody),
        (status = 422, description = "No usable display name (1 to 40 characters)", body = ErrorBody),
        (status = 429, description = "Too many failed joins, or too many joins, from this client", body = ErrorBody),
    ))]
pub async fn join(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(ClassCode { code }): Path<ClassCode>,
    Body(req): Body<JoinClass>,
) -> ApiResult<(StatusCode, Json<Joined>)> {
    let name = clean_name(&req.name).ok_or_else(|| {
        ApiError::unprocessable("bad_name", "Hãy nhập tên hiển thị, từ 1 đến 40 ký tự.", "Enter a display name of 1 to 40 characters.")
    })?;
    let learner_id = random::hex_id()?;
    let result = state
        .db
        .call(move |conn| {
            let now = guard::now();
            if let Some(locked) = guard::locked(conn, Secret::ClassCode, &client, "", now)? {
                return Ok(Joining::TooMany(locked));
            }
            let code = normalize_class_code(&code);
            let class: Option<(String, Option<String>)> = match &code {
                Some(code) => conn.query_row("SELECT lesson_id, closed_at FROM classes WHERE code = ?1", [code], |r| Ok((r.get(0)?, r.get(1)?))).optional()?,
                None => None,
            };
            let (lesson_id, code) = match (class, code) {
                (Some((lesson_id, None)), Some(code)) => (lesson_id, code),
                (found, _) => {
                    guard::failed(conn, Secret::ClassCode, &client, "", now)?;
                    return Ok(if found.is_some() { Joining::Closed } else { Joining::Unknown });
                }
            };
            conn.execute("INSERT INTO class_learners (class_code, learner_id, name) VALUES (?1, ?2, ?3)", params![code, learner_id, name])?;
            Ok(Joining::Done(Joined { learner_id, lesson_id }))
        })
        .await?;
    match result {
        Joining::Done(j) => Ok((StatusCode::CREATED, Json(j))),
        Joining::Unknown => Err(not_found()),
        Joining::Closed => Err(closed()),
        Joining::TooMany(locked) => Err(ApiError::Locked { locked, hotline: state.site.config.hotline.clone() }),
    }
}

/// A learner's progress
///
/// The latest state, sent again after a lost connection (so a repeat changes nothing).
#[utoipa::path(put, path = "/classes/{code}/learners/{learner}", tag = "classes", operation_id = "learnerProgress", params(LearnerPath),
    request_body = LearnerProgress,
    responses(
        (status = 204, description = "Kept"),
        (status = 404, description = "No such class or learner", body = ErrorBody),
        (status = 410, description = "The class has ended", body = ErrorBody),
        (status = 422, description = "Not a lesson of this city, or more than 50 scores", body = ErrorBody),
        (status = 429, description = "Too many updates from this client", body = ErrorBody),
    ))]
pub async fn progress(
    State(state): State<AppState>,
    Path(LearnerPath { code, learner }): Path<LearnerPath>,
    Body(p): Body<LearnerProgress>,
) -> ApiResult<StatusCode> {
    let code = normalize_class_code(&code).ok_or_else(not_found)?;
    if p.scores.len() > 50 || !known(&p.lesson_id, &state) {
        return Err(ApiError::unprocessable("bad_progress", "Tiến độ không hợp lệ.", "The progress is not valid."));
    }
    let json = serde_json::to_string(&p).unwrap_or_default();
    // Some(true): kept; Some(false): the class has ended; None: no such class or learner.
    let result = state
        .db
        .call(move |conn| {
            let closed: Option<Option<String>> = conn.query_row("SELECT closed_at FROM classes WHERE code = ?1", [&code], |r| r.get(0)).optional()?;
            if closed.as_ref().is_some_and(Option::is_some) {
                return Ok(Some(false));
            }
            let n = conn.execute(
                "UPDATE class_learners SET progress = ?1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE class_code = ?2 AND learner_id = ?3",
                params![json, code, learner],
            )?;
            Ok((n == 1).then_some(true))
        })
        .await?;
    match result {
        Some(true) => Ok(StatusCode::NO_CONTENT),
        Some(false) => Err(closed()),
        None => Err(not_found()),
    }
}

/// The class, when `token` is its trainer's.
fn dashboard_of(conn: &Connection, code: &str, token: &str) -> crate::store::Result<Option<Dashboard>> {
    let class: Option<(String, String, Option<String>)> = conn
        .query_row("SELECT lesson_id, trainer_token, closed_at FROM classes WHERE code = ?1", [code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((lesson_id, trainer_token, closed_at)) = class else { return Ok(None) };
    if token.is_empty() || !same_token(token, &trainer_token) {
        return Ok(None);
    }
    let mut stmt = conn.prepare("SELECT name, progress, joined_at, updated_at FROM class_learners WHERE class_code = ?1 ORDER BY joined_at, rowid")?;
    let learners = stmt
        .query_map([code], |r| {
            let progress: LearnerProgress = serde_json::from_str(&r.get::<String>(1)?).unwrap_or_default();
            Ok(LearnerRow {
                name: r.get(0)?,
                lesson_id: if progress.lesson_id.is_empty() { lesson_id.clone() } else { progress.lesson_id },
                step: progress.step,
                scores: progress.scores,
                joined_at: r.get(2)?,
                updated_at: r.get(3)?,
            })
        })?
        .collect::<crate::store::Result<Vec<_>>>()?;
    Ok(Some(Dashboard { code: code.to_string(), lesson_id, closed: closed_at.is_some(), learners }))
}

/// The trainer of the class in the path (bearer trainer token), with the class as they see it.
/// Guessed tokens are limited per client and per class; names stay within the class.
pub struct Trainer(pub Dashboard);

impl FromRequestParts<AppState> for Trainer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ClientKey(client) = ClientKey::from_request_parts(parts, state).await.unwrap_or_else(|never| match never {});
        let Path(ClassCode { code }) = Path::<ClassCode>::from_request_parts(parts, state).await.map_err(|_| not_found())?;
        let code = normalize_class_code(&code).ok_or_else(not_found)?;
        let token = bearer(&parts.headers);
        if token.is_empty() {
            return Err(trainer_only(StatusCode::UNAUTHORIZED, "trainer_token_required"));
        }
        let target = code.clone();
        let (found, known) = state
            .db
            .call(move |conn| {
                let found = guard::attempt(conn, Secret::TrainerToken, &client, &target, |conn| dashboard_of(conn, &code, &token))?;
                let known = matches!(found, guard::Attempt::Wrong) && exists(conn, &code)?;
                Ok((found, known))
            })
            .await?;
        found
            .or_refuse(&state.site.config.hotline, || if known { trainer_only(StatusCode::FORBIDDEN, "trainer_token_wrong") } else { not_found() })
            .map(Trainer)
    }
}

fn exists(conn: &Connection, code: &str) -> crate::store::Result<bool> {
    conn.query_row("SELECT count(*) > 0 FROM classes WHERE code = ?1", [code], |r| r.get(0))
}

/// No trainer token (401) or another class's (403): the same words.
fn trainer_only(status: StatusCode, code: &'static str) -> ApiError {
    ApiError::new(
        status,
        code,
        "Chỉ người hướng dẫn của lớp (trên máy đã mở lớp) xem và quản lý được lớp này.",
        "Only the class's trainer (on the device that started it) can see and manage this class.",
    )
}

/// The class's dashboard
///
/// Who joined, where each is, their quiz scores.
#[utoipa::path(get, path = "/classes/{code}", tag = "classes", operation_id = "classDashboard", params(ClassCode),
    security(("trainerToken" = [])),
    responses(
        (status = 200, description = "The class", body = Dashboard),
        (status = 401, description = "No trainer token", body = ErrorBody),
        (status = 403, description = "The trainer token is not this class's", body = ErrorBody),
        (status = 404, description = "No class has this code", body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client, or at this class", body = ErrorBody),
    ))]
pub async fn dashboard(Trainer(d): Trainer) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], Json(d))
}

/// End the class
///
/// Learners can no longer join or send progress; the dashboard and export stay.
#[utoipa::path(post, path = "/classes/{code}/close", tag = "classes", operation_id = "closeClass", params(ClassCode),
    security(("trainerToken" = [])),
    responses(
        (status = 204, description = "Ended (or already ended)"),
        (status = 401, description = "No trainer token", body = ErrorBody),
        (status = 403, description = "The trainer token is not this class's", body = ErrorBody),
        (status = 404, description = "No class has this code", body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client, or at this class", body = ErrorBody),
    ))]
pub async fn close(State(state): State<AppState>, Trainer(d): Trainer) -> ApiResult<StatusCode> {
    state
        .db
        .call(move |conn| conn.execute("UPDATE classes SET closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE code = ?1 AND closed_at IS NULL", [&d.code]))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The class as a spreadsheet
///
/// CSV in UTF-8 with a byte-order mark: one row per learner, one column per lesson.
#[utoipa::path(get, path = "/classes/{code}/export.csv", tag = "classes", operation_id = "exportClass", params(ClassCode),
    security(("trainerToken" = [])),
    responses(
        (status = 200, description = "The attendance sheet", content_type = "text/csv", body = String),
        (status = 401, description = "No trainer token", body = ErrorBody),
        (status = 403, description = "The trainer token is not this class's", body = ErrorBody),
        (status = 404, description = "No class has this code", body = ErrorBody),
        (status = 429, description = "Too many wrong tokens from this client, or at this class", body = ErrorBody),
    ))]
pub async fn export(State(state): State<AppState>, Trainer(d): Trainer) -> impl IntoResponse {
    let lessons: Vec<&str> = state.site.lesson_ids.iter().map(String::as_str).collect();
    let file = format!("attachment; filename=\"lop-{}.csv\"", d.code);
    (
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, file), (header::CACHE_CONTROL, "no-store".into())],
        // A byte-order mark, so spreadsheet programs read the Vietnamese names as UTF-8.
        format!("\u{feff}{}", attendance_csv(&d, &lessons)),
    )
}
