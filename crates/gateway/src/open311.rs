//! Citizen reports over Open311 GeoReport v2, under `/open311/v2/`: discovery, services and their
//! definitions, posting a report (the standard's form fields and `api_key`), finding reports (by id,
//! service, dates within 90 days, status, and near a point or inside a box), one report, and the
//! public photos. JSON and XML, as the standard asks; errors as its `[{code, description}]` list.
//! The standard's own document describes these routes, so they are not in `/api/openapi.json`; the
//! officer's status change is (`officer_router`).

use crate::client::ClientKey;
use crate::http::{ApiError, ApiResult, Body, FeatureRouter, Path as ApiPath};
use crate::limits::Write;
use crate::officers::Officer;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use mytho_core::api::ErrorBody;
use mytho_core::i18n::Lang;
use mytho_core::open311::{
    check_report, distance_m, CityServices, NewReport, ReportStatus, ServiceRequest, IDEMPOTENCY_HEADER, MAX_SPAN_DAYS,
};
use mytho_core::dossier::is_idempotency_key;
use crate::store::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use utoipa_axum::routes;

pub const BASE: &str = "/open311/v2";
/// Where a report's photo is served: `{public_url}{MEDIA}/{upload id}`.
pub const MEDIA: &str = "/open311/v2/media";
const SEED: &str = include_str!("../data/report-services.json");
/// Most reports one `GET requests` answers (the standard lets a server cap it).
const PAGE_MAX: usize = 200;

/// The city's services, checked before the port opens.
pub fn seed_services() -> Result<CityServices, String> {
    let services: CityServices = serde_json::from_str(SEED).map_err(|e| format!("data/report-services.json is not valid: {e}"))?;
    let problems = services.problems();
    if !problems.is_empty() {
        return Err(format!("data/report-services.json has problems to fix:\n  {}", problems.join("\n  ")));
    }
    Ok(services)
}

/// The public GeoReport v2 routes (every post behind the per-client write limit).
pub fn router(limits: &std::sync::Arc<crate::limits::WriteLimits>) -> Router<AppState> {
    let limits = limits.clone();
    let limited = axum::middleware::from_fn(move |req, next| crate::limits::limit(limits.clone(), Write::Reports, req, next));
    Router::new()
        .route(&format!("{BASE}/{{file}}"), get(top).post(post_request).layer(limited))
        .route(&format!("{BASE}/services/{{file}}"), get(definition))
        .route(&format!("{BASE}/requests/{{file}}"), get(one_request))
        .route(&format!("{MEDIA}/{{id}}"), get(media))
}

/// JSON or XML, from the address's extension (`services.json`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

fn split(file: &str) -> Option<(&str, Format)> {
    let (stem, ext) = file.rsplit_once('.')?;
    match ext {
        "json" => Some((stem, Format::Json)),
        "xml" => Some((stem, Format::Xml)),
        _ => None,
    }
}

/// A refusal in the standard's shape: `[{"code": <status>, "description": …}]`.
struct Refusal {
    status: StatusCode,
    descriptions: Vec<String>,
    format: Format,
}

impl Refusal {
    fn new(status: StatusCode, description: impl Into<String>, format: Format) -> Refusal {
        Refusal { status, descriptions: vec![description.into()], format }
    }
}

impl From<crate::store::Error> for Refusal {
    fn from(e: crate::store::Error) -> Refusal {
        tracing::error!("open311: {e}");
        Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "The server cannot reach its data right now; try again in a few minutes.", Format::Json)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let code = self.status.as_u16();
        let items: Vec<Vec<(&str, Option<String>)>> =
            self.descriptions.into_iter().map(|d| vec![("code", Some(code.to_string())), ("description", Some(d))]).collect();
        let body = match self.format {
            Format::Json => Doc::Json(serde_json::Value::Array(
                items.iter().map(|f| serde_json::json!({ "code": code, "description": f[1].1 })).collect(),
            )),
            Format::Xml => Doc::Xml(xml_list("errors", "error", &items)),
        };
        (self.status, body).into_response()
    }
}

