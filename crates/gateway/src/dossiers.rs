//! Dossiers: submission (validated with the core's rules, exactly one dossier per idempotency key),
//! tracking by code plus the phone's last four digits, and the officer API that moves a dossier
//! through its statuses.

use crate::api::{error, Body};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use mytho_core::dossier::{
    dossier_code, is_idempotency_key, is_overdue, normalize_code, normalize_phone_last4, FieldProblem, Receipt, Status,
    StatusChange, SubmitDossier, TimelineEntry, Tracking,
};
use mytho_core::forms::{self, FieldKind};
use mytho_core::i18n::{Lang, Localized};
use mytho_core::procedures::Procedure;
use mytho_core::validate::Date;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// Today in Việt Nam (GMT+7).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Date::from_days_since_epoch((secs + 7 * 3600).div_euclid(86_400))
}

fn status_text(s: Status) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse_status(s: &str) -> Option<Status> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn procedure(conn: &Connection, id: &str) -> rusqlite::Result<Option<Procedure>> {
    conn.query_row("SELECT data FROM procedures WHERE id = ?1", [id], |r| r.get::<_, String>(0))
        .optional()
        .map(|json| json.and_then(|j| serde_json::from_str(&j).ok()))
}

fn db_error(e: rusqlite::Error) -> Response {
    tracing::error!("dossiers: {e}");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "database_unavailable",
        "Máy chủ tạm thời không lưu được hồ sơ. Hồ sơ của bạn vẫn được giữ trên máy; hãy thử lại sau ít phút.",
        "The server cannot save applications right now. Yours is kept on your device; try again in a few minutes.",
    )
}

enum Submitted {
    Created(Receipt),
    Replayed(Receipt),
    KeyReused,
    UnknownProcedure,
    NotOnline,
    Invalid(Vec<FieldProblem>),
}

pub async fn submit(State(state): State<AppState>, Body(submission): Body<SubmitDossier>) -> Response {
    if !is_idempotency_key(&submission.idempotency_key) {
        return error(
            StatusCode::BAD_REQUEST,
            "bad_idempotency_key",
            "Thiếu mã chống gửi trùng hoặc mã không hợp lệ.",
            "The idempotency key is missing or not valid.",
        );
    }
    let agency = state.agency_code.clone();
    let today = today();
    let result = state
        .db
        .call(move |conn| {
            let hash = {
                let canonical = serde_json::to_string(&(&submission.procedure_id, &submission.answers)).unwrap_or_default();
                format!("{:x}", Sha256::digest(canonical.as_bytes()))
            };
            let tx = conn.transaction()?;
            let existing: Option<(String, String)> = tx
                .query_row(
                    "SELECT code, body_hash FROM dossiers WHERE idempotency_key = ?1",
                    [&submission.idempotency_key],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((code, stored_hash)) = existing {
                if stored_hash != hash {
                    return Ok(Submitted::KeyReused);
                }
                return Ok(Submitted::Replayed(receipt(&tx, &code)?));
            }
            let Some(proc) = procedure(&tx, &submission.procedure_id)? else { return Ok(Submitted::UnknownProcedure) };
            let Some(form) = proc.form.as_ref() else { return Ok(Submitted::NotOnline) };
            // The server never trusts the client: the same rules again, and the wards against today's list.
            let clean = match known_references(&tx, form, &submission.answers, today, None)? {
                Ok(clean) => clean,
                Err(errors) => return Ok(Submitted::Invalid(problems(form, &errors))),
            };
            let phone = form
                .fields()
                .find(|f| f.kind == FieldKind::Phone)
                .and_then(|f| clean.get(&f.id).cloned())
                .unwrap_or_default();
            let prefix = dossier_code(&agency, today, 0);
            let prefix = &prefix[..prefix.len() - 4];
            let n: i64 = tx.query_row("SELECT count(*) FROM dossiers WHERE code LIKE ?1", [format!("{prefix}%")], |r| r.get(0))?;
            let code = dossier_code(&agency, today, n as u32 + 1);
            let appointment = today.add_working_days(proc.working_days).iso();
            tx.execute(
                "INSERT INTO dossiers (code, procedure_id, idempotency_key, body_hash, answers, phone, status, appointment, fee_vnd)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    code,
                    proc.id,
                    submission.idempotency_key,
                    hash,
                    serde_json::to_string(&clean).unwrap_or_default(),
                    phone,
                    status_text(Status::Submitted),
                    appointment,
                    fee_of(&proc, &clean)
                ],
            )?;
            tx.execute("INSERT INTO dossier_events (code, status) VALUES (?1, ?2)", params![code, status_text(Status::Submitted)])?;
            link_uploads(&tx, form, &clean, &code)?;
            let r = receipt(&tx, &code)?;
            tx.commit()?;
            Ok(Submitted::Created(r))
        })
        .await;
    match result {
        Ok(Submitted::Created(r)) => (StatusCode::CREATED, Json(r)).into_response(),
        Ok(Submitted::Replayed(r)) => (StatusCode::OK, Json(r)).into_response(),
        Ok(Submitted::KeyReused) => error(
            StatusCode::CONFLICT,
            "idempotency_conflict",
            "Mã chống gửi trùng này đã dùng cho một hồ sơ khác. Hãy tải lại trang rồi nộp lại.",
            "This idempotency key was used for a different application. Reload the page and submit again.",
        ),
        Ok(Submitted::UnknownProcedure) => error(
            StatusCode::NOT_FOUND,
            "procedure_not_found",
            "Không có thủ tục này trong danh mục.",
            "There is no such procedure.",
        ),
        Ok(Submitted::NotOnline) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_online",
            "Thủ tục này chưa nộp trực tuyến được; hãy đến bộ phận một cửa.",
            "This procedure cannot be done online yet; go to the one-stop counter.",
        ),
        Ok(Submitted::Invalid(fields)) => invalid(fields),
        Err(e) => db_error(e),
    }
}

