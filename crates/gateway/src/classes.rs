//! Class mode: a trainer starts a class (a short code and a secret trainer token), learners join with
//! the code and a display name, send their progress, and the trainer reads the dashboard, closes the
//! class and exports it as CSV. Names stay within the class: only the trainer's token reads them.

use crate::api::{error, Body};
use crate::client::ClientKey;
use crate::guard::{self, Secret};
use crate::officers::{bearer, same_token};
use crate::random;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mytho_core::classes::{
    attendance_csv, clean_name, normalize_class_code, ClassStarted, Dashboard, JoinClass, Joined, LearnerProgress, LearnerRow, StartClass,
};
use rusqlite::{params, Connection, OptionalExtension};

fn unavailable(e: impl std::fmt::Display) -> Response {
    tracing::error!("classes: {e}");
    error(StatusCode::SERVICE_UNAVAILABLE, "database_unavailable", "Máy chủ đang bận; hãy thử lại sau ít phút.", "The server is busy; try again in a few minutes.")
}

fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "class_not_found",
        "Không có lớp nào với mã này. Hãy kiểm tra 6 ký tự mã lớp trên màn hình của người hướng dẫn.",
        "No class has this code. Check the 6 characters of the class code on the trainer's screen.",
    )
}

fn closed() -> Response {
    error(StatusCode::GONE, "class_closed", "Lớp học này đã kết thúc.", "This class has ended.")
}

fn known(lesson_id: &str, state: &AppState) -> bool {
    state.site.lesson_ids.iter().any(|l| l == lesson_id)
}

pub async fn start(State(state): State<AppState>, Body(req): Body<StartClass>) -> Response {
    if !known(&req.lesson_id, &state) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "unknown_lesson", "Không có bài học này.", "There is no such lesson.");
    }
    let (code, token) = match (random::code(2, 3), random::hex_id()) {
        (Ok(c), Ok(t)) => (c, t),
        (Err(e), _) | (_, Err(e)) => return unavailable(e),
    };
    let started = ClassStarted { code: code.clone(), trainer_token: token.clone() };
    let saved = state
        .db
        .call(move |conn| conn.execute("INSERT INTO classes (code, lesson_id, trainer_token) VALUES (?1, ?2, ?3)", params![code, req.lesson_id, token]))
        .await;
    match saved {
        Ok(_) => (StatusCode::CREATED, Json(started)).into_response(),
        Err(e) => unavailable(e),
    }
}

enum Joining {
    Done(Joined),
    Unknown,
    Closed,
    TooMany(guard::Locked),
}

/// Failed joins (unknown or closed codes) are limited per client ([`Secret::ClassCode`]): at that pace
/// guessing one of 887 million codes takes years, and a guesser pauses only itself.
pub async fn join(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(code): Path<String>,
    Body(req): Body<JoinClass>,
) -> Response {
    let Some(name) = clean_name(&req.name) else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_name",
            "Hãy nhập tên hiển thị, từ 1 đến 40 ký tự.",
            "Enter a display name of 1 to 40 characters.",
        );
    };
    let learner_id = match random::hex_id() {
        Ok(id) => id,
        Err(e) => return unavailable(e),
    };
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
        .await;
    match result {
        Ok(Joining::Done(j)) => (StatusCode::CREATED, Json(j)).into_response(),
        Ok(Joining::Unknown) => not_found(),
        Ok(Joining::Closed) => closed(),
        Ok(Joining::TooMany(locked)) => guard::refused(locked, &state.site.config.hotline),
        Err(e) => unavailable(e),
    }
}

/// `PUT …/learners/{id}`: the learner's latest progress (sent again after a lost connection).
pub async fn progress(State(state): State<AppState>, Path((code, learner)): Path<(String, String)>, Body(p): Body<LearnerProgress>) -> Response {
    let Some(code) = normalize_class_code(&code) else { return not_found() };
    if p.scores.len() > 50 || !known(&p.lesson_id, &state) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "bad_progress", "Tiến độ không hợp lệ.", "The progress is not valid.");
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
        .await;
    match result {
        Ok(Some(true)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Some(false)) => closed(),
        Ok(None) => not_found(),
        Err(e) => unavailable(e),
    }
}

/// The class for its trainer (bearer token), or the response that refuses it.
fn dashboard_of(conn: &Connection, code: &str, token: &str) -> rusqlite::Result<Option<Dashboard>> {
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
            let progress: LearnerProgress = serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or_default();
            Ok(LearnerRow {
                name: r.get(0)?,
                lesson_id: if progress.lesson_id.is_empty() { lesson_id.clone() } else { progress.lesson_id },
                step: progress.step,
                scores: progress.scores,
                joined_at: r.get(2)?,
                updated_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(Dashboard { code: code.to_string(), lesson_id, closed: closed_at.is_some(), learners }))
}

/// The class for its trainer, guessed tokens limited per client and per class.
async fn for_trainer(state: &AppState, client: String, code: String, headers: &HeaderMap) -> Result<Dashboard, Response> {
    let Some(code) = normalize_class_code(&code) else { return Err(not_found()) };
    let token = bearer(headers);
    let target = code.clone();
    match state.db.call(move |conn| guard::attempt(conn, Secret::TrainerToken, &client, &target, |conn| dashboard_of(conn, &code, &token))).await.map(|a| a.or_refuse(&state.site.config.hotline, not_found)) {
        Ok(Ok(d)) => Ok(d),
        // A wrong token looks like an unknown class: names stay within the class.
        Ok(Err(refusal)) => Err(refusal),
        Err(e) => Err(unavailable(e)),
    }
}

pub async fn dashboard(State(state): State<AppState>, ClientKey(client): ClientKey, Path(code): Path<String>, headers: HeaderMap) -> Response {
    match for_trainer(&state, client, code, &headers).await {
        Ok(d) => ([(header::CACHE_CONTROL, "no-store")], Json(d)).into_response(),
        Err(r) => r,
    }
}

pub async fn close(State(state): State<AppState>, ClientKey(client): ClientKey, Path(code): Path<String>, headers: HeaderMap) -> Response {
    let d = match for_trainer(&state, client, code, &headers).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let result = state
        .db
        .call(move |conn| conn.execute("UPDATE classes SET closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE code = ?1 AND closed_at IS NULL", [&d.code]))
        .await;
    match result {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => unavailable(e),
    }
}

pub async fn export(State(state): State<AppState>, ClientKey(client): ClientKey, Path(code): Path<String>, headers: HeaderMap) -> Response {
    match for_trainer(&state, client, code, &headers).await {
        Ok(d) => {
            let lessons: Vec<&str> = state.site.lesson_ids.iter().map(String::as_str).collect();
            let file = format!("attachment; filename=\"lop-{}.csv\"", d.code);
            (
                [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, file), (header::CACHE_CONTROL, "no-store".into())],
                // A byte-order mark, so spreadsheet programs read the Vietnamese names as UTF-8.
                format!("\u{feff}{}", attendance_csv(&d, &lessons)),
            )
                .into_response()
        }
        Err(r) => r,
    }
}
