//! The procedure catalogue: seeded into SQLite at start from the repository's data file, served from
//! the database.

use crate::api::error;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use mytho_core::procedures::{Catalogue, Field, Procedure, ProcedureList};
use rusqlite::{params, Connection};

/// The catalogue shipped with the gateway.
const SEED: &str = include_str!("../data/procedures.json");

pub fn seed_catalogue() -> Result<Catalogue, String> {
    let catalogue = Catalogue::parse(SEED)?;
    let problems = catalogue.problems();
    if !problems.is_empty() {
        return Err(format!("data/procedures.json has problems to fix:\n  {}", problems.join("\n  ")));
    }
    Ok(catalogue)
}

/// Replaces the stored catalogue with `catalogue`, in one transaction.
pub fn store(conn: &mut Connection, catalogue: &Catalogue) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM procedures", [])?;
    tx.execute("DELETE FROM procedure_fields", [])?;
    for (i, f) in catalogue.fields.iter().enumerate() {
        let json = serde_json::to_string(f).expect("a field serialises");
        tx.execute("INSERT INTO procedure_fields (id, position, data) VALUES (?1, ?2, ?3)", params![f.id, i as i64, json])?;
    }
    for (i, p) in catalogue.procedures.iter().enumerate() {
        let json = serde_json::to_string(p).expect("a procedure serialises");
        tx.execute(
            "INSERT INTO procedures (id, position, field, data) VALUES (?1, ?2, ?3, ?4)",
            params![p.id, i as i64, p.field, json],
        )?;
    }
    tx.commit()
}

fn load_all(conn: &mut Connection) -> rusqlite::Result<ProcedureList> {
    let fields = conn
        .prepare("SELECT data FROM procedure_fields ORDER BY position")?
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(|json| json.ok().and_then(|j| serde_json::from_str::<Field>(&j).ok()))
        .collect();
    let procedures = conn
        .prepare("SELECT data FROM procedures ORDER BY position")?
        .query_map([], |r| r.get::<_, String>(0))?
        .filter_map(|json| json.ok().and_then(|j| serde_json::from_str::<Procedure>(&j).ok()))
        .map(|p| p.summary())
        .collect();
    Ok(ProcedureList { fields, procedures })
}

fn unavailable(e: rusqlite::Error) -> Response {
    tracing::error!("reading the catalogue: {e}");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "database_unavailable",
        "Máy chủ tạm thời không đọc được danh mục thủ tục.",
        "The server cannot read the procedure catalogue right now.",
    )
}

pub async fn list(State(state): State<AppState>) -> Response {
    match state.db.call(load_all).await {
        Ok(list) => Json(list).into_response(),
        Err(e) => unavailable(e),
    }
}

pub async fn one(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let found = state
        .db
        .call(move |conn| {
            let mut stmt = conn.prepare("SELECT data FROM procedures WHERE id = ?1")?;
            let mut rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
            rows.next().transpose()
        })
        .await;
    match found {
        Ok(Some(json)) => match serde_json::from_str::<Procedure>(&json) {
            Ok(p) => Json(p).into_response(),
            Err(e) => unavailable(rusqlite::Error::ToSqlConversionFailure(Box::new(e))),
        },
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "procedure_not_found",
            "Không có thủ tục này trong danh mục. Hãy quay lại danh sách thủ tục để chọn.",
            "There is no such procedure. Go back to the list of procedures to choose one.",
        ),
        Err(e) => unavailable(e),
    }
}
