//! Citizen reports over Open311 GeoReport v2: the city's services as it edits them (both languages,
//! validated at start), the wire records of the standard, the rules a report must meet, and tolerant
//! reading of what real servers send (numeric codes, `null`s, extra fields), so the app's adapter
//! works with any city's Open311 endpoint.

use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The longest description the standard allows.
pub const DESCRIPTION_MAX: usize = 4000;
/// Photos one report may carry.
pub const MAX_PHOTOS: usize = 3;
/// `GET requests` spans at most this many days (the standard's limit).
pub const MAX_SPAN_DAYS: i64 = 90;
/// Our extension to `POST requests`: the same key sent again is the same report (a resend after a lost
/// answer never makes a second one).
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// The kinds of answer a service's question takes (GeoReport v2 `datatype`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Datatype {
    String,
    Number,
    Datetime,
    Text,
    Singlevaluelist,
    Multivaluelist,
}

/// One choice of a list question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityValue {
    pub key: String,
    pub name: Localized,
}

/// One question of a service, as the city writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityAttribute {
    pub code: String,
    pub datatype: Datatype,
    #[serde(default)]
    pub required: bool,
    pub description: Localized,
    #[serde(default)]
    pub values: Vec<CityValue>,
}

/// One service (kind of report), as the city writes it in `report-services.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityService {
    pub code: String,
    pub group: Localized,
    pub name: Localized,
    pub description: Localized,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub attributes: Vec<CityAttribute>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityServices {
    /// Who handles reports (GeoReport's `agency_responsible`).
    pub agency: Localized,
    pub services: Vec<CityService>,
}

impl CityServices {
    /// What is wrong with the city's file, one line each (empty when it can be served).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut codes = std::collections::BTreeSet::new();
        if self.services.is_empty() {
            out.push("there are no services".to_string());
        }
        for s in &self.services {
            if !is_code(&s.code) {
                out.push(format!("service code {:?}: use lowercase letters, digits and dashes", s.code));
            }
            if !codes.insert(&s.code) {
                out.push(format!("service code {:?} is used twice", s.code));
            }
            for (what, text) in [("name", &s.name), ("group", &s.group), ("description", &s.description)] {
                if text.vi.trim().is_empty() || text.en.trim().is_empty() {
                    out.push(format!("service {:?}: its {what} needs both Vietnamese and English", s.code));
                }
            }
            let mut seen = std::collections::BTreeSet::new();
            for a in &s.attributes {
                if !is_code(&a.code) || !seen.insert(&a.code) {
                    out.push(format!("service {:?}: question code {:?} is not a usable, unique code", s.code, a.code));
                }
                let list = matches!(a.datatype, Datatype::Singlevaluelist | Datatype::Multivaluelist);
                if list == a.values.is_empty() {
                    out.push(format!("service {:?}, question {:?}: only list questions have values, and they need some", s.code, a.code));
                }
            }
        }
        out
    }

    pub fn service(&self, code: &str) -> Option<&CityService> {
        self.services.iter().find(|s| s.code == code)
    }
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `GET services`: one service (GeoReport v2 field names).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: String,
    pub keywords: String,
    pub group: String,
}

/// One choice of a list attribute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

/// One attribute of a service definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribute {
    pub variable: bool,
    pub code: String,
    pub datatype: Datatype,
    pub required: bool,
    pub datatype_description: String,
    pub order: u32,
    pub description: String,
    pub values: Vec<AttributeValue>,
}

/// `GET services/{code}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<Attribute>,
}

impl CityService {
    pub fn in_lang(&self, lang: Lang) -> Service {
        Service {
            service_code: self.code.clone(),
            service_name: self.name.get(lang).to_string(),
            description: self.description.get(lang).to_string(),
            metadata: !self.attributes.is_empty(),
            kind: "realtime".into(),
            keywords: self.keywords.join(","),
            group: self.group.get(lang).to_string(),
        }
    }

