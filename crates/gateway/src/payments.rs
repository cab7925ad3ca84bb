//! Fee payments. The amount always comes from the procedure's fee, never from the browser; a dossier is
//! marked paid only by a verified IPN (VNPay) or by the treasury's confirmation (VietQR). The return
//! page only reads what was recorded.

use crate::client::ClientKey;
use crate::config::VnpayConfig;
use crate::dossiers::{not_found_dossier, phone_matches, DossierCode};
use crate::guard::{self, Secret};
use crate::http::{limited, ApiError, ApiResult, Body, FeatureRouter, Path, SecondFactor};
use crate::limits::{Write, WriteLimits};
use crate::officers::Officer;
use crate::{vnpay, AppState};
use axum::extract::{Form, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use mytho_core::api::ErrorBody;
use mytho_core::dossier::normalize_code;
use mytho_core::payment::{IpnReply, PaymentMethod, PaymentStarted, PaymentState, PaymentStatus, StartPayment, Transfer};
use mytho_core::vietqr::VietQr;
use crate::store::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;
use std::sync::Arc;
use utoipa_axum::routes;

/// A dossier's payments, the provider's notices and return, and the office's settlement.
pub fn router(limits: &Arc<WriteLimits>) -> FeatureRouter {
    FeatureRouter::new()
        .routes(limited(limits, Write::Payments, routes!(start)))
        .routes(routes!(list))
        .routes(routes!(ipn))
        .routes(routes!(vnpay_return))
        .routes(routes!(flagged))
        .routes(routes!(confirm_transfer))
}

/// A payment's reference, as the provider and the treasury know it.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TxnRef {
    pub txn_ref: String,
}

/// VNPay's signed parameters (`vnp_*`, with `vnp_SecureHash`), as the provider sends them.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Read raw, so the signature covers exactly what was sent; declared for the document.
pub struct VnpayParams {
    #[serde(rename = "vnp_TxnRef")]
    #[param(rename = "vnp_TxnRef")]
    txn_ref: Option<String>,
    #[serde(rename = "vnp_Amount")]
    #[param(rename = "vnp_Amount")]
    amount: Option<String>,
    #[serde(rename = "vnp_ResponseCode")]
    #[param(rename = "vnp_ResponseCode")]
    response_code: Option<String>,
    #[serde(rename = "vnp_SecureHash")]
    #[param(rename = "vnp_SecureHash")]
    secure_hash: Option<String>,
}

/// A payment the office must settle, and why (`late_success` or `second_payment`).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FlaggedPayment {
    pub payment: PaymentState,
    pub flag: String,
}

fn payments_off() -> ApiError {
    ApiError::not_found("payments_off", "Thành phố chưa bật thanh toán trực tuyến.", "This city has not turned on online payments.")
}

/// How long a started payment may be completed.
const EXPIRES_MINUTES: i64 = 15;

/// `yyyyMMddHHmmss` in GMT+7, `minutes` from now.
fn vn_time(minutes: i64) -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        + 7 * 3600
        + minutes * 60;
    let d = mytho_core::validate::Date::from_days_since_epoch(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{:04}{:02}{:02}{:02}{:02}{:02}", d.year, d.month, d.day, s / 3600, s % 3600 / 60, s % 60)
}

fn text<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

fn state_of(conn: &Connection, txn_ref: &str) -> crate::store::Result<Option<(PaymentState, String)>> {
    conn.query_row(
        "SELECT txn_ref, dossier_code, method, amount_vnd, status, response_code, expires_at, paid_at FROM payments WHERE txn_ref = ?1",
        [txn_ref],
        |r| {
            let method: String = r.get(2)?;
            let status: String = r.get(4)?;
            Ok((
                PaymentState {
                    txn_ref: r.get(0)?,
                    dossier_code: r.get(1)?,
                    method: parse(&method).unwrap_or(PaymentMethod::Vnpay),
                    amount_vnd: r.get::<i64>(3)? as u64,
                    status: parse(&status).unwrap_or(PaymentStatus::Pending),
                    response_code: r.get(5)?,
                    paid_at: r.get(7)?,
                },
                r.get::<String>(6)?,
            ))
        },
    )
    .optional()
}