/// A GeoReport document in the asked format.
enum Doc {
    Json(serde_json::Value),
    Xml(String),
}

impl IntoResponse for Doc {
    fn into_response(self) -> Response {
        match self {
            Doc::Json(v) => Json(v).into_response(),
            Doc::Xml(x) => ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], x).into_response(),
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `<root><item><field>…</field>…</item>…</root>`: every GeoReport XML document but the definition.
fn xml_list(root: &str, item: &str, records: &[Vec<(&str, Option<String>)>]) -> String {
    let mut out = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><{root}>");
    for fields in records {
        out.push_str(&format!("<{item}>"));
        for (name, value) in fields {
            out.push_str(&format!("<{name}>{}</{name}>", value.as_deref().map(escape).unwrap_or_default()));
        }
        out.push_str(&format!("</{item}>"));
    }
    out.push_str(&format!("</{root}>"));
    out
}

/// The fields of a serialised record, in order, as text (for XML).
fn fields(v: &serde_json::Value) -> Vec<(&str, Option<String>)> {
    v.as_object()
        .into_iter()
        .flatten()
        .filter(|(_, x)| !x.is_array() && !x.is_object())
        .map(|(k, x)| (k.as_str(), if x.is_null() { None } else { Some(x.as_str().map_or_else(|| x.to_string(), str::to_string)) }))
        .collect()
}

/// The standard's records in the asked format: a JSON array, or XML `root`/`item` lists.
fn records(format: Format, root: &str, item: &str, values: Vec<serde_json::Value>) -> Doc {
    match format {
        Format::Json => Doc::Json(serde_json::Value::Array(values)),
        Format::Xml => Doc::Xml(xml_list(root, item, &values.iter().map(fields).collect::<Vec<_>>())),
    }
}

/// `locale=en` (an extension) gives English names; Vietnamese otherwise.
fn query_params(raw: Option<&str>) -> BTreeMap<String, String> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes()).into_owned().collect()
}

fn lang_of(q: &BTreeMap<String, String>) -> Lang {
    q.get("locale").and_then(|l| Lang::from_code(l)).unwrap_or(Lang::Vi)
}

/// `GET discovery`, `GET services`, `GET requests`.
async fn top(State(state): State<AppState>, Path(file): Path<String>, RawQuery(raw): RawQuery) -> Result<Doc, Refusal> {
    let Some((stem, format)) = split(&file) else { return Err(Refusal::new(StatusCode::NOT_FOUND, "No such address; add .json or .xml.", Format::Json)) };
    let q = query_params(raw.as_deref());
    match stem {
        "discovery" => Ok(discovery(&state, format)),
        "services" => {
            let lang = lang_of(&q);
            let list = state.reports.services.iter().map(|s| serde_json::to_value(s.in_lang(lang)).unwrap_or_default()).collect();
            Ok(records(format, "services", "service", list))
        }
        "requests" => find(&state, &q, format).await,
        _ => Err(Refusal::new(StatusCode::NOT_FOUND, "No such address.", format)),
    }
}

fn discovery(state: &AppState, format: Format) -> Doc {
    let url = format!("{}{BASE}", state.public_url);
    let endpoint = serde_json::json!({ "specification": "http://wiki.open311.org/GeoReport_v2", "url": url, "changeset": "2026-12-01T00:00:00Z", "type": "production", "formats": ["application/json", "text/xml"] });
    match format {
        Format::Json => Doc::Json(serde_json::json!({
            "changeset": "2026-12-01T00:00:00Z",
            "contact": format!("{} {}", state.site.config.city_name.vi, state.site.config.hotline),
            "key_service": "Ask the city for an api_key to post reports.",
            "endpoints": [endpoint],
        })),
        Format::Xml => Doc::Xml(format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><discovery><changeset>2026-12-01T00:00:00Z</changeset><contact>{}</contact>\
             <key_service>Ask the city for an api_key to post reports.</key_service><endpoints><endpoint>\
             <specification>http://wiki.open311.org/GeoReport_v2</specification><url>{}</url><changeset>2026-12-01T00:00:00Z</changeset>\
             <type>production</type><formats><format>application/json</format><format>text/xml</format></formats></endpoint></endpoints></discovery>",
            escape(&state.site.config.hotline),
            escape(&url)
        )),
    }
}