    pub fn definition(&self, lang: Lang) -> ServiceDefinition {
        let attributes = self
            .attributes
            .iter()
            .enumerate()
            .map(|(i, a)| Attribute {
                variable: true,
                code: a.code.clone(),
                datatype: a.datatype,
                required: a.required,
                datatype_description: String::new(),
                order: i as u32 + 1,
                description: a.description.get(lang).to_string(),
                values: a.values.iter().map(|v| AttributeValue { key: v.key.clone(), name: v.name.get(lang).to_string() }).collect(),
            })
            .collect();
        ServiceDefinition { service_code: self.code.clone(), attributes }
    }
}

/// Open or closed, the standard's two statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReportStatus {
    Open,
    Closed,
}

/// `GET requests` / `requests/{id}`: one report as the public sees it (never the contact details).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub service_request_id: String,
    pub status: ReportStatus,
    pub status_notes: Option<String>,
    pub service_name: Option<String>,
    pub service_code: String,
    pub description: Option<String>,
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    pub requested_datetime: Option<String>,
    pub updated_datetime: Option<String>,
    pub expected_datetime: Option<String>,
    pub address: Option<String>,
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub media_url: Option<String>,
}

/// What a report says, as posted (`POST requests`, form fields of the standard).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewReport {
    pub service_code: String,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_string: Option<String>,
    pub description: String,
    pub media_urls: Vec<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `attribute[code]` (several for a multi-value list).
    pub attributes: BTreeMap<String, Vec<String>>,
}

/// Why a report cannot be taken, in the words of each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportProblem {
    UnknownService,
    NoPlace,
    BadPlace,
    DescriptionTooLong(usize),
    TooManyPhotos,
    Missing(String),
    NotAChoice(String),
    NotANumber(String),
    NotADatetime(String),
}

impl ReportProblem {
    /// The standard's error code (HTTP status) for it.
    pub fn code(&self) -> u16 {
        match self {
            ReportProblem::UnknownService => 404,
            _ => 400,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReportProblem::UnknownService, Lang::Vi) => "Không có loại phản ánh này; hãy chọn trong danh sách.".into(),
            (ReportProblem::UnknownService, Lang::En) => "There is no such kind of report; choose one from the list.".into(),
            (ReportProblem::NoPlace, Lang::Vi) => "Hãy cho biết nơi xảy ra: dùng vị trí của bạn, chọn trên bản đồ hoặc nhập địa chỉ.".into(),
            (ReportProblem::NoPlace, Lang::En) => "Say where it is: use your location, pick it on the map or type an address.".into(),
            (ReportProblem::BadPlace, Lang::Vi) => "Vị trí không hợp lệ (vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180).".into(),
            (ReportProblem::BadPlace, Lang::En) => "The location is not valid (latitude -90 to 90, longitude -180 to 180).".into(),
            (ReportProblem::DescriptionTooLong(n), Lang::Vi) => format!("Mô tả dài tối đa {DESCRIPTION_MAX} ký tự; bạn đã nhập {n}."),
            (ReportProblem::DescriptionTooLong(n), Lang::En) => format!("The description can be at most {DESCRIPTION_MAX} characters; it has {n}."),
            (ReportProblem::TooManyPhotos, Lang::Vi) => format!("Mỗi phản ánh kèm tối đa {MAX_PHOTOS} ảnh."),
            (ReportProblem::TooManyPhotos, Lang::En) => format!("A report can have at most {MAX_PHOTOS} photos."),
            (ReportProblem::Missing(q), Lang::Vi) => format!("Hãy trả lời câu hỏi: {q}"),
            (ReportProblem::Missing(q), Lang::En) => format!("Answer the question: {q}"),
            (ReportProblem::NotAChoice(q), Lang::Vi) => format!("Hãy chọn một trong các lựa chọn của câu hỏi: {q}"),
            (ReportProblem::NotAChoice(q), Lang::En) => format!("Choose one of the answers offered for: {q}"),
            (ReportProblem::NotANumber(q), Lang::Vi) => format!("Hãy nhập một số cho câu hỏi: {q}"),
            (ReportProblem::NotANumber(q), Lang::En) => format!("Enter a number for: {q}"),
            (ReportProblem::NotADatetime(q), Lang::Vi) => format!("Hãy nhập ngày giờ (ví dụ 2026-12-01T08:30) cho câu hỏi: {q}"),
            (ReportProblem::NotADatetime(q), Lang::En) => format!("Enter a date and time (for example 2026-12-01T08:30) for: {q}"),
        }
    }
}