/// A dossier's payments
///
/// Newest first, for its code and the second factor: whether the fee is paid is only ever what the
/// gateway recorded.
#[utoipa::path(get, path = "/dossiers/{code}/payments", tag = "payments", operation_id = "listPayments", params(DossierCode),
    security(("secondFactor" = [])),
    responses(
        (status = 200, description = "The dossier's payments", body = Vec<PaymentState>),
        (status = 401, description = "No X-Phone-Last4 header of 4 digits", body = ErrorBody),
        (status = 404, description = "No dossier with this code and these digits", body = ErrorBody),
        (status = 429, description = "Too many wrong digits from this client, or at this dossier", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(DossierCode { code }): Path<DossierCode>,
    SecondFactor(last4): SecondFactor,
) -> ApiResult<Json<Vec<PaymentState>>> {
    let code = normalize_code(&code).ok_or_else(not_found_dossier)?;
    let target = code.clone();
    let found = state
        .db
        .call(move |conn| guard::attempt(conn, Secret::SecondFactor, &client, &target, |conn| {
            if !phone_matches(conn, &code, &last4)? {
                return Ok(None);
            }
            let mut stmt = conn.prepare("SELECT txn_ref FROM payments WHERE dossier_code = ?1 ORDER BY rowid DESC")?;
            let refs: Vec<String> = stmt.query_map([&code], |r| r.get(0))?.collect::<Result<_, _>>()?;
            let mut out = Vec::new();
            for r in refs {
                if let Some((p, _)) = state_of(conn, &r)? {
                    out.push(p);
                }
            }
            Ok(Some(out))
        }))
        .await
        .map_err(ApiError::payments)?;
    found.or_refuse(&state.site.config.hotline, not_found_dossier).map(Json)
}

enum Started {
    Ready(PaymentState),
    NoFee,
    AlreadyPaid,
    MethodOff,
}

/// Start or resume paying a dossier's fee
///
/// A signed VNPay address, or a VietQR transfer (EMVCo payload with the dossier's code as purpose).
/// Tapping twice or coming back with the browser's Back button gives the same pending payment, so
/// nobody is charged twice. The amount is the procedure's fee, never the client's. The phone's last
/// 4 digits are in the body (a second factor, limited like the header).
#[utoipa::path(post, path = "/dossiers/{code}/payments", tag = "payments", operation_id = "startPayment", params(DossierCode),
    request_body = StartPayment,
    responses(
        (status = 200, description = "The pending payment: VNPay's address to go to, or the VietQR transfer to make", body = PaymentStarted),
        (status = 404, description = "No dossier with this code and these digits", body = ErrorBody),
        (status = 409, description = "Already paid", body = ErrorBody),
        (status = 422, description = "No fee to pay online, or this way of paying is not turned on", body = ErrorBody),
        (status = 429, description = "Too many wrong digits or payments from this client, or at this dossier", body = ErrorBody),
    ))]
