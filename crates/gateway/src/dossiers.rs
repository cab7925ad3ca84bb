//! Dossiers: submission (validated with the core's rules, exactly one dossier per idempotency key),
//! tracking by code plus the phone's last four digits, and the officer API that moves a dossier
//! through its statuses.

use crate::client::ClientKey;
use crate::guard::{self, Secret};
use crate::http::{limited, AccessKey, ApiError, ApiResult, Body, FeatureRouter, Path, SecondFactor};
use crate::limits::{Write, WriteLimits};
use crate::officers::Officer;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::dossier::{
    dossier_code, is_idempotency_key, is_overdue, normalize_code, FieldProblem, Receipt, Status, StatusChange, StoredAnswers,
    Supplement, SubmitDossier, TimelineEntry, Tracking, CODE_RANDOM_LEN,
};
use mytho_core::forms::{self, FieldKind};
use mytho_core::i18n::{Lang, Localized};
use mytho_core::procedures::Procedure;
use mytho_core::validate::Date;
use crate::store::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use utoipa_axum::routes;

/// `/dossiers/…` and `/officer/dossiers/…/status`.
pub fn router(limits: &Arc<WriteLimits>) -> FeatureRouter {
    FeatureRouter::new()
        .routes(limited(limits, Write::Dossiers, routes!(submit)))
        .routes(routes!(track))
        .routes(routes!(stored_answers))
        .routes(limited(limits, Write::Dossiers, routes!(supplement)))
        .routes(routes!(change_status))
}

/// A dossier's code, as printed on the receipt (case and spaces are forgiven).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct DossierCode {
    /// For example `H15.50-251203-K7M4QP`.
    #[param(example = "H15.50-251203-K7M4QP")]
    pub code: String,
}

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

fn procedure(conn: &Connection, id: &str) -> crate::store::Result<Option<Procedure>> {
    conn.query_row("SELECT data FROM procedures WHERE id = ?1", [id], |r| r.get::<String>(0))
        .optional()
        .map(|json| json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Most attachments one dossier may hold, and their total size: more than any form asks for.
pub const MAX_ATTACHMENTS: usize = 12;
pub const MAX_ATTACHMENT_BYTES: i64 = 40 * 1024 * 1024;

/// SHA-256 of an access key: the key has ≈ 79 random bits, so a fast hash is enough.
fn key_hash(key: &str) -> String {
    format!("{:x}", Sha256::digest(key.as_bytes()))
}

/// A new access key, `XXXX-XXXX-XXXX-XXXX`.
fn new_access_key() -> Result<String, getrandom::Error> {
    crate::random::code(4, 4)
}

enum Submitted {
    Created(Receipt),
    Replayed(Receipt),
    KeyReused,
    UnknownProcedure,
    NotOnline,
    Invalid(Vec<FieldProblem>),
}

/// Submit a dossier
///
/// The answers are checked with the core's rules (the same the app runs) and the wards against today's
/// list; a refusal lists every field's message in both languages. One dossier per idempotency key:
/// the same body again gives the same receipt, another body under the key is 409. The receipt carries
/// the dossier's access key (16 characters) only in this answer; the server keeps a hash of it.
#[utoipa::path(post, path = "/dossiers", tag = "dossiers", operation_id = "submitDossier",
    request_body = SubmitDossier,
    responses(
        (status = 201, description = "Created: the receipt, with the access key", body = Receipt),
        (status = 200, description = "The same key and body again: the same receipt, with a new access key replacing the one that was not received", body = Receipt),
        (status = 404, description = "No such procedure", body = ErrorBody),
        (status = 409, description = "The idempotency key was used with a different body", body = ErrorBody),
        (status = 422, description = "Answers break the form's rules (`fields` lists them), or the procedure is not online", body = ErrorBody),
        (status = 429, description = "Too many submissions from this client", body = ErrorBody),
    ))]