/// Checks a report against its service: a place (a point or an address), the description's length,
/// the photos, and every question's answer. The questions are named in `lang`.
pub fn check_report(services: &CityServices, r: &NewReport, lang: Lang) -> Result<(), Vec<ReportProblem>> {
    let Some(service) = services.service(&r.service_code) else { return Err(vec![ReportProblem::UnknownService]) };
    let mut problems = Vec::new();
    match (r.lat, r.long) {
        (Some(lat), Some(long)) if !((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long)) => problems.push(ReportProblem::BadPlace),
        (Some(_), Some(_)) => {}
        _ if r.address_string.as_deref().is_some_and(|a| !a.trim().is_empty()) => {}
        _ => problems.push(ReportProblem::NoPlace),
    }
    let n = r.description.chars().count();
    if n > DESCRIPTION_MAX {
        problems.push(ReportProblem::DescriptionTooLong(n));
    }
    if r.media_urls.len() > MAX_PHOTOS {
        problems.push(ReportProblem::TooManyPhotos);
    }
    for a in &service.attributes {
        let q = a.description.get(lang).to_string();
        let given: Vec<&str> = r.attributes.get(&a.code).into_iter().flatten().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        if given.is_empty() {
            if a.required {
                problems.push(ReportProblem::Missing(q));
            }
            continue;
        }
        let ok = match a.datatype {
            Datatype::Singlevaluelist => given.len() == 1 && a.values.iter().any(|v| v.key == given[0]),
            Datatype::Multivaluelist => given.iter().all(|g| a.values.iter().any(|v| v.key == *g)),
            Datatype::Number => given.len() == 1 && given[0].parse::<f64>().is_ok_and(f64::is_finite),
            Datatype::Datetime => given.len() == 1 && is_datetime(given[0]),
            Datatype::String | Datatype::Text => given.len() == 1,
        };
        if !ok {
            problems.push(match a.datatype {
                Datatype::Number => ReportProblem::NotANumber(q),
                Datatype::Datetime => ReportProblem::NotADatetime(q),
                _ => ReportProblem::NotAChoice(q),
            });
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// `yyyy-mm-ddThh:mm`, seconds and a zone optional (what a datetime-local input and W3C dates give).
pub fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 16 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) && b[10] == b'T' && digits(11..13) && b[13] == b':' && digits(14..16)
}

/// Distance in metres between two points (haversine; plenty for "nearby" within a city).
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * h.sqrt().asin()
}