/// `GET services/{code}`.
async fn definition(State(state): State<AppState>, Path(file): Path<String>, RawQuery(raw): RawQuery) -> Result<Doc, Refusal> {
    let Some((code, format)) = split(&file) else { return Err(Refusal::new(StatusCode::NOT_FOUND, "No such address; add .json or .xml.", Format::Json)) };
    let lang = lang_of(&query_params(raw.as_deref()));
    let service = state.reports.service(code).ok_or_else(|| Refusal::new(StatusCode::NOT_FOUND, format!("No service has the code {code:?}."), format))?;
    let def = service.definition(lang);
    Ok(match format {
        Format::Json => Doc::Json(serde_json::to_value(&def).unwrap_or_default()),
        Format::Xml => {
            let mut out = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?><service_definition><service_code>{}</service_code><attributes>", escape(&def.service_code));
            for a in &def.attributes {
                let v = serde_json::to_value(a).unwrap_or_default();
                out.push_str("<attribute>");
                for (name, value) in fields(&v) {
                    out.push_str(&format!("<{name}>{}</{name}>", value.as_deref().map(escape).unwrap_or_default()));
                }
                out.push_str("<values>");
                for value in &a.values {
                    out.push_str(&format!("<value><key>{}</key><name>{}</name></value>", escape(&value.key), escape(&value.name)));
                }
                out.push_str("</values></attribute>");
            }
            out.push_str("</attributes></service_definition>");
            Doc::Xml(out)
        }
    })
}

/// A report as the public sees it (never the reporter's name or contact).
fn public(conn: &Connection, state: &AppState, id: &str, lang: Lang) -> crate::store::Result<Option<(ServiceRequest, Vec<String>)>> {
    conn.query_row(
        "SELECT id, service_code, status, status_notes, description, lat, long, address, media_urls, requested_at, updated_at FROM reports WHERE id = ?1",
        [id],
        |r| {
            let code: String = r.get(1)?;
            let status: String = r.get(2)?;
            let media: Vec<String> = serde_json::from_str(&r.get::<String>(8)?).unwrap_or_default();
            Ok((
                ServiceRequest {
                    service_request_id: r.get(0)?,
                    status: if status == "closed" { ReportStatus::Closed } else { ReportStatus::Open },
                    status_notes: r.get(3)?,
                    service_name: state.reports.service(&code).map(|s| s.name.get(lang).to_string()),
                    service_code: code,
                    description: r.get(4)?,
                    agency_responsible: Some(state.reports.agency.get(lang).to_string()),
                    service_notice: None,
                    requested_datetime: r.get(9)?,
                    updated_datetime: r.get(10)?,
                    expected_datetime: None,
                    address: r.get(7)?,
                    address_id: None,
                    zipcode: None,
                    lat: r.get(5)?,
                    long: r.get(6)?,
                    media_url: media.first().cloned(),
                },
                media,
            ))
        },
    )
    .optional()
}

/// A report's record, with the extension `media_urls` (every photo; `media_url` is the first).
fn record((r, media): (ServiceRequest, Vec<String>)) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    v["media_urls"] = serde_json::json!(media);
    v
}

