//! The procedure catalogue: seeded into SQLite at start from the repository's data file, served from
//! the database.

use crate::http::{ApiError, ApiResult, FeatureRouter, Path};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::procedures::{Catalogue, Field, Procedure, ProcedureList};
use crate::store::{params, Connection};
use utoipa_axum::routes;

/// `/procedures/…`.
pub fn router() -> FeatureRouter {
    FeatureRouter::new().routes(routes!(list)).routes(routes!(one))
}

/// A procedure's id in the catalogue.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ProcedureId {
    #[param(example = "khai-sinh")]
    pub id: String,
}

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
pub fn store(conn: &mut Connection, catalogue: &Catalogue) -> crate::store::Result<()> {
    let tx = conn.transaction()?;
    // Gateways starting together replace it one after the other.
    tx.lock("catalogue")?;
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

fn load_all(conn: &mut Connection) -> crate::store::Result<ProcedureList> {
    let fields = conn
        .prepare("SELECT data FROM procedure_fields ORDER BY position")?
        .query_map([], |r| r.get::<String>(0))?
        .filter_map(|json| json.ok().and_then(|j| serde_json::from_str::<Field>(&j).ok()))
        .collect();
    let procedures = conn
        .prepare("SELECT data FROM procedures ORDER BY position")?
        .query_map([], |r| r.get::<String>(0))?
        .filter_map(|json| json.ok().and_then(|j| serde_json::from_str::<Procedure>(&j).ok()))
        .map(|p| p.summary())
        .collect();
    Ok(ProcedureList { fields, procedures })
}

/// The procedure catalogue
///
/// Its fields, and one summary per procedure (names, old names, fee, whether online), in catalogue
/// order. The reference gateway seeds it from `crates/gateway/data/procedures.json`.
#[utoipa::path(get, path = "/procedures", tag = "procedures", operation_id = "listProcedures",
    responses((status = 200, description = "Fields and procedures", body = ProcedureList)))]
pub async fn list(State(state): State<AppState>) -> ApiResult<Json<ProcedureList>> {
    Ok(Json(state.db.call(load_all).await?))
}

/// One procedure in full
///
/// Who may apply, papers, time, fee, legal basis, where the result is collected, and its form when it
/// can be done online.
#[utoipa::path(get, path = "/procedures/{id}", tag = "procedures", operation_id = "getProcedure", params(ProcedureId),
    responses(
        (status = 200, description = "The procedure", body = Procedure),
        (status = 404, description = "No such procedure", body = ErrorBody),
    ))]
pub async fn one(State(state): State<AppState>, Path(ProcedureId { id }): Path<ProcedureId>) -> ApiResult<Json<Procedure>> {
    let found = state
        .db
        .call(move |conn| {
            let mut stmt = conn.prepare("SELECT data FROM procedures WHERE id = ?1")?;
            let mut rows = stmt.query_map([id], |r| r.get::<String>(0))?;
            rows.next().transpose()
        })
        .await?;
    let json = found.ok_or_else(|| {
        ApiError::not_found(
            "procedure_not_found",
            "Không có thủ tục này trong danh mục. Hãy quay lại danh sách thủ tục để chọn.",
            "There is no such procedure. Go back to the list of procedures to choose one.",
        )
    })?;
    serde_json::from_str::<Procedure>(&json).map(Json).map_err(|e| ApiError::Database(crate::store::Error::other(e)))
}