/// A form body (`application/x-www-form-urlencoded`), as `POST requests` takes it.
pub fn form_body(fields: &[(String, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => (b as char).to_string(),
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// The standard's fields for a report (`attribute[code][]` for each choice of a multi-value list, the
/// extension `locale` so refusals come in the reader's language), ready for [`form_body`].
pub fn report_fields(api_key: &str, r: &NewReport, multi: &[&str], lang: Lang) -> Vec<(String, String)> {
    let mut out = vec![("api_key".to_string(), api_key.to_string()), ("service_code".into(), r.service_code.clone()), ("locale".into(), lang.code().into())];
    if let (Some(lat), Some(long)) = (r.lat, r.long) {
        out.push(("lat".into(), crate::text::decimal(lat, 6)));
        out.push(("long".into(), crate::text::decimal(long, 6)));
    }
    let optional = [("address_string", &r.address_string), ("first_name", &r.first_name), ("last_name", &r.last_name), ("email", &r.email), ("phone", &r.phone)];
    out.extend(optional.into_iter().filter_map(|(k, v)| v.as_ref().filter(|v| !v.trim().is_empty()).map(|v| (k.to_string(), v.trim().to_string()))));
    if !r.description.trim().is_empty() {
        out.push(("description".into(), r.description.trim().to_string()));
    }
    out.extend(r.media_urls.iter().map(|m| ("media_url".to_string(), m.clone())));
    for (code, values) in &r.attributes {
        let name = if multi.contains(&code.as_str()) { format!("attribute[{code}][]") } else { format!("attribute[{code}]") };
        out.extend(values.iter().filter(|v| !v.trim().is_empty()).map(|v| (name.clone(), v.clone())));
    }
    out
}

// ---- Reading what servers send: tolerant, so any city's Open311 endpoint works.

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn flag(v: &Value) -> bool {
    matches!(v, Value::Bool(true)) || matches!(v.as_str(), Some("true" | "1")) || v.as_i64() == Some(1)
}

/// A list wherever it is: a bare array, or wrapped as some servers do (`{"services": [...]}`).
fn list<'a>(v: &'a Value, wrapper: &str) -> &'a [Value] {
    match v {
        Value::Array(a) => a,
        Value::Object(o) => o.get(wrapper).and_then(Value::as_array).map_or(&[], Vec::as_slice),
        _ => &[],
    }
}

/// `GET services`, as any server sends it.
pub fn read_services(v: &Value) -> Vec<Service> {
    list(v, "services")
        .iter()
        .filter_map(|s| {
            Some(Service {
                service_code: text(&s["service_code"])?,
                service_name: text(&s["service_name"]).unwrap_or_default(),
                description: text(&s["description"]).unwrap_or_default(),
                metadata: flag(&s["metadata"]),
                kind: text(&s["type"]).unwrap_or_else(|| "realtime".into()),
                keywords: text(&s["keywords"]).unwrap_or_default(),
                group: text(&s["group"]).unwrap_or_default(),
            })
        })
        .collect()
}

/// `GET services/{code}`, as any server sends it; attributes in their `order`.
pub fn read_definition(v: &Value) -> Option<ServiceDefinition> {
    let v = if v.is_array() { v.get(0)? } else { v };
    let mut attributes: Vec<Attribute> = list(&v["attributes"], "attribute")
        .iter()
        .filter_map(|a| {
            let datatype: Datatype = serde_json::from_value(Value::String(text(&a["datatype"])?.to_ascii_lowercase())).ok()?;
            let values = list(&a["values"], "value")
                .iter()
                .filter_map(|x| {
                    let key = text(&x["key"])?;
                    Some(AttributeValue { name: text(&x["name"]).unwrap_or_else(|| key.clone()), key })
                })
                .collect();
            Some(Attribute {
                variable: a.get("variable").is_none_or(|x| x.is_null() || flag(x)),
                code: text(&a["code"])?,
                datatype,
                required: flag(&a["required"]),
                datatype_description: text(&a["datatype_description"]).unwrap_or_default(),
                order: number(&a["order"]).map_or(u32::MAX, |o| o as u32),
                description: text(&a["description"]).unwrap_or_default(),
                values,
            })
        })
        .filter(|a| a.variable)
        .collect();
    crate::order::sort_by_key(&mut attributes, |a| a.order);
    Some(ServiceDefinition { service_code: text(&v["service_code"]).unwrap_or_default(), attributes })
}

/// `GET requests` or `requests/{id}`, as any server sends them.
pub fn read_requests(v: &Value) -> Vec<ServiceRequest> {
    list(v, "service_requests")
        .iter()
        .filter_map(|r| {
            let status = match text(&r["status"])?.to_ascii_lowercase().as_str() {
                "closed" => ReportStatus::Closed,
                _ => ReportStatus::Open,
            };
            Some(ServiceRequest {
                service_request_id: text(&r["service_request_id"])?,
                status,
                status_notes: text(&r["status_notes"]),
                service_name: text(&r["service_name"]),
                service_code: text(&r["service_code"]).unwrap_or_default(),
                description: text(&r["description"]),
                agency_responsible: text(&r["agency_responsible"]),
                service_notice: text(&r["service_notice"]),
                requested_datetime: text(&r["requested_datetime"]),
                updated_datetime: text(&r["updated_datetime"]),
                expected_datetime: text(&r["expected_datetime"]),
                address: text(&r["address"]),
                address_id: text(&r["address_id"]),
                zipcode: text(&r["zipcode"]),
                lat: number(&r["lat"]),
                long: number(&r["long"]),
                media_url: text(&r["media_url"]),
            })
        })
        .collect()
}

/// What `POST requests` gave back: the report's id, or a token to ask for it later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Posted {
    Id(String),
    Token(String),
}