fn receipt(conn: &Connection, code: &str) -> rusqlite::Result<Receipt> {
    conn.query_row(
        "SELECT code, procedure_id, status, submitted_at, appointment, fee_vnd FROM dossiers WHERE code = ?1",
        [code],
        |r| {
            let status: String = r.get(2)?;
            Ok(Receipt {
                code: r.get(0)?,
                procedure_id: r.get(1)?,
                status: parse_status(&status).unwrap_or(Status::Submitted),
                submitted_at: r.get(3)?,
                appointment: r.get(4)?,
                fee_vnd: r.get(5)?,
            })
        },
    )
}

/// The fee a dossier owes online (`None` when free or not taken online), fixed at submission.
fn fee_of(proc: &Procedure, clean: &forms::Answers) -> Option<u64> {
    proc.fee_for(clean).filter(|f| *f > 0)
}

/// A dossier's fee as recorded.
pub(crate) fn recorded_fee(conn: &Connection, code: &str) -> rusqlite::Result<Option<u64>> {
    conn.query_row("SELECT fee_vnd FROM dossiers WHERE code = ?1", [code], |r| r.get(0))
}

#[derive(serde::Deserialize)]
pub struct SecondFactor {
    #[serde(default)]
    pub(crate) phone_last4: String,
}

pub(crate) fn not_found_dossier() -> Response {
    // The same answer whether the code or the digits are wrong: nobody can probe for codes.
    error(
        StatusCode::NOT_FOUND,
        "dossier_not_found",
        "Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này. Hãy kiểm tra mã trên giấy tiếp nhận.",
        "No application matches this code and these last 4 phone digits. Check the code on your receipt.",
    )
}