pub async fn submit(State(state): State<AppState>, Body(submission): Body<SubmitDossier>) -> ApiResult<(StatusCode, Json<Receipt>)> {
    if !is_idempotency_key(&submission.idempotency_key) {
        return Err(ApiError::unprocessable(
            "bad_idempotency_key",
            "Thiếu mã chống gửi trùng hoặc mã không hợp lệ.",
            "The idempotency key is missing or not valid.",
        ));
    }
    let agency = state.agency_code.clone();
    let today = today();
    let access_key = new_access_key()?;
    let result = state
        .db
        .call(move |conn| {
            let hash = {
                let canonical = serde_json::to_string(&(&submission.procedure_id, &submission.answers)).unwrap_or_default();
                format!("{:x}", Sha256::digest(canonical.as_bytes()))
            };
            let tx = conn.transaction()?;
            // Two gateways given the same key at once: the second waits here, then finds the first's.
            tx.lock(&format!("dossier-key:{}", submission.idempotency_key))?;
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
                // The first answer was lost on the way (only its sender knows the idempotency key): a
                // new access key replaces the one nobody received.
                tx.execute("UPDATE dossiers SET access_key_hash = ?1 WHERE code = ?2", params![key_hash(&access_key), code])?;
                let mut r = receipt(&tx, &code)?;
                tx.commit()?;
                r.access_key = Some(access_key);
                return Ok(Submitted::Replayed(r));
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
            if let Some(quota) = over_quota(&tx, form, &clean)? {
                return Ok(Submitted::Invalid(problems(form, &quota)));
            }
            let code = unused_code(&tx, &agency, today)?;
            let appointment = today.add_working_days(proc.working_days).iso();
            tx.execute(
                "INSERT INTO dossiers (code, procedure_id, idempotency_key, body_hash, answers, phone, status, appointment, fee_vnd, access_key_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    code,
                    proc.id,
                    submission.idempotency_key,
                    hash,
                    serde_json::to_string(&clean).unwrap_or_default(),
                    phone,
                    status_text(Status::Submitted),
                    appointment,
                    fee_of(&proc, &clean),
                    key_hash(&access_key)
                ],
            )?;
            tx.execute("INSERT INTO dossier_events (code, status) VALUES (?1, ?2)", params![code, status_text(Status::Submitted)])?;
            link_uploads(&tx, form, &clean, &code)?;
            let mut r = receipt(&tx, &code)?;
            tx.commit()?;
            r.access_key = Some(access_key);
            Ok(Submitted::Created(r))
        })
        .await?;
    match result {
        Submitted::Created(r) => Ok((StatusCode::CREATED, Json(r))),
        Submitted::Replayed(r) => Ok((StatusCode::OK, Json(r))),
        Submitted::KeyReused => Err(ApiError::conflict(
            "idempotency_conflict",
            "Mã chống gửi trùng này đã dùng cho một hồ sơ khác. Hãy tải lại trang rồi nộp lại.",
            "This idempotency key was used for a different application. Reload the page and submit again.",
        )),
        Submitted::UnknownProcedure => {
            Err(ApiError::not_found("procedure_not_found", "Không có thủ tục này trong danh mục.", "There is no such procedure."))
        }
        Submitted::NotOnline => Err(ApiError::unprocessable(
            "not_online",
            "Thủ tục này chưa nộp trực tuyến được; hãy đến bộ phận một cửa.",
            "This procedure cannot be done online yet; go to the one-stop counter.",
        )),
        Submitted::Invalid(fields) => Err(ApiError::Invalid(fields)),
    }
}

/// A random code not yet used today (a clash among 887 million is rare; the loop makes it harmless).
fn unused_code(conn: &Connection, agency: &str, today: Date) -> crate::store::Result<String> {
    loop {
        let suffix = crate::random::code(1, CODE_RANDOM_LEN).map_err(crate::store::Error::other)?;
        let code = dossier_code(agency, today, &suffix);
        let taken: bool = conn.query_row("SELECT count(*) > 0 FROM dossiers WHERE code = ?1", [&code], |r| r.get(0))?;
        if !taken {
            return Ok(code);
        }
    }
}

/// Attachments past what one dossier may hold (count and total bytes), said at the last file field.
fn over_quota(conn: &Connection, form: &forms::FormDef, clean: &forms::Answers) -> crate::store::Result<Option<Vec<forms::FieldError>>> {
    let files: Vec<&forms::FieldDef> = form.fields().filter(|f| f.kind == FieldKind::File && clean.contains_key(&f.id)).collect();
    let mut total = 0i64;
    for f in &files {
        total += conn.query_row("SELECT bytes FROM uploads WHERE id = ?1", [&clean[&f.id]], |r| r.get::<i64>(0)).optional()?.unwrap_or(0);
    }
    let Some(last) = files.last() else { return Ok(None) };
    Ok((files.len() > MAX_ATTACHMENTS || total > MAX_ATTACHMENT_BYTES).then(|| {
        vec![forms::FieldError { field: last.id.clone(), target: last.id.clone(), invalid: mytho_core::validate::Invalid::TooManyFiles }]
    }))
}

fn receipt(conn: &Connection, code: &str) -> crate::store::Result<Receipt> {
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
                access_key: None,
            })
        },
    )
}

/// The fee a dossier owes online (`None` when free or not taken online), fixed at submission.
fn fee_of(proc: &Procedure, clean: &forms::Answers) -> Option<u64> {
    proc.fee_for(clean).filter(|f| *f > 0)
}