pub async fn start(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(DossierCode { code }): Path<DossierCode>,
    Body(req): Body<StartPayment>,
) -> ApiResult<Json<PaymentStarted>> {
    let code = normalize_code(&code).ok_or_else(not_found_dossier)?;
    let payments = state.payments.clone();
    let enabled = match req.method {
        PaymentMethod::Vnpay => payments.vnpay.is_some(),
        PaymentMethod::Vietqr => payments.vietqr.is_some(),
    };
    let now = vn_time(0);
    let expires = vn_time(EXPIRES_MINUTES);
    let (who, target) = (client.clone(), code.clone());
    let result = state
        .db
        .call(move |conn| guard::attempt(conn, Secret::SecondFactor, &who, &target, |conn| {
            let tx = conn.transaction()?;
            tx.lock(&format!("dossier:{code}"))?;
            if !phone_matches(&tx, &code, &req.phone_last4)? {
                return Ok(None);
            }
            let Some(amount) = crate::dossiers::recorded_fee(&tx, &code)? else { return Ok(Some(Started::NoFee)) };
            if !enabled {
                return Ok(Some(Started::MethodOff));
            }
            let paid: bool = tx.query_row("SELECT count(*) > 0 FROM payments WHERE dossier_code = ?1 AND status = 'paid'", [&code], |r| r.get(0))?;
            if paid {
                return Ok(Some(Started::AlreadyPaid));
            }
            // One way of paying at a time: a pending payment of the other method, or one expired, is
            // cancelled (should it still succeed, the IPN records it and flags it for the office).
            tx.execute(
                "UPDATE payments SET status = 'cancelled' WHERE dossier_code = ?1 AND status = 'pending' AND (method <> ?2 OR expires_at <= ?3)",
                params![code, text(req.method), now],
            )?;
            let pending: Option<String> = tx
                .query_row(
                    "SELECT txn_ref FROM payments WHERE dossier_code = ?1 AND method = ?2 AND status = 'pending' AND expires_at > ?3",
                    params![code, text(req.method), now],
                    |r| r.get(0),
                )
                .optional()?;
            let txn_ref = match pending {
                Some(t) => t,
                None => {
                    let n: i64 = tx.query_row("SELECT count(*) FROM payments WHERE dossier_code = ?1", [&code], |r| r.get(0))?;
                    let base: String = code.chars().filter(char::is_ascii_alphanumeric).collect();
                    let txn_ref = format!("{base}{:02}", n + 1);
                    tx.execute(
                        "INSERT INTO payments (txn_ref, dossier_code, method, amount_vnd, status, expires_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5)",
                        params![txn_ref, code, text(req.method), amount as i64, expires],
                    )?;
                    txn_ref
                }
            };
            let (s, _) = state_of(&tx, &txn_ref)?.expect("just written");
            tx.commit()?;
            Ok(Some(Started::Ready(s)))
        }))
        .await
        .map_err(ApiError::payments)?;
    let payment = match result.or_refuse(&state.site.config.hotline, not_found_dossier)? {
        Started::Ready(p) => p,
        Started::NoFee => {
            return Err(ApiError::unprocessable(
                "no_fee",
                "Hồ sơ này không có khoản phí nào cần thanh toán trực tuyến.",
                "This application has no fee to pay online.",
            ))
        }
        Started::AlreadyPaid => return Err(ApiError::conflict("already_paid", "Hồ sơ này đã được thanh toán.", "This application is already paid.")),
        Started::MethodOff => {
            return Err(ApiError::unprocessable(
                "method_unavailable",
                "Cách thanh toán này chưa được bật; hãy chọn cách khác.",
                "This way of paying is not available; choose another.",
            ))
        }
    };
    let mut started = PaymentStarted {
        txn_ref: payment.txn_ref.clone(),
        method: payment.method,
        amount_vnd: payment.amount_vnd,
        status: payment.status,
        pay_url: None,
        transfer: None,
    };
    match payment.method {
        PaymentMethod::Vnpay => {
            let vnp = payments.vnpay.as_ref().expect("checked above");
            // The citizen's address as we know it (a /64 for IPv6 is not an address: the provider gets ours).
            let ip = if client.parse::<std::net::IpAddr>().is_ok() { client } else { "127.0.0.1".into() };
            started.pay_url = Some(pay_url(vnp, &state.public_url, &payment, req.lang, &ip));
        }
        PaymentMethod::Vietqr => {
            let (bin, account, name) = payments.vietqr.clone().expect("checked above");
            let purpose = payment.dossier_code.clone();
            let qr = VietQr { bank_bin: bin.clone(), account: account.clone(), amount: Some(payment.amount_vnd), purpose: purpose.clone() };
            match qr.payload() {
                Ok(payload) => {
                    started.transfer = Some(Transfer { payload, bank_bin: bin, account, account_name: name, amount_vnd: payment.amount_vnd, purpose })
                }
                Err(e) => {
                    tracing::error!("VietQR settings do not make a valid QR: {e:?}");
                    return Err(ApiError::payments(crate::store::Error::Other("the VietQR settings make no valid QR".into())));
                }
            }
        }
    }
    Ok(Json(started))
}