/// `GET requests/{id}`.
async fn one_request(State(state): State<AppState>, Path(file): Path<String>, RawQuery(raw): RawQuery) -> Result<Doc, Refusal> {
    let Some((id, format)) = split(&file) else { return Err(Refusal::new(StatusCode::NOT_FOUND, "No such address; add .json or .xml.", Format::Json)) };
    let lang = lang_of(&query_params(raw.as_deref()));
    let (id, s) = (id.to_ascii_uppercase(), state.clone());
    let found = state.db.call(move |conn| public(conn, &s, &id, lang)).await.map_err(Refusal::from)?;
    let found = found.ok_or_else(|| Refusal::new(StatusCode::NOT_FOUND, "No report has this number.", format))?;
    Ok(records(format, "service_requests", "request", vec![record(found)]))
}

/// `GET requests`: by ids, or by service, dates (at most 90 days, the last 90 by default), status, and
/// the extensions `lat`/`long`/`radius` (metres) or `bbox` (`south,west,north,east`), `page`/`page_size`.
async fn find(state: &AppState, q: &BTreeMap<String, String>, format: Format) -> Result<Doc, Refusal> {
    let bad = |what: &str| Refusal::new(StatusCode::BAD_REQUEST, what.to_string(), format);
    let list = |k: &str| q.get(k).map(|v| v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>());
    let ids = list("service_request_id");
    let codes = list("service_code");
    let statuses = list("status");
    if statuses.iter().flatten().any(|s| s != "open" && s != "closed") {
        return Err(bad("status is open or closed."));
    }
    let date = |k: &str| -> Result<Option<i64>, Refusal> {
        q.get(k).map(|v| days_of(v).ok_or_else(|| bad(&format!("{k} must be a W3C date such as 2026-12-01T00:00:00Z.")))).transpose()
    };
    let today = mytho_gateway_today();
    let (start, end) = (date("start_date")?, date("end_date")?);
    let end = end.unwrap_or(today + 1);
    let start = start.unwrap_or(end - MAX_SPAN_DAYS);
    if end - start > MAX_SPAN_DAYS || end < start {
        return Err(bad("start_date and end_date may not be more than 90 days apart."));
    }
    let num = |k: &str| q.get(k).map(|v| v.parse::<f64>().map_err(|_| bad(&format!("{k} must be a number.")))).transpose();
    let near = match (num("lat")?, num("long")?) {
        (Some(lat), Some(long)) => Some(((lat, long), num("radius")?.unwrap_or(500.0).clamp(1.0, 20_000.0))),
        (None, None) => None,
        _ => return Err(bad("lat and long go together.")),
    };
    let bbox = match q.get("bbox") {
        Some(b) => {
            let n: Vec<f64> = b.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            if n.len() != 4 {
                return Err(bad("bbox is south,west,north,east."));
            }
            Some((n[0], n[1], n[2], n[3]))
        }
        None => None,
    };
    let page_size = num("page_size")?.map_or(50, |n| n as usize).clamp(1, PAGE_MAX);
    let page = num("page")?.map_or(1, |n| n.max(1.0) as usize);
    let lang = lang_of(q);
    let s = state.clone();
    let (from, to) = (day_text(start), day_text(end));
    let found = state
        .db
        .call(move |conn| {
            let ids_only: Vec<String> = match &ids {
                Some(ids) => ids.iter().map(|i| i.to_ascii_uppercase()).collect(),
                None => conn
                    .prepare("SELECT id FROM reports WHERE requested_at >= ?1 AND requested_at < ?2 ORDER BY requested_at DESC, rowid DESC LIMIT 5000")?
                    .query_map(params![from, to], |r| r.get(0))?
                    .collect::<crate::store::Result<_>>()?,
            };
            let mut out = Vec::new();
            for id in ids_only {
                if let Some(found) = public(conn, &s, &id, lang)? {
                    out.push(found);
                }
            }
            Ok(out)
        })
        .await
        .map_err(Refusal::from)?;
    let kept: Vec<serde_json::Value> = found
        .into_iter()
        .filter(|(r, _)| codes.as_ref().is_none_or(|c| c.contains(&r.service_code)))
        .filter(|(r, _)| statuses.as_ref().is_none_or(|st| st.iter().any(|x| (x == "closed") == (r.status == ReportStatus::Closed))))
        .filter(|(r, _)| match (near, r.lat.zip(r.long)) {
            (Some((centre, radius)), Some(p)) => distance_m(centre, p) <= radius,
            (Some(_), None) => false,
            (None, _) => true,
        })
        .filter(|(r, _)| match (bbox, r.lat.zip(r.long)) {
            (Some((s, w, n, e)), Some((lat, long))) => (s..=n).contains(&lat) && (w..=e).contains(&long),
            (Some(_), None) => false,
            (None, _) => true,
        })
        .skip((page - 1) * page_size)
        .take(page_size)
        .map(record)
        .collect();
    Ok(records(format, "service_requests", "request", kept))
}