/// A dossier's fee as recorded.
pub(crate) fn recorded_fee(conn: &Connection, code: &str) -> crate::store::Result<Option<u64>> {
    conn.query_row("SELECT fee_vnd FROM dossiers WHERE code = ?1", [code], |r| r.get(0))
}

fn wrong_access_key() -> ApiError {
    // The same answer whether the code or the key is wrong.
    ApiError::new(
        StatusCode::FORBIDDEN,
        "access_key_wrong",
        "Mã hồ sơ hoặc mã truy cập không đúng. Hãy kiểm tra lại 16 ký tự của mã truy cập trên giấy tiếp nhận.",
        "The application code or the access key is wrong. Check the 16 characters of the access key on the receipt.",
    )
}

pub(crate) fn not_found_dossier() -> ApiError {
    // The same answer whether the code or the digits are wrong: nobody can probe for codes.
    ApiError::not_found(
        "dossier_not_found",
        "Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này. Hãy kiểm tra mã trên giấy tiếp nhận.",
        "No application matches this code and these last 4 phone digits. Check the code on your receipt.",
    )
}

/// Track a dossier
///
/// Status, appointment, whether it is overdue, the timeline with reasons and fees paid: no personal
/// data. A wrong code and wrong digits answer alike.
#[utoipa::path(get, path = "/dossiers/{code}", tag = "dossiers", operation_id = "trackDossier", params(DossierCode),
    security(("secondFactor" = [])),
    responses(
        (status = 200, description = "The dossier's tracking", body = Tracking),
        (status = 401, description = "No X-Phone-Last4 header of 4 digits", body = ErrorBody),
        (status = 404, description = "No dossier with this code and these digits (the two cases are not told apart)", body = ErrorBody),
        (status = 429, description = "Too many wrong digits from this client, or at this dossier", body = ErrorBody),
    ))]
pub async fn track(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(DossierCode { code }): Path<DossierCode>,
    SecondFactor(last4): SecondFactor,
) -> ApiResult<Json<Tracking>> {
    let code = normalize_code(&code).ok_or_else(not_found_dossier)?;
    let today = today();
    let target = code.clone();
    let found = state
        .db
        .call(move |conn| guard::attempt(conn, Secret::SecondFactor, &client, &target, |conn| tracking(conn, code, &last4, today)))
        .await?;
    found.or_refuse(&state.site.config.hotline, not_found_dossier).map(Json)
}

/// A dossier's status and timeline, when `last4` are its phone's last digits.
fn tracking(conn: &Connection, code: String, last4: &str, today: Date) -> crate::store::Result<Option<Tracking>> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT procedure_id, status, appointment, phone FROM dossiers WHERE code = ?1",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((procedure_id, status, appointment, phone)) = row else { return Ok(None) };
    if !phone.ends_with(last4) {
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
        .collect::<crate::store::Result<Vec<_>>>()?;
    // Fees paid, in time order with the status changes (both times are UTC RFC 3339).
    let current = parse_status(&status).unwrap_or(Status::Submitted);
    let paid = conn
        .prepare("SELECT paid_at, amount_vnd FROM payments WHERE dossier_code = ?1 AND status = 'paid' AND paid_at IS NOT NULL")?
        .query_map([&code], |r| {
            Ok(TimelineEntry { status: current, at: r.get(0)?, note: None, paid_vnd: Some(r.get::<i64>(1)? as u64) })
        })?
        .collect::<crate::store::Result<Vec<_>>>()?;
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

/// Whether `last4` are the last digits of the dossier's phone (the second factor of a status lookup).
pub(crate) fn phone_matches(conn: &Connection, code: &str, last4: &str) -> crate::store::Result<bool> {
    let phone: Option<String> = conn.query_row("SELECT phone FROM dossiers WHERE code = ?1", [code], |r| r.get(0)).optional()?;
    Ok(last4.len() == 4 && phone.is_some_and(|p| p.ends_with(last4)))
}

/// Loads a dossier's procedure, status and stored answers when the access key is its own.
fn owned(conn: &Connection, code: &str, key: Option<&str>) -> crate::store::Result<Option<(Procedure, Status, forms::Answers)>> {
    let row: Option<(String, String, String, Option<String>)> = conn
        .query_row("SELECT procedure_id, status, answers, access_key_hash FROM dossiers WHERE code = ?1", [code], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (Some((procedure_id, status, answers, Some(stored))), Some(key)) = (row, key) else { return Ok(None) };
    if !crate::officers::same_token(&key_hash(key), &stored) {
        return Ok(None);
    }
    let Some(proc) = procedure(conn, &procedure_id)? else { return Ok(None) };
    let answers: forms::Answers = serde_json::from_str(&answers).unwrap_or_default();
    Ok(Some((proc, parse_status(&status).unwrap_or(Status::Submitted), answers)))
}

/// The answers stored for a dossier
///
/// Dates split into day, month and year, to prefill a supplement.
#[utoipa::path(get, path = "/dossiers/{code}/answers", tag = "dossiers", operation_id = "dossierAnswers", params(DossierCode),
    security(("accessKey" = [])),
    responses(
        (status = 200, description = "Procedure and answers", body = StoredAnswers),
        (status = 401, description = "No access key", body = ErrorBody),
        (status = 403, description = "Wrong code or access key (not told apart)", body = ErrorBody),
        (status = 429, description = "Too many wrong keys", body = ErrorBody),
    ))]