fn pay_url(vnp: &VnpayConfig, public_url: &str, p: &PaymentState, lang: mytho_core::i18n::Lang, ip: &str) -> String {
    let params: BTreeMap<String, String> = [
        ("vnp_Version", "2.1.0".to_string()),
        ("vnp_Command", "pay".into()),
        ("vnp_TmnCode", vnp.tmn_code.clone()),
        ("vnp_Amount", (p.amount_vnd * 100).to_string()),
        ("vnp_CurrCode", "VND".into()),
        ("vnp_TxnRef", p.txn_ref.clone()),
        ("vnp_OrderInfo", format!("Thanh toan le phi ho so {}", p.dossier_code)),
        ("vnp_OrderType", "other".into()),
        ("vnp_Locale", if lang == mytho_core::i18n::Lang::En { "en" } else { "vn" }.into()),
        ("vnp_ReturnUrl", format!("{public_url}/thanh-toan/ket-qua")),
        ("vnp_IpAddr", ip.to_string()),
        ("vnp_CreateDate", vn_time(0)),
        ("vnp_ExpireDate", vn_time(EXPIRES_MINUTES)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    vnpay::pay_url(&vnp.pay_url, &vnp.secret, &params)
}

fn reply(code: &str, message: &str) -> IpnReply {
    IpnReply { rsp_code: code.into(), message: message.into() }
}

/// The provider's server-to-server notice: the only thing that can mark a card payment paid.
/// A dossier's payments change one request at a time, in every gateway: starting one, its IPN, an
/// officer's confirmation (so "paid once" and "a second payment is flagged" hold across gateways).
fn lock_dossier_of(tx: &Connection, txn_ref: &str) -> crate::store::Result<()> {
    let code: Option<String> = tx.query_row("SELECT dossier_code FROM payments WHERE txn_ref = ?1", [txn_ref], |r| r.get(0)).optional()?;
    code.map_or(Ok(()), |code| tx.lock(&format!("dossier:{code}")))
}

pub fn process_ipn(conn: &mut Connection, secret: &str, p: &BTreeMap<String, String>) -> crate::store::Result<IpnReply> {
    if !vnpay::verify(secret, p) {
        tracing::warn!(target: "security", event = "bad_payment_signature", source = "ipn");
        return Ok(reply("97", "Invalid Checksum"));
    }
    let txn_ref = p.get("vnp_TxnRef").cloned().unwrap_or_default();
    let tx = conn.transaction()?;
    lock_dossier_of(&tx, &txn_ref)?;
    let Some((payment, expires_at)) = state_of(&tx, &txn_ref)? else { return Ok(reply("01", "Order not found")) };
    if p.get("vnp_Amount").and_then(|a| a.parse::<u64>().ok()) != Some(payment.amount_vnd * 100) {
        return Ok(reply("04", "Invalid amount"));
    }
    let response = p.get("vnp_ResponseCode").cloned().unwrap_or_default();
    let success = response == "00" && p.get("vnp_TransactionStatus").is_none_or(|s| s == "00");
    // Settled already: a paid one, or a failure for one no longer pending (an expired pending payment
    // still records its failure).
    if payment.status == PaymentStatus::Paid || (payment.status != PaymentStatus::Pending && !success) {
        return Ok(reply("02", "Order already confirmed"));
    }
    let late = payment.status != PaymentStatus::Pending || expires_at <= vn_time(0);
    let second = success && paid_otherwise(&tx, &payment)?;
    if success && (late || second) {
        // The money was taken all the same: recorded, and flagged so the office refunds or settles it.
        let flag = if second { "second_payment" } else { "late_success" };
        tracing::warn!(target: "security", event = "payment_flagged", txn_ref, flag);
        tx.execute(
            "UPDATE payments SET status = 'paid', response_code = ?1, flag = ?2, paid_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE txn_ref = ?3",
            params![response, flag, txn_ref],
        )?;
        tx.commit()?;
        return Ok(reply("00", "Confirm Success"));
    }
    let status = match (success, response.as_str()) {
        (true, _) => PaymentStatus::Paid,
        (false, "24") => PaymentStatus::Cancelled,
        _ => PaymentStatus::Failed,
    };
    tx.execute(
        "UPDATE payments SET status = ?1, response_code = ?2, paid_at = CASE WHEN ?1 = 'paid' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END WHERE txn_ref = ?3",
        params![text(status), response, txn_ref],
    )?;
    tx.commit()?;
    Ok(reply("00", "Confirm Success"))
}

/// Whether the dossier already has another payment that succeeded.
fn paid_otherwise(conn: &Connection, p: &PaymentState) -> crate::store::Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM payments WHERE dossier_code = ?1 AND txn_ref <> ?2 AND status = 'paid'",
        params![p.dossier_code, p.txn_ref],
        |r| r.get(0),
    )
}