pub fn read_posted(v: &Value) -> Option<Posted> {
    let first = list(v, "service_requests").first().unwrap_or(v);
    text(&first["service_request_id"]).map(Posted::Id).or_else(|| text(&first["token"]).map(Posted::Token))
}

/// The standard's error list (`[{code, description}]`), as text for people.
pub fn read_errors(v: &Value) -> Option<String> {
    let errors: Vec<String> = list(v, "errors").iter().filter_map(|e| text(&e["description"])).collect();
    (!errors.is_empty()).then(|| errors.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn city() -> CityServices {
        serde_json::from_value(serde_json::json!({
            "agency": { "vi": "UBND phường", "en": "Ward office" },
            "services": [{
                "code": "den-duong", "group": { "vi": "Hạ tầng", "en": "Streets" },
                "name": { "vi": "Đèn đường hỏng", "en": "Broken street light" },
                "description": { "vi": "Đèn không sáng", "en": "A light is out" },
                "attributes": [
                    { "code": "kieu", "datatype": "singlevaluelist", "required": true, "description": { "vi": "Đèn thế nào?", "en": "How is it?" },
                      "values": [{ "key": "tat", "name": { "vi": "Tắt", "en": "Off" } }, { "key": "nhap-nhay", "name": { "vi": "Nhấp nháy", "en": "Flickering" } }] },
                    { "code": "so-den", "datatype": "number", "description": { "vi": "Mấy đèn?", "en": "How many?" } }
                ]
            }]
        }))
        .unwrap()
    }

    fn report() -> NewReport {
        NewReport {
            service_code: "den-duong".into(),
            lat: Some(10.3522),
            long: Some(106.3669),
            description: "Trước số 12 Hùng Vương".into(),
            attributes: [("kieu".to_string(), vec!["tat".to_string()])].into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_report_needs_a_known_service_a_place_and_the_required_answers() {
        let c = city();
        assert!(c.problems().is_empty(), "{:?}", c.problems());
        assert_eq!(check_report(&c, &report(), Lang::Vi), Ok(()));
        let by_address = NewReport { lat: None, long: None, address_string: Some("12 Hùng Vương, Phường Mỹ Tho".into()), ..report() };
        assert_eq!(check_report(&c, &by_address, Lang::Vi), Ok(()), "no GPS: an address is enough");
        let nowhere = NewReport { lat: None, long: None, ..report() };
        assert_eq!(check_report(&c, &nowhere, Lang::Vi), Err(vec![ReportProblem::NoPlace]));
        let unanswered = NewReport { attributes: BTreeMap::new(), ..report() };
        assert_eq!(check_report(&c, &unanswered, Lang::En), Err(vec![ReportProblem::Missing("How is it?".into())]));
        let wrong = NewReport { attributes: [("kieu".into(), vec!["xanh".into()]), ("so-den".into(), vec!["ba".into()])].into(), ..report() };
        assert_eq!(check_report(&c, &wrong, Lang::Vi).unwrap_err().len(), 2);
        let long = NewReport { description: "a".repeat(DESCRIPTION_MAX + 1), ..report() };
        assert_eq!(check_report(&c, &long, Lang::Vi), Err(vec![ReportProblem::DescriptionTooLong(DESCRIPTION_MAX + 1)]));
        assert_eq!(check_report(&c, &NewReport { service_code: "x".into(), ..report() }, Lang::Vi), Err(vec![ReportProblem::UnknownService]));
        assert!(ReportProblem::NoPlace.message(Lang::Vi).contains("vị trí"));
    }

    #[test]
    fn the_citys_file_is_checked() {
        let mut c = city();
        c.services.push(c.services[0].clone());
        c.services[0].attributes[1].values.clear();
        c.services[0].attributes[0].values.clear();
        let p = c.problems();
        assert!(p.iter().any(|l| l.contains("used twice")) && p.iter().any(|l| l.contains("list questions")), "{p:?}");
    }

    #[test]
    fn what_real_servers_send_is_read() {
        // Numeric codes, nulls, extra fields, a wrapped list, a string "true", attributes out of order.
        let services = read_services(&serde_json::json!({ "services": [
            { "service_code": 4, "service_name": "Pothole", "metadata": "true", "group": null, "extra": 1 },
            { "service_name": "no code: skipped" }
        ]}));
        assert_eq!(services.len(), 1);
        assert_eq!((services[0].service_code.as_str(), services[0].metadata, services[0].group.as_str()), ("4", true, ""));
        let def = read_definition(&serde_json::json!({ "service_code": 4, "attributes": [
            { "code": "b", "datatype": "String", "order": 2, "required": false, "description": "Where?" },
            { "code": 7, "datatype": "singlevaluelist", "order": 1, "required": true, "description": "Size", "values": [{ "key": 1, "name": "Small" }] },
            { "code": "c", "datatype": "string", "variable": false, "description": "not asked" }
        ]}))
        .unwrap();
        assert_eq!(def.attributes.iter().map(|a| a.code.as_str()).collect::<Vec<_>>(), ["7", "b"]);
        assert_eq!(def.attributes[0].values[0].key, "1");
        let reqs = read_requests(&serde_json::json!([{ "service_request_id": 638344, "status": "Open", "lat": "10.35", "long": null, "media_url": null }]));
        assert_eq!((reqs[0].service_request_id.as_str(), reqs[0].status, reqs[0].lat, reqs[0].long), ("638344", ReportStatus::Open, Some(10.35), None));
        assert_eq!(read_posted(&serde_json::json!([{ "token": "12345" }])), Some(Posted::Token("12345".into())));
        assert_eq!(read_posted(&serde_json::json!([{ "service_request_id": 293944, "service_notice": null }])), Some(Posted::Id("293944".into())));
        assert_eq!(read_errors(&serde_json::json!([{ "code": 403, "description": "Invalid api_key" }])).as_deref(), Some("Invalid api_key"));
    }

    #[test]
    fn a_report_is_sent_as_the_standards_form() {
        let r = NewReport { phone: Some(" 0912 345 678 ".into()), attributes: [("kieu".into(), vec!["tat".into(), "nhap-nhay".into()])].into(), ..report() };
        let body = form_body(&report_fields("k", &r, &["kieu"], Lang::En));
        assert_eq!(
            body,
            "api_key=k&service_code=den-duong&locale=en&lat=10.352200&long=106.366900&phone=0912+345+678&description=Tr%C6%B0%E1%BB%9Bc+s%E1%BB%91+12+H%C3%B9ng+V%C6%B0%C6%A1ng&attribute%5Bkieu%5D%5B%5D=tat&attribute%5Bkieu%5D%5B%5D=nhap-nhay"
        );
    }

    #[test]
    fn distances() {
        let centre = (10.3522, 106.3669);
        let pagoda = (10.359, 106.380);
        let d = distance_m(centre, pagoda);
        assert!((1500.0..1800.0).contains(&d), "{d}");
        assert_eq!(distance_m(centre, centre), 0.0);
    }

    proptest! {
        #[test]
        fn reading_never_panics(s in "\\PC{0,200}") {
            if let Ok(v) = serde_json::from_str::<Value>(&s) {
                let _ = (read_services(&v), read_definition(&v), read_requests(&v), read_posted(&v), read_errors(&v));
            }
        }

        #[test]
        fn datetimes(y in 1900u32..2100, mo in 1u32..13, d in 1u32..29, h in 0u32..24, mi in 0u32..60) {
            let s = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}");
            prop_assert!(is_datetime(&s));
            let zoned = format!("{}:00Z", s);
            prop_assert!(is_datetime(&zoned));
            prop_assert!(!is_datetime(&s[..15]));
        }
    }
}