fn mytho_gateway_today() -> i64 {
    crate::dossiers::today().days_since_epoch()
}

/// Days since 1970 of a W3C date (`2026-12-01` or `2026-12-01T08:00:00Z`).
fn days_of(s: &str) -> Option<i64> {
    let d = mytho_core::validate::Date::from_parts(s.get(8..10)?, s.get(5..7)?, s.get(..4)?).ok()?;
    Some(d.days_since_epoch())
}

fn day_text(days: i64) -> String {
    format!("{}T00:00:00Z", mytho_core::validate::Date::from_days_since_epoch(days).iso())
}

/// `POST requests`: the standard's form fields. The report is checked against its service; photos
/// this gateway holds become public with it; the name and contact are kept for the ward only.
async fn post_request(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    Path(file): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Doc), Refusal> {
    let Some(("requests", format)) = split(&file) else { return Err(Refusal::new(StatusCode::METHOD_NOT_ALLOWED, "Only requests takes a POST.", Format::Json)) };
    // An extension of ours (the app sends it to its own gateway only): a report sent again with the
    // same key after a lost answer is the report already made.
    let idempotency_key = match headers.get(IDEMPOTENCY_HEADER).map(|v| v.to_str().map(str::to_string)) {
        None => None,
        Some(Ok(k)) if is_idempotency_key(&k) => Some(k),
        Some(_) => return Err(Refusal::new(StatusCode::BAD_REQUEST, "Idempotency-Key must be 16 to 64 letters, digits or dashes.", format)),
    };
    let mut form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |form: &[(String, String)], k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty());
    let key = field(&form, "api_key").unwrap_or_default();
    let own = state.site.config.reports.as_ref().map(|r| r.api_key.as_str());
    if key.is_empty() || !(own == Some(key.as_str()) || state.open311_keys.iter().any(|k| k == &key)) {
        tracing::warn!(target: "security", event = "open311_bad_key", client);
        return Err(Refusal::new(StatusCode::FORBIDDEN, "api_key is missing or not one this city gave.", format));
    }
    let lang = field(&form, "locale").and_then(|l| Lang::from_code(&l)).unwrap_or(Lang::Vi);
    let coordinate = |k: &str| field(&form, k).map(|v| v.parse::<f64>());
    let (lat, long) = match (coordinate("lat"), coordinate("long")) {
        (Some(Ok(a)), Some(Ok(b))) if a.is_finite() && b.is_finite() => (Some(a), Some(b)),
        (None, None) => (None, None),
        _ => return Err(Refusal::new(StatusCode::BAD_REQUEST, mytho_core::open311::ReportProblem::BadPlace.message(lang), format)),
    };
    let mut attributes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in &form {
        if let Some(code) = k.strip_prefix("attribute[").and_then(|r| r.strip_suffix("][]").or_else(|| r.strip_suffix(']'))) {
            attributes.entry(code.to_string()).or_default().push(v.clone());
        }
    }
    let media_urls: Vec<String> = form.iter().filter(|(k, _)| k == "media_url" || k == "media_url[]").map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
    let report = NewReport {
        service_code: field(&form, "service_code").unwrap_or_default(),
        lat,
        long,
        address_string: field(&form, "address_string"),
        description: field(&form, "description").unwrap_or_default(),
        media_urls,
        first_name: field(&form, "first_name").map(|v| v.chars().take(60).collect()),
        last_name: field(&form, "last_name").map(|v| v.chars().take(60).collect()),
        email: field(&form, "email").map(|v| v.chars().take(120).collect()),
        phone: field(&form, "phone").map(|v| v.chars().take(20).collect()),
        attributes,
    };
    form.clear();
    if let Err(problems) = check_report(&state.reports, &report, lang) {
        let status = StatusCode::from_u16(problems[0].code()).unwrap_or(StatusCode::BAD_REQUEST);
        return Err(Refusal { status, descriptions: problems.iter().map(|p| p.message(lang)).collect(), format });
    }
    if report.address_string.as_ref().is_some_and(|a| a.chars().count() > 300) {
        return Err(Refusal::new(StatusCode::BAD_REQUEST, "address_string is too long (300 characters at most).", format));
    }
    let stored_id = crate::random::code(1, 8).map_err(|_| Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "The server is busy; try again.", format))?;
    let media_prefix = format!("{}{MEDIA}/", state.public_url);
    let hash = {
        let public = serde_json::to_string(&(&report.service_code, &report.description, report.lat, report.long, &report.address_string)).unwrap_or_default();
        format!("{:x}", Sha256::digest(public.as_bytes()))
    };
    let made = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            if let Some(key) = &idempotency_key {
                tx.lock(&format!("report-key:{key}"))?;
                let existing: Option<(String, Option<String>)> = tx
                    .query_row("SELECT id, body_hash FROM reports WHERE idempotency_key = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if let Some((id, stored_hash)) = existing {
                    return Ok(if stored_hash.as_deref() == Some(hash.as_str()) { Made::Replayed(id) } else { Made::KeyReused });
                }
            }
            tx.execute(
                "INSERT INTO reports (id, service_code, description, lat, long, address, attributes, media_urls, first_name, last_name, email, phone, client, idempotency_key, body_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    stored_id,
                    report.service_code,
                    report.description,
                    report.lat,
                    report.long,
                    report.address_string,
                    serde_json::to_string(&report.attributes).unwrap_or_default(),
                    serde_json::to_string(&report.media_urls).unwrap_or_default(),
                    report.first_name,
                    report.last_name,
                    report.email,
                    report.phone,
                    client,
                    idempotency_key,
                    hash
                ],
            )?;
            tx.execute("INSERT INTO report_events (report_id, status) VALUES (?1, 'open')", [&stored_id])?;
            // Photos this gateway holds become the report's, and public with it (only images, never a PDF).
            for url in &report.media_urls {
                if let Some(upload) = url.strip_prefix(&media_prefix) {
                    tx.execute(
                        "UPDATE uploads SET report_id = ?1 WHERE id = ?2 AND dossier_code IS NULL AND report_id IS NULL AND mime LIKE 'image/%'",
                        params![stored_id, upload],
                    )?;
                }
            }
            tx.commit()?;
            Ok(Made::New(stored_id))
        })
        .await
        .map_err(Refusal::from)?;
    let (status, id) = match made {
        Made::New(id) => (StatusCode::CREATED, id),
        Made::Replayed(id) => (StatusCode::OK, id),
        Made::KeyReused => return Err(Refusal::new(StatusCode::CONFLICT, "This Idempotency-Key was used for a different report.", format)),
    };
    let notice = match lang {
        Lang::Vi => "Phản ánh đã được chuyển đến UBND phường. Bạn có thể theo dõi tình trạng bằng số phản ánh.",
        Lang::En => "Your report has gone to the ward office. Follow its status with the report number.",
    };
    let answer = serde_json::json!({ "service_request_id": id, "service_notice": notice, "account_id": null });
    Ok((status, records(format, "service_requests", "request", vec![answer])))
}

