//! Citizen reports over real HTTP, as an Open311 GeoReport v2 client sees the gateway: every operation
//! in JSON and XML, the standard's error list, the API key, nearby search, photos made public with
//! their report (and only then), an officer's status change, and the per-client limit.

mod common;

use common::*;
use mytho_core::open311::{read_definition, read_posted, read_requests, read_services, Posted, ReportStatus};

const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15,
    0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0xf8, 0xcf, 0xf0, 0x3f, 0, 5, 0xfe, 2, 0xfe, 0xa7, 0xd6, 0xa3,
    0xad, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn post_form(server: &Server, client: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    post_keyed(server, client, fields, None).await
}

async fn post_keyed(server: &Server, client: &str, fields: &[(&str, &str)], key: Option<&str>) -> reqwest::Response {
    let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let request = reqwest::Client::new()
        .post(format!("{}/open311/v2/requests.json", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", client);
    let request = match key {
        Some(k) => request.header(mytho_core::open311::IDEMPOTENCY_HEADER, k),
        None => request,
    };
    request.body(body).send().await.unwrap()
}

fn light(lat: &str, long: &str) -> Vec<(&'static str, String)> {
    vec![
        ("api_key", OPEN311_KEY.to_string()),
        ("service_code", "den-duong".into()),
        ("lat", lat.into()),
        ("long", long.into()),
        ("description", "Đèn trước số 12 Hùng Vương không sáng".into()),
        ("attribute[tinh-trang]", "tat".into()),
        ("phone", "0912345678".into()),
        ("first_name", "Lan".into()),
    ]
}

fn pairs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, x)| (*k, x.as_str())).collect()
}

#[tokio::test]
async fn services_definitions_and_discovery_in_json_and_xml() {
    let server = Server::start().await;
    let r = server.get("/open311/v2/services.json", None).await;
    assert_eq!(r.status(), 200);
    let services = read_services(&r.json().await.unwrap());
    assert!(services.iter().any(|s| s.service_code == "den-duong" && s.service_name == "Đèn đường hỏng" && s.metadata), "{services:?}");
    let en = read_services(&server.get("/open311/v2/services.json?locale=en", None).await.json().await.unwrap());
    assert!(en.iter().any(|s| s.service_name == "Street light out"));
    let def = read_definition(&server.get("/open311/v2/services/duong-sa.json", None).await.json().await.unwrap()).unwrap();
    assert_eq!(def.attributes[0].datatype, mytho_core::open311::Datatype::Multivaluelist);
    assert!(def.attributes.iter().all(|a| a.required && !a.values.is_empty()));

    let xml = server.get("/open311/v2/services.xml", None).await;
    assert_eq!(header(&xml, "content-type"), "text/xml; charset=utf-8");
    let xml = xml.text().await.unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains("<service><description>") && xml.contains("<service_code>rac-thai</service_code>"), "{xml}");
    let def = server.get("/open311/v2/services/den-duong.xml", None).await.text().await.unwrap();
    assert!(def.contains("<values><value><key>tat</key><name>Không sáng</name></value>"), "{def}");
    let d: serde_json::Value = server.get("/open311/v2/discovery.json", None).await.json().await.unwrap();
    assert!(d["endpoints"][0]["url"].as_str().unwrap().ends_with("/open311/v2"));
    assert!(server.get("/open311/v2/discovery.xml", None).await.text().await.unwrap().contains("<discovery>"));

    // Errors are the standard's list, with its status.
    let r = server.get("/open311/v2/services/no-such.json", None).await;
    assert_eq!(r.status(), 404);
    let e: serde_json::Value = r.json().await.unwrap();
    assert_eq!(e[0]["code"], 404);
    assert!(mytho_core::open311::read_errors(&e).unwrap().contains("no-such"));
    assert!(server.get("/open311/v2/services/no-such.xml", None).await.text().await.unwrap().contains("<errors><error><code>404</code>"));
    server.stop().await;
}