/// VNPay's server-to-server notice (IPN)
///
/// The only thing that can mark a card payment paid. Answered as VNPay's protocol asks: always 200,
/// the outcome in `RspCode` (`00` confirmed, `97` bad signature, `01` unknown order, `04` wrong
/// amount, `02` already confirmed, `99` other).
#[utoipa::path(get, path = "/payments/vnpay/ipn", tag = "payments", operation_id = "vnpayIpn", params(VnpayParams),
    responses((status = 200, description = "The outcome, in VNPay's words", body = IpnReply)))]
pub async fn ipn(State(state): State<AppState>, RawQuery(query): RawQuery) -> Json<IpnReply> {
    let Some(vnp) = state.payments.vnpay.clone() else { return Json(reply("99", "Payments are not configured")) };
    let params = vnpay::parse_query(query.as_deref().unwrap_or(""));
    match state.db.call(move |conn| process_ipn(conn, &vnp.secret, &params)).await {
        Ok(r) => Json(r),
        Err(e) => {
            // VNPay's protocol has its own code for this, and retries.
            tracing::error!("IPN: {e}");
            Json(reply("99", "Unknown error"))
        }
    }
}

/// The payment a VNPay return points to
///
/// What the return page shows: the state the gateway recorded, read only (only the IPN changes it).
/// Altered parameters are refused.
#[utoipa::path(get, path = "/payments/vnpay/return", tag = "payments", operation_id = "vnpayReturn", params(VnpayParams),
    responses(
        (status = 200, description = "The recorded payment", body = PaymentState),
        (status = 403, description = "The parameters are not VNPay's (bad or missing signature)", body = ErrorBody),
        (status = 404, description = "No such payment, or online payments are not turned on", body = ErrorBody),
    ))]
pub async fn vnpay_return(State(state): State<AppState>, RawQuery(query): RawQuery) -> ApiResult<Json<PaymentState>> {
    let vnp = state.payments.vnpay.clone().ok_or_else(payments_off)?;
    let params = vnpay::parse_query(query.as_deref().unwrap_or(""));
    if !vnpay::verify(&vnp.secret, &params) {
        tracing::warn!(target: "security", event = "bad_payment_signature", source = "return");
        // Not VNPay's words: refused as a credential that does not hold.
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "invalid_signature",
            "Không xác minh được kết quả thanh toán trả về. Hãy mở Tra cứu hồ sơ để xem trạng thái thanh toán.",
            "The payment result could not be verified. Open Track an application to see the payment status.",
        ));
    }
    let txn_ref = params.get("vnp_TxnRef").cloned().unwrap_or_default();
    let found = state.db.call(move |conn| state_of(conn, &txn_ref)).await.map_err(ApiError::payments)?;
    found.map(|(p, _)| Json(p)).ok_or_else(payment_not_found)
}