pub async fn stored_answers(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(DossierCode { code }): Path<DossierCode>,
    AccessKey(key): AccessKey,
) -> ApiResult<Json<StoredAnswers>> {
    let code = normalize_code(&code).ok_or_else(wrong_access_key)?;
    let target = code.clone();
    let found =
        state.db.call(move |conn| guard::attempt(conn, Secret::AccessKey, &client, &target, |conn| owned(conn, &code, key.as_deref()))).await?;
    let (proc, _, answers) = found.or_refuse(&state.site.config.hotline, wrong_access_key)?;
    let answers = proc.form.as_ref().map(|f| form_answers(&answers, f)).unwrap_or(answers);
    Ok(Json(StoredAnswers { procedure_id: proc.id, answers }))
}

enum Resubmitted {
    Done(Receipt),
    NotAsked(Status),
    Invalid(Vec<FieldProblem>),
}

/// Supplement a dossier
///
/// The citizen's corrected answers after a request for more documents: checked again, stored, and the
/// dossier goes back to processing.
#[utoipa::path(post, path = "/dossiers/{code}/supplement", tag = "dossiers", operation_id = "supplementDossier", params(DossierCode),
    request_body = Supplement,
    security(("accessKey" = [])),
    responses(
        (status = 200, description = "Stored: the receipt, status processing", body = Receipt),
        (status = 401, description = "No access key", body = ErrorBody),
        (status = 403, description = "Wrong code or access key (not told apart)", body = ErrorBody),
        (status = 409, description = "Nothing was asked for", body = ErrorBody),
        (status = 422, description = "Answers break the form's rules (`fields` lists them)", body = ErrorBody),
        (status = 429, description = "Too many wrong keys, or too many writes from this client", body = ErrorBody),
    ))]
pub async fn supplement(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(DossierCode { code }): Path<DossierCode>,
    AccessKey(key): AccessKey,
    Body(body): Body<Supplement>,
) -> ApiResult<Json<Receipt>> {
    let code = normalize_code(&code).ok_or_else(wrong_access_key)?;
    let today = today();
    let target = code.clone();
    let result = state
        .db
        .call(move |conn| guard::attempt(conn, Secret::AccessKey, &client, &target, |conn| resubmit(conn, &code, key.as_deref(), &body, today)))
        .await?;
    match result.or_refuse(&state.site.config.hotline, wrong_access_key)? {
        Resubmitted::Done(r) => Ok(Json(r)),
        Resubmitted::NotAsked(status) => Err(ApiError::conflict(
            "supplement_not_requested",
            format!("Hồ sơ đang ở trạng thái \"{}\", không cần bổ sung.", status.name(Lang::Vi)),
            format!("The application is \"{}\"; nothing was asked for.", status.name(Lang::En)),
        )),
        Resubmitted::Invalid(fields) => Err(ApiError::Invalid(fields)),
    }
}