pub async fn track(State(state): State<AppState>, Path(code): Path<String>, Query(q): Query<SecondFactor>) -> Response {
    let Some(code) = normalize_code(&code) else { return not_found_dossier() };
    if normalize_phone_last4(&q.phone_last4).is_none() {
        return error(
            StatusCode::BAD_REQUEST,
            "phone_last4_required",
            "Hãy nhập 4 số cuối của số điện thoại đã khai trong hồ sơ.",
            "Enter the last 4 digits of the phone number given in the application.",
        );
    }
    let today = today();
    let found = state
        .db
        .call(move |conn| {
            let row: Option<(String, String, String, String)> = conn
                .query_row(
                    "SELECT procedure_id, status, appointment, phone FROM dossiers WHERE code = ?1",
                    [&code],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((procedure_id, status, appointment, phone)) = row else { return Ok(None) };
            if !phone.ends_with(&q.phone_last4) {
                return Ok(None);
            }
            let proc = procedure(conn, &procedure_id)?;
            let fee_vnd = recorded_fee(conn, &code)?;
            let name = proc.map(|p| p.name).unwrap_or(Localized { vi: procedure_id.clone(), en: procedure_id.clone() });
            let payment: Option<String> = conn
                .query_row(
                    "SELECT status FROM payments WHERE dossier_code = ?1 ORDER BY status = 'paid' DESC, rowid DESC LIMIT 1",
                    [&code],
                    |r| r.get(0),
                )
                .optional()?;
            let payment = payment.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok());
            let timeline = conn
                .prepare("SELECT status, at, note_vi, note_en FROM dossier_events WHERE code = ?1 ORDER BY id")?
                .query_map([&code], |r| {
                    let s: String = r.get(0)?;
                    let (vi, en): (Option<String>, Option<String>) = (r.get(2)?, r.get(3)?);
                    Ok(TimelineEntry {
                        status: parse_status(&s).unwrap_or(Status::Submitted),
                        at: r.get(1)?,
                        note: vi.map(|vi| Localized { en: en.unwrap_or_else(|| vi.clone()), vi }),
                        paid_vnd: None,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            // Fees paid, in time order with the status changes (both times are UTC RFC 3339).
            let current = parse_status(&status).unwrap_or(Status::Submitted);
            let paid = conn
                .prepare("SELECT paid_at, amount_vnd FROM payments WHERE dossier_code = ?1 AND status = 'paid' AND paid_at IS NOT NULL")?
                .query_map([&code], |r| {
                    Ok(TimelineEntry { status: current, at: r.get(0)?, note: None, paid_vnd: Some(r.get::<_, i64>(1)? as u64) })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut timeline = timeline;
            timeline.extend(paid);
            timeline.sort_by(|a, b| a.at.cmp(&b.at));
            let status = parse_status(&status).unwrap_or(Status::Submitted);
            let due = Date::from_parts(&appointment[8..10], &appointment[5..7], &appointment[..4]).ok();
            Ok(Some(Tracking {
                code,
                procedure_id,
                procedure_name: name,
                status,
                overdue: due.is_some_and(|d| is_overdue(status, d, today)),
                appointment,
                timeline,
                fee_vnd,
                payment,
            }))
        })
        .await;
    match found {
        Ok(Some(t)) => Json(t).into_response(),
        Ok(None) => not_found_dossier(),
        Err(e) => db_error(e),
    }
}

/// The answers stored for a dossier, split back into form answers (dates into their three parts) so
/// the app can prefill a supplement.
fn form_answers(stored: &forms::Answers, form: &forms::FormDef) -> forms::Answers {
    let mut out = forms::Answers::new();
    for (k, v) in stored {
        let is_date = form.field(k).is_some_and(|f| matches!(f.kind, FieldKind::Date { .. }));
        if is_date && v.len() == 10 {
            out.insert(format!("{k}.year"), v[..4].to_string());
            out.insert(format!("{k}.month"), v[5..7].trim_start_matches('0').to_string());
            out.insert(format!("{k}.day"), v[8..10].trim_start_matches('0').to_string());
        } else {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Loads a dossier's procedure, status and stored answers when the second factor matches.
pub(crate) fn owned(conn: &Connection, code: &str, last4: &str) -> rusqlite::Result<Option<(Procedure, Status, forms::Answers)>> {
    let row: Option<(String, String, String, String)> = conn
        .query_row("SELECT procedure_id, status, answers, phone FROM dossiers WHERE code = ?1", [code], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((procedure_id, status, answers, phone)) = row else { return Ok(None) };
    if last4.len() != 4 || !phone.ends_with(last4) {
        return Ok(None);
    }
    let Some(proc) = procedure(conn, &procedure_id)? else { return Ok(None) };
    let answers: forms::Answers = serde_json::from_str(&answers).unwrap_or_default();
    Ok(Some((proc, parse_status(&status).unwrap_or(Status::Submitted), answers)))
}

pub async fn stored_answers(State(state): State<AppState>, Path(code): Path<String>, Query(q): Query<SecondFactor>) -> Response {
    let Some(code) = normalize_code(&code) else { return not_found_dossier() };
    let found = state.db.call(move |conn| owned(conn, &code, &q.phone_last4)).await;
    match found {
        Ok(Some((proc, _, answers))) => {
            let answers = proc.form.as_ref().map(|f| form_answers(&answers, f)).unwrap_or(answers);
            Json(mytho_core::dossier::StoredAnswers { procedure_id: proc.id, answers }).into_response()
        }
        Ok(None) => not_found_dossier(),
        Err(e) => db_error(e),
    }
}

enum Resubmitted {
    Done(Receipt),
    NotAsked(Status),
    Invalid(Vec<FieldProblem>),
    Unknown,
}

/// The citizen's corrected answers: checked again, stored, and the dossier goes back to processing.
pub async fn supplement(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Body(body): Body<mytho_core::dossier::Supplement>,
) -> Response {
    let Some(code) = normalize_code(&code) else { return not_found_dossier() };
    let today = today();
    let result = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let Some((proc, status, _)) = owned(&tx, &code, &body.phone_last4)? else { return Ok(Resubmitted::Unknown) };
            if status != Status::AwaitingSupplement {
                return Ok(Resubmitted::NotAsked(status));
            }
            let Some(form) = proc.form.as_ref() else { return Ok(Resubmitted::NotAsked(status)) };
            let clean = match known_references(&tx, form, &body.answers, today, Some(&code))? {
                Ok(clean) => clean,
                Err(errors) => return Ok(Resubmitted::Invalid(problems(form, &errors))),
            };
            link_uploads(&tx, form, &clean, &code)?;
            tx.execute(
                "UPDATE dossiers SET answers = ?1, status = ?2, fee_vnd = ?3 WHERE code = ?4",
                params![serde_json::to_string(&clean).unwrap_or_default(), status_text(Status::Processing), fee_of(&proc, &clean), code],
            )?;
            tx.execute(
                "INSERT INTO dossier_events (code, status, note_vi, note_en) VALUES (?1, ?2, ?3, ?4)",
                params![code, status_text(Status::Processing), "Công dân đã bổ sung hồ sơ", "The citizen supplied what was asked"],
            )?;
            let r = receipt(&tx, &code)?;
            tx.commit()?;
            Ok(Resubmitted::Done(r))
        })
        .await;
    match result {
        Ok(Resubmitted::Done(r)) => Json(r).into_response(),
        Ok(Resubmitted::NotAsked(status)) => error(
            StatusCode::CONFLICT,
            "supplement_not_requested",
            &format!("Hồ sơ đang ở trạng thái \"{}\", không cần bổ sung.", status.name(Lang::Vi)),
            &format!("The application is \"{}\"; nothing was asked for.", status.name(Lang::En)),
        ),
        Ok(Resubmitted::Invalid(fields)) => invalid(fields),
        Ok(Resubmitted::Unknown) => not_found_dossier(),
        Err(e) => db_error(e),
    }
}

/// The core's rules, then what only the server knows: wards against today's list, attachments against
/// the uploads it holds (loose, or already this dossier's).
fn known_references(
    conn: &Connection,
    form: &forms::FormDef,
    answers: &forms::Answers,
    today: Date,
    dossier: Option<&str>,
) -> rusqlite::Result<Result<forms::Answers, Vec<forms::FieldError>>> {
    let mut clean = match forms::validate_all(form, answers, today).and_then(|c| known_wards(form, c)) {
        Ok(clean) => clean,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut errors = Vec::new();
    for field in form.fields().filter(|f| f.kind == FieldKind::File) {
        let Some(id) = clean.get(&field.id).cloned() else { continue };
        let stored: Option<(i64, Option<String>)> =
            conn.query_row("SELECT bytes, dossier_code FROM uploads WHERE id = ?1", [&id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        match stored {
            Some((bytes, owner)) if owner.is_none() || owner.as_deref() == dossier => {
                clean.insert(format!("{}.size", field.id), bytes.to_string());
            }
            _ => errors.push(forms::FieldError {
                field: field.id.clone(),
                target: field.id.clone(),
                invalid: mytho_core::validate::Invalid::NotAttached,
            }),
        }
    }
    Ok(if errors.is_empty() { Ok(clean) } else { Err(errors) })
}

fn link_uploads(conn: &Connection, form: &forms::FormDef, clean: &forms::Answers, code: &str) -> rusqlite::Result<()> {
    for field in form.fields().filter(|f| f.kind == FieldKind::File) {
        if let Some(id) = clean.get(&field.id) {
            conn.execute("UPDATE uploads SET dossier_code = ?1 WHERE id = ?2", params![code, id])?;
        }
    }
    Ok(())
}

/// A ward answer must be one of today's codes; its name is taken from the list, not from the client.
fn known_wards(form: &forms::FormDef, mut clean: forms::Answers) -> Result<forms::Answers, Vec<forms::FieldError>> {
    let mut errors = Vec::new();
    for field in form.fields().filter(|f| f.kind == FieldKind::Ward) {
        let Some(code) = clean.get(&field.id).cloned() else { continue };
        match crate::wards::name_of(&code) {
            Some(name) => {
                clean.insert(format!("{}.name", field.id), name);
            }
            None => errors.push(forms::FieldError {
                field: field.id.clone(),
                target: field.id.clone(),
                invalid: mytho_core::validate::Invalid::UnknownWard,
            }),
        }
    }
    if errors.is_empty() { Ok(clean) } else { Err(errors) }
}

fn problems(form: &forms::FormDef, errors: &[forms::FieldError]) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|e| FieldProblem {
            field: e.field.clone(),
            target: e.target.clone(),
            message: Localized { vi: e.message(form, Lang::Vi), en: e.message(form, Lang::En) },
        })
        .collect()
}

fn invalid(fields: Vec<FieldProblem>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(mytho_core::api::ErrorBody {
            code: "invalid".into(),
            message: Localized {
                vi: "Hồ sơ còn thông tin chưa đúng; hãy sửa các mục được nêu.".into(),
                en: "Some answers need fixing; correct the fields listed.".into(),
            },
            fields,
        }),
    )
        .into_response()
}

/// Compares without leaking, through timing, how much of the token was right.
fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Lets the request through only with the officer token from the gateway's config.
#[allow(clippy::result_large_err)] // the refusal is the handler's answer, returned as it is
pub(crate) fn officer(state: &AppState, headers: &HeaderMap) -> Result<(), Response> {
    let Some(expected) = state.officer_token.as_deref() else {
        return Err(error(
            StatusCode::FORBIDDEN,
            "officer_api_disabled",
            "API cán bộ chưa được bật trên máy chủ này.",
            "The officer API is not enabled on this server.",
        ));
    };
    let given = headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    if !same_token(given, expected) {
        return Err(error(StatusCode::UNAUTHORIZED, "unauthorized", "Sai mã truy cập của cán bộ.", "Wrong officer token."));
    }
    Ok(())
}

pub async fn change_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Body(change): Body<StatusChange>,
) -> Response {
    if let Err(r) = officer(&state, &headers) {
        return r;
    }
    if change.status.needs_reason() && change.note.as_ref().is_none_or(|n| n.vi.trim().is_empty()) {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "reason_required",
            "Yêu cầu bổ sung và từ chối phải ghi rõ lý do cho công dân.",
            "A request for more documents or a refusal must give the citizen a reason.",
        );
    }
    let Some(code) = normalize_code(&code) else { return not_found_dossier() };
    let moved = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let current: Option<String> = tx.query_row("SELECT status FROM dossiers WHERE code = ?1", [&code], |r| r.get(0)).optional()?;
            let Some(current) = current.and_then(|s| parse_status(&s)) else { return Ok(Err(None)) };
            if !current.can_move_to(change.status) {
                return Ok(Err(Some(current)));
            }
            tx.execute("UPDATE dossiers SET status = ?1 WHERE code = ?2", params![status_text(change.status), code])?;
            tx.execute(
                "INSERT INTO dossier_events (code, status, note_vi, note_en) VALUES (?1, ?2, ?3, ?4)",
                params![code, status_text(change.status), change.note.as_ref().map(|n| &n.vi), change.note.as_ref().map(|n| &n.en)],
            )?;
            let r = receipt(&tx, &code)?;
            tx.commit()?;
            Ok(Ok(r))
        })
        .await;
    match moved {
        Ok(Ok(r)) => Json(r).into_response(),
        Ok(Err(None)) => not_found_dossier(),
        Ok(Err(Some(current))) => error(
            StatusCode::CONFLICT,
            "transition_not_allowed",
            &format!("Hồ sơ đang ở trạng thái \"{}\", không chuyển sang \"{}\" được.", current.name(Lang::Vi), change.status.name(Lang::Vi)),
            &format!("The application is \"{}\" and cannot move to \"{}\".", current.name(Lang::En), change.status.name(Lang::En)),
        ),
        Err(e) => db_error(e),
    }
}