#[tokio::test]
async fn a_report_is_posted_with_a_key_found_nearby_and_followed_as_an_officer_acts() {
    let server = Server::start().await;
    // Without the city's key, or with a wrong one: 403 in the standard's shape.
    let mut fields = light("10.3522", "106.3669");
    fields[0].1 = "guess".into();
    let r = post_form(&server, "198.51.100.1", &pairs(&fields)).await;
    assert_eq!(r.status(), 403);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()[0]["code"], 403);
    // The app's own key (config.json) and another client's (MYTHO_OPEN311_KEYS) both work.
    let app_key = serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/config.json")).unwrap())
        .unwrap()["reports"]["api_key"]
        .as_str()
        .unwrap()
        .to_string();
    fields[0].1 = app_key;

    // A photo uploaded the usual way is private until a report uses it.
    let up: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/api/v1/uploads", server.base))
        .header("content-type", "image/png")
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let photo = format!("{}/open311/v2/media/{}", server.base, up["id"].as_str().unwrap());
    assert_eq!(reqwest::get(&photo).await.unwrap().status(), 404, "not public before the report");
    fields.push(("media_url", photo.clone()));

    // Bad reports: every problem, in the asked language.
    let mut bad = fields.clone();
    bad.retain(|(k, _)| !matches!(*k, "lat" | "long" | "attribute[tinh-trang]"));
    bad.push(("locale", "en".into()));
    let r = post_form(&server, "198.51.100.1", &pairs(&bad)).await;
    assert_eq!(r.status(), 400);
    let problems = mytho_core::open311::read_errors(&r.json().await.unwrap()).unwrap();
    assert!(problems.contains("Say where it is") && problems.contains("What is wrong with it?"), "{problems}");

    let r = post_form(&server, "198.51.100.1", &pairs(&fields)).await;
    assert_eq!(r.status(), 201);
    let Some(Posted::Id(id)) = read_posted(&r.json().await.unwrap()) else { panic!("no id") };
    let photo_answer = reqwest::get(&photo).await.unwrap();
    assert_eq!((photo_answer.status().as_u16(), header(&photo_answer, "content-type")), (200, "image/png"), "public with its report");
    // Another by address only (GPS off or refused never blocks a report), far away.
    let mut far = light("10.40", "106.30");
    far[0].1 = OPEN311_KEY.into();
    far.retain(|(k, _)| !matches!(*k, "lat" | "long"));
    far.push(("address_string", "Ấp Thới Bình, xã Thới Sơn".into()));
    assert_eq!(post_form(&server, "198.51.100.2", &pairs(&far)).await.status(), 201);

    // The public record: never the name or the phone.
    let one = server.get(&format!("/open311/v2/requests/{id}.json"), None).await.text().await.unwrap();
    assert!(!one.contains("0912345678") && !one.contains("Lan"), "{one}");
    let r = read_requests(&serde_json::from_str(&one).unwrap());
    assert_eq!((r[0].status, r[0].lat, r[0].media_url.as_deref()), (ReportStatus::Open, Some(10.3522), Some(photo.as_str())));
    assert!(server.get(&format!("/open311/v2/requests/{id}.xml"), None).await.text().await.unwrap().contains(&format!("<service_request_id>{id}</service_request_id>")));

    // Nearby: within 300 m of the centre only the first; all of them without a place filter.
    let near = read_requests(&server.get("/open311/v2/requests.json?lat=10.3525&long=106.3671&radius=300&service_code=den-duong", None).await.json().await.unwrap());
    assert_eq!(near.iter().map(|r| r.service_request_id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
    let all = read_requests(&server.get("/open311/v2/requests.json", None).await.json().await.unwrap());
    assert_eq!(all.len(), 2);
    let boxed = read_requests(&server.get("/open311/v2/requests.json?bbox=10.3,106.3,10.4,106.4", None).await.json().await.unwrap());
    assert_eq!(boxed.len(), 1, "the one by address has no point");
    assert_eq!(server.get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", None).await.status(), 400, "over 90 days");
    let by_ids = read_requests(&server.get(&format!("/open311/v2/requests.json?service_request_id={},NOPE", id.to_lowercase()), None).await.json().await.unwrap());
    assert_eq!(by_ids.len(), 1);

    // An officer closes it with a note; the public sees status and note.
    let status = format!("/api/v1/officer/reports/{id}/status");
    let change = serde_json::json!({ "status": "closed", "note": "Đã thay bóng đèn ngày 2/12" });
    assert_eq!(server.post_with(&status, &change, None).await.status(), 401);
    assert_eq!(server.post_with(&status, &serde_json::json!({ "status": "closed", "note": " " }), Some(OFFICER_TOKEN)).await.status(), 422);
    assert_eq!(server.post_with(&status, &change, Some(OFFICER_TOKEN)).await.status(), 204);
    assert_eq!(server.post_with("/api/v1/officer/reports/NOPE/status", &change, Some(OFFICER_TOKEN)).await.status(), 404);
    let r = read_requests(&server.get(&format!("/open311/v2/requests/{id}.json"), None).await.json().await.unwrap());
    assert_eq!((r[0].status, r[0].status_notes.as_deref()), (ReportStatus::Closed, Some("Đã thay bóng đèn ngày 2/12")));
    let closed = read_requests(&server.get("/open311/v2/requests.json?status=closed", None).await.json().await.unwrap());
    assert_eq!(closed.len(), 1);
    let row = server.rows("SELECT officer, note FROM report_events WHERE report_id = ?1 AND status = 'closed'", &[&id]).await;
    let (officer, note): (String, String) = (row[0].get(0).unwrap(), row[0].get(1).unwrap());
    assert_eq!((officer.as_str(), note.as_str()), ("shared-token", "Đã thay bóng đèn ngày 2/12"));
    server.stop().await;
}

#[tokio::test]
async fn posting_reports_is_limited_per_client() {
    let server = Server::start().await;
    let (_, burst) = mytho_gateway::limits::Write::Reports.allowance();
    let mut fields = light("10.3522", "106.3669");
    fields[0].1 = OPEN311_KEY.into();
    for _ in 0..burst {
        assert_eq!(post_form(&server, "198.51.100.7", &pairs(&fields)).await.status(), 201);
    }
    let r = post_form(&server, "198.51.100.7", &pairs(&fields)).await;
    assert_eq!(r.status(), 429);
    assert!(!header(&r, "retry-after").is_empty());
    assert_eq!(post_form(&server, "198.51.100.8", &pairs(&fields)).await.status(), 201, "another client is not limited");
    server.stop().await;
}

#[tokio::test]
async fn a_report_sent_again_with_its_key_is_made_once() {
    let server = Server::start().await;
    let fields = light("10.3522", "106.3669");
    let key = "report-key-0123456789abcdef";
    // The same report from two tabs at once, then again after a lost answer: one report.
    let sent = pairs(&fields);
    let (a, b) = tokio::join!(post_keyed(&server, "198.51.100.20", &sent, Some(key)), post_keyed(&server, "198.51.100.21", &sent, Some(key)));
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 201]);
    let id_of = |v: serde_json::Value| match read_posted(&v) { Some(Posted::Id(id)) => id, other => panic!("{other:?}") };
    let (a, b) = (id_of(a.json().await.unwrap()), id_of(b.json().await.unwrap()));
    assert_eq!(a, b);
    // Sent again without the contact (not kept on the device): still the same report.
    let public_only: Vec<_> = fields.iter().filter(|(k, _)| *k != "phone" && *k != "first_name").cloned().collect();
    let again = post_keyed(&server, "198.51.100.20", &pairs(&public_only), Some(key)).await;
    assert_eq!(again.status(), 200);
    assert_eq!(id_of(again.json().await.unwrap()), a);
    let count: i64 = server.one("SELECT count(*) FROM reports", &[]).await;
    assert_eq!(count, 1);

    // The key with another report is refused; a malformed key too, in the standard's error list.
    let mut other = fields.clone();
    other[4].1 = "Một việc khác".into();
    let r = post_keyed(&server, "198.51.100.20", &pairs(&other), Some(key)).await;
    assert_eq!(r.status(), 409);
    assert!(r.json::<serde_json::Value>().await.unwrap()[0]["description"].as_str().unwrap().contains("Idempotency-Key"));
    assert_eq!(post_keyed(&server, "198.51.100.20", &pairs(&fields), Some("short")).await.status(), 400);
    // Without a key, two posts are two reports (the standard's behaviour).
    assert_eq!(post_form(&server, "198.51.100.22", &pairs(&fields)).await.status(), 201);
    assert_eq!(post_form(&server, "198.51.100.22", &pairs(&fields)).await.status(), 201);
    let count: i64 = server.one("SELECT count(*) FROM reports", &[]).await;
    assert_eq!(count, 3);
    server.stop().await;
}