fn payment_not_found() -> ApiError {
    ApiError::not_found("payment_not_found", "Không tìm thấy giao dịch.", "No such payment.")
}

/// Confirm a bank transfer was received
///
/// The treasury's confirmation of a VietQR transfer (standing in for bank reconciliation); the officer
/// is recorded. A transfer that arrives after the fee was paid another way is recorded and flagged.
#[utoipa::path(post, path = "/officer/payments/{txn_ref}/received", tag = "officers", operation_id = "confirmTransfer", params(TxnRef),
    security(("officerToken" = [])),
    responses(
        (status = 200, description = "Recorded as paid", body = PaymentState),
        (status = 401, description = "Missing or wrong officer credential", body = ErrorBody),
        (status = 404, description = "No such payment", body = ErrorBody),
        (status = 409, description = "Not a transfer waiting for confirmation", body = ErrorBody),
        (status = 429, description = "Too many wrong credentials from this client", body = ErrorBody),
    ))]
pub async fn confirm_transfer(State(state): State<AppState>, Officer(officer): Officer, Path(TxnRef { txn_ref }): Path<TxnRef>) -> ApiResult<Json<PaymentState>> {
    let done = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            lock_dossier_of(&tx, &txn_ref)?;
            // A transfer that arrives after the citizen paid another way is recorded and flagged.
            let second = match state_of(&tx, &txn_ref)? {
                Some((p, _)) => paid_otherwise(&tx, &p)?,
                None => false,
            };
            let changed = tx.execute(
                "UPDATE payments SET status = 'paid', paid_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), confirmed_by = ?2,
                 flag = CASE WHEN ?3 THEN 'second_payment' WHEN status = 'cancelled' THEN 'late_success' END
                 WHERE txn_ref = ?1 AND method = 'vietqr' AND status IN ('pending', 'cancelled')",
                params![txn_ref, officer, second],
            )?;
            if changed == 1 {
                crate::officers::record(&tx, &officer, "payment_received", &txn_ref)?;
            }
            let found = state_of(&tx, &txn_ref)?;
            tx.commit()?;
            Ok((changed, found))
        })
        .await
        .map_err(ApiError::payments)?;
    match done {
        (1, Some((p, _))) => Ok(Json(p)),
        (_, Some(_)) => Err(ApiError::conflict("not_pending", "Giao dịch này không còn chờ xác nhận.", "This payment is not waiting for confirmation.")),
        (_, None) => Err(payment_not_found()),
    }
}

/// Payments the office must settle
///
/// A success after the payment expired or was replaced, or a second payment of one fee (recorded,
/// never refused: the money was taken); newest first.
#[utoipa::path(get, path = "/officer/payments", tag = "officers", operation_id = "flaggedPayments",
    security(("officerToken" = [])),
    responses(
        (status = 200, description = "Flagged payments (at most 500)", body = Vec<FlaggedPayment>),
        (status = 401, description = "Missing or wrong officer credential", body = ErrorBody),
        (status = 429, description = "Too many wrong credentials from this client", body = ErrorBody),
    ))]
pub async fn flagged(State(state): State<AppState>, Officer(_): Officer) -> ApiResult<Json<Vec<FlaggedPayment>>> {
    let found = state
        .db
        .call(|conn| {
            let refs: Vec<(String, String)> = conn
                .prepare("SELECT txn_ref, flag FROM payments WHERE flag IS NOT NULL ORDER BY rowid DESC LIMIT 500")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let mut out = Vec::new();
            for (r, flag) in refs {
                if let Some((payment, _)) = state_of(conn, &r)? {
                    out.push(FlaggedPayment { payment, flag });
                }
            }
            Ok(out)
        })
        .await
        .map_err(ApiError::payments)?;
    Ok(Json(found))
}