/// Checks and stores corrected answers (`None` when the key is not the dossier's).
fn resubmit(
    conn: &mut Connection,
    code: &str,
    key: Option<&str>,
    body: &Supplement,
    today: Date,
) -> crate::store::Result<Option<Resubmitted>> {
    let tx = conn.transaction()?;
    tx.lock(&format!("dossier:{code}"))?;
    let Some((proc, status, _)) = owned(&tx, code, key)? else { return Ok(None) };
    if status != Status::AwaitingSupplement {
        return Ok(Some(Resubmitted::NotAsked(status)));
    }
    let Some(form) = proc.form.as_ref() else { return Ok(Some(Resubmitted::NotAsked(status))) };
    let clean = match known_references(&tx, form, &body.answers, today, Some(code))? {
        Ok(clean) => clean,
        Err(errors) => return Ok(Some(Resubmitted::Invalid(problems(form, &errors)))),
    };
    if let Some(quota) = over_quota(&tx, form, &clean)? {
        return Ok(Some(Resubmitted::Invalid(problems(form, &quota))));
    }
    link_uploads(&tx, form, &clean, code)?;
    tx.execute(
        "UPDATE dossiers SET answers = ?1, status = ?2, fee_vnd = ?3 WHERE code = ?4",
        params![serde_json::to_string(&clean).unwrap_or_default(), status_text(Status::Processing), fee_of(&proc, &clean), code],
    )?;
    tx.execute(
        "INSERT INTO dossier_events (code, status, note_vi, note_en) VALUES (?1, ?2, ?3, ?4)",
        params![code, status_text(Status::Processing), "Công dân đã bổ sung hồ sơ", "The citizen supplied what was asked"],
    )?;
    let r = receipt(&tx, code)?;
    tx.commit()?;
    Ok(Some(Resubmitted::Done(r)))
}

/// The core's rules, then what only the server knows: wards against today's list, attachments against
/// the uploads it holds (loose, or already this dossier's).
fn known_references(
    conn: &Connection,
    form: &forms::FormDef,
    answers: &forms::Answers,
    today: Date,
    dossier: Option<&str>,
) -> crate::store::Result<Result<forms::Answers, Vec<forms::FieldError>>> {
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

fn link_uploads(conn: &Connection, form: &forms::FormDef, clean: &forms::Answers, code: &str) -> crate::store::Result<()> {
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

/// Move a dossier to another status
///
/// Along the allowed statuses of the lifecycle; a request for more documents and a refusal must give
/// the citizen a reason. Every change is recorded with its time and officer (the citizen sees the
/// office, never the person).
#[utoipa::path(post, path = "/officer/dossiers/{code}/status", tag = "officers", operation_id = "changeDossierStatus", params(DossierCode),
    request_body = StatusChange,
    security(("officerToken" = [])),
    responses(
        (status = 200, description = "Moved: the receipt with the new status", body = Receipt),
        (status = 401, description = "Missing or wrong officer credential", body = ErrorBody),
        (status = 404, description = "No such dossier", body = ErrorBody),
        (status = 409, description = "The lifecycle does not allow this move", body = ErrorBody),
        (status = 422, description = "A reason is required", body = ErrorBody),
        (status = 429, description = "Too many wrong credentials from this client", body = ErrorBody),
    ))]
pub async fn change_status(
    State(state): State<AppState>,
    Officer(officer): Officer,
    Path(DossierCode { code }): Path<DossierCode>,
    Body(change): Body<StatusChange>,
) -> ApiResult<Json<Receipt>> {
    if change.status.needs_reason() && change.note.as_ref().is_none_or(|n| n.vi.trim().is_empty()) {
        return Err(ApiError::unprocessable(
            "reason_required",
            "Yêu cầu bổ sung và từ chối phải ghi rõ lý do cho công dân.",
            "A request for more documents or a refusal must give the citizen a reason.",
        ));
    }
    let code = normalize_code(&code).ok_or_else(not_found_dossier)?;
    let moved = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            tx.lock(&format!("dossier:{code}"))?;
            let current: Option<String> = tx.query_row("SELECT status FROM dossiers WHERE code = ?1", [&code], |r| r.get(0)).optional()?;
            let Some(current) = current.and_then(|s| parse_status(&s)) else { return Ok(Err(None)) };
            if !current.can_move_to(change.status) {
                return Ok(Err(Some(current)));
            }
            tx.execute("UPDATE dossiers SET status = ?1 WHERE code = ?2", params![status_text(change.status), code])?;
            tx.execute(
                "INSERT INTO dossier_events (code, status, note_vi, note_en, officer) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![code, status_text(change.status), change.note.as_ref().map(|n| &n.vi), change.note.as_ref().map(|n| &n.en), officer],
            )?;
            crate::officers::record(&tx, &officer, &format!("status:{}", status_text(change.status)), &code)?;
            let r = receipt(&tx, &code)?;
            tx.commit()?;
            Ok(Ok(r))
        })
        .await?;
    match moved {
        Ok(r) => Ok(Json(r)),
        Err(None) => Err(not_found_dossier()),
        Err(Some(current)) => Err(ApiError::conflict(
            "transition_not_allowed",
            format!("Hồ sơ đang ở trạng thái \"{}\", không chuyển sang \"{}\" được.", current.name(Lang::Vi), change.status.name(Lang::Vi)),
            format!("The application is \"{}\" and cannot move to \"{}\".", current.name(Lang::En), change.status.name(Lang::En)),
        )),
    }
}