enum Made {
    New(String),
    /// The same key and the same report: its first answer was lost on the way.
    Replayed(String),
    KeyReused,
}

/// A report's photo: only uploads that belong to a report are public.
async fn media(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, Refusal> {
    let found = state
        .db
        .call(move |conn| conn.query_row("SELECT mime, data FROM uploads WHERE id = ?1 AND report_id IS NOT NULL", [&id], |r| Ok((r.get::<String>(0)?, r.get::<Vec<u8>>(1)?))).optional())
        .await
        .map_err(Refusal::from)?;
    let (mime, data) = found.ok_or_else(|| Refusal::new(StatusCode::NOT_FOUND, "No such photo.", Format::Json))?;
    Ok(([(header::CONTENT_TYPE, mime), (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()), (header::CACHE_CONTROL, "public, max-age=86400".into())], data).into_response())
}

// ---- The office: in the API's own document.

/// `/officer/reports/…`.
pub fn officer_router() -> FeatureRouter {
    FeatureRouter::new().routes(routes!(change_report_status))
}

/// A report's number.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ReportId {
    pub id: String,
}

/// What the office did about a report.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportChange {
    pub status: ReportStatus,
    /// What was done, or why it is still open (shown publicly with the report).
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub note: String,
}

/// Change a citizen report's status
///
/// Open (in progress) or closed, with a note of what was done, shown publicly with the report. Every
/// change is recorded with its officer.
#[utoipa::path(post, path = "/officer/reports/{id}/status", tag = "officers", operation_id = "changeReportStatus", params(ReportId),
    request_body = ReportChange,
    security(("officerToken" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Missing or wrong officer credential", body = ErrorBody),
        (status = 404, description = "No such report", body = ErrorBody),
        (status = 422, description = "No note, or a note over 1,000 characters", body = ErrorBody),
        (status = 429, description = "Too many wrong credentials from this client", body = ErrorBody),
    ))]