// ---- The payment simulator: a stand-in for VNPay, on only by configuration (MYTHO_PAYMENT_SIMULATOR).

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The provider's order page: shows the order and lets the tester choose what happens.
pub async fn simulator_page(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (Some(vnp), true) = (state.payments.vnpay.clone(), state.payments.simulator) else {
        return payments_off().into_response();
    };
    let query = query.unwrap_or_default();
    let p = vnpay::parse_query(&query);
    if !vnpay::verify(&vnp.secret, &p) {
        return (StatusCode::BAD_REQUEST, Html("<!DOCTYPE html><html lang=\"vi\"><title>Sai chữ ký</title><h1>Sai chữ ký / Invalid signature</h1></html>")).into_response();
    }
    let amount = p.get("vnp_Amount").and_then(|a| a.parse::<u64>().ok()).unwrap_or(0) / 100;
    let order = escape(p.get("vnp_OrderInfo").map(String::as_str).unwrap_or(""));
    let q = escape(&query);
    let button = |value: &str, label: &str| {
        format!("<p><button type=\"submit\" name=\"outcome\" value=\"{value}\">{label}</button></p>")
    };
    let page = format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Cổng thanh toán mô phỏng</title></head><body><main>\
         <h1>Cổng thanh toán mô phỏng (VNPay 2.1.0)</h1>\
         <p>Đơn hàng: {order}</p><p>Số tiền: <strong>{amount} đ</strong></p>\
         <form method=\"post\" action=\"/simulator/vnpay/pay\"><input type=\"hidden\" name=\"q\" value=\"{q}\">\
         <fieldset><legend>Kết quả giao dịch</legend>{}{}{}{}</fieldset></form></main></body></html>",
        button("success", "Thanh toán thành công"),
        button("cancel", "Khách hàng hủy giao dịch"),
        button("insufficient", "Tài khoản không đủ số dư"),
        button("timeout", "Hết thời gian chờ thanh toán"),
    );
    Html(page).into_response()
}

#[derive(serde::Deserialize)]
pub struct SimulatorChoice {
    q: String,
    outcome: String,
}

/// Does what the provider does: signs the result, sends the IPN, and sends the citizen back.
pub async fn simulator_pay(State(state): State<AppState>, Form(choice): Form<SimulatorChoice>) -> ApiResult<Response> {
    let (Some(vnp), true) = (state.payments.vnpay.clone(), state.payments.simulator) else {
        return Err(payments_off());
    };
    let order = vnpay::parse_query(&choice.q);
    if !vnpay::verify(&vnp.secret, &order) {
        return Err(ApiError::bad_request("invalid_signature", "Sai chữ ký.", "Invalid signature."));
    }
    let response_code = match choice.outcome.as_str() {
        "success" => "00",
        "cancel" => "24",
        "insufficient" => "51",
        _ => "11",
    };
    let get = |k: &str| order.get(k).cloned().unwrap_or_default();
    let mut result: BTreeMap<String, String> = [
        ("vnp_Amount", get("vnp_Amount")),
        ("vnp_BankCode", "NCB".into()),
        ("vnp_OrderInfo", get("vnp_OrderInfo")),
        ("vnp_PayDate", vn_time(0)),
        ("vnp_ResponseCode", response_code.into()),
        ("vnp_TmnCode", get("vnp_TmnCode")),
        ("vnp_TransactionNo", format!("{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() % 100_000_000).unwrap_or(0))),
        ("vnp_TransactionStatus", if response_code == "00" { "00" } else { "02" }.into()),
        ("vnp_TxnRef", get("vnp_TxnRef")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let hash = vnpay::sign(&vnp.secret, &result);
    result.insert("vnp_SecureHash".into(), hash);
    // Server to server first, as the provider does; then the browser goes back to the return address.
    let secret = vnp.secret.clone();
    let ipn_params = result.clone();
    if let Err(e) = state.db.call(move |conn| process_ipn(conn, &secret, &ipn_params)).await {
        tracing::error!("simulator IPN: {e}");
    }
    let query = result.iter().map(|(k, v)| format!("{}={}", vnpay::urlencode(k), vnpay::urlencode(v))).collect::<Vec<_>>().join("&");
    let mut response = Redirect::to(&format!("{}?{query}", get("vnp_ReturnUrl"))).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(response)
}