pub async fn change_report_status(
    State(state): State<AppState>,
    Officer(officer): Officer,
    ApiPath(ReportId { id }): ApiPath<ReportId>,
    Body(change): Body<ReportChange>,
) -> ApiResult<StatusCode> {
    let note = change.note.trim().to_string();
    if note.is_empty() || change.note.chars().count() > 1000 {
        return Err(ApiError::unprocessable(
            "note_required",
            "Hãy ghi việc đã làm hoặc lý do (tối đa 1.000 ký tự); ghi chú được công khai cùng phản ánh.",
            "Write what was done or why (1,000 characters at most); the note is public with the report.",
        ));
    }
    let status = if change.status == ReportStatus::Closed { "closed" } else { "open" };
    let id = id.to_ascii_uppercase();
    let changed = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let n = tx.execute(
                "UPDATE reports SET status = ?1, status_notes = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?3",
                params![status, note, id],
            )?;
            if n == 1 {
                tx.execute("INSERT INTO report_events (report_id, status, note, officer) VALUES (?1, ?2, ?3, ?4)", params![id, status, note, officer])?;
                crate::officers::record(&tx, &officer, &format!("report:{status}"), &id)?;
            }
            tx.commit()?;
            Ok(n == 1)
        })
        .await?;
    if !changed {
        return Err(ApiError::not_found("report_not_found", "Không có phản ánh với số này.", "No report has this number."));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_citys_services_are_valid_and_xml_is_escaped() {
        let s = seed_services().unwrap();
        assert!(s.services.len() >= 7);
        let x = xml_list("errors", "error", &[vec![("description", Some("a < b & \"c\"".into()))]]);
        assert!(x.contains("<description>a &lt; b &amp; &quot;c&quot;</description>"), "{x}");
        assert_eq!(days_of("2026-12-01T08:00:00Z"), days_of("2026-12-01"));
        assert_eq!(days_of("2026-13-01"), None);
    }
}
