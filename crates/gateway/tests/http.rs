//! The gateway over real HTTP, with a real SQLite file and a small `dist/` made for each test.

mod common;

use common::*;
use mytho_core::api::{ErrorBody, Health};
use mytho_gateway::csp;
use std::io::Read;

#[tokio::test]
async fn health_reports_the_migrated_database() {
    let server = Server::start().await;
    let r = server.get("/api/health", None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "cache-control"), "no-store");
    let health: Health = r.json().await.unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.schema_version, mytho_gateway::db::latest_version());
    if !common::postgres() {
        assert!(server.db_path.is_file(), "the database file is created under the data folder");
    }
    server.stop().await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_a_csp_that_allows_only_the_loader() {
    let server = Server::start().await;
    for path in ["/", "/hoi-dap", "/config.json", "/api/health", "/khong-co"] {
        let r = server.get(path, None).await;
        let policy = header(&r, "content-security-policy");
        let (scripts, styles) = csp::inline_hashes(&index_html());
        let (dossier_scripts, _) = csp::inline_hashes(&dossiers_html());
        let (form_scripts, _) = csp::inline_hashes(&forms_html());
        assert_eq!(scripts.len(), 1);
        assert_ne!(scripts, dossier_scripts);
        // One policy allows every bundle's loader, and nothing else.
        assert!(
            policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {} {} {};", scripts[0], dossier_scripts[0], form_scripts[0])),
            "{path}: {policy}"
        );
        assert!(policy.contains("img-src 'self' data: blob:;"), "photos are scaled from blob: addresses");
        assert!(policy.contains(&styles[0]));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert_eq!(header(&r, "x-content-type-options"), "nosniff");
        assert_eq!(header(&r, "referrer-policy"), "strict-origin-when-cross-origin");
    }
    server.stop().await;
}

#[tokio::test]
async fn assets_have_their_types_and_cache_rules() {
    let server = Server::start().await;
    let wasm = server.get("/app-0123456789abcdef_bg.wasm", None).await;
    assert_eq!(wasm.status(), 200);
    assert_eq!(header(&wasm, "content-type"), "application/wasm");
    assert_eq!(header(&wasm, "cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(wasm.bytes().await.unwrap().as_ref(), WASM);
    let js = server.get("/app-0123456789abcdef.js", None).await;
    assert!(header(&js, "content-type").starts_with("text/javascript"), "{}", header(&js, "content-type"));
    for path in ["/", "/index.html", "/config.json", "/hoi-dap"] {
        let r = server.get(path, None).await;
        assert_eq!(header(&r, "cache-control"), "no-cache", "{path}");
    }
    server.stop().await;
}

#[tokio::test]
async fn precompressed_files_are_chosen_by_accept_encoding() {
    let server = Server::start().await;
    let original = index_html();

    let r = server.get("/", Some("gzip, deflate, br")).await;
    assert_eq!(header(&r, "content-encoding"), "br");
    assert!(header(&r, "vary").to_ascii_lowercase().contains("accept-encoding"));
    let body = r.bytes().await.unwrap();
    let mut text = String::new();
    brotli::Decompressor::new(&body[..], 4096).read_to_string(&mut text).unwrap();
    assert_eq!(text, original);

    let r = server.get("/app-0123456789abcdef_bg.wasm", Some("gzip")).await;
    assert_eq!(header(&r, "content-encoding"), "gzip");
    assert_eq!(header(&r, "content-type"), "application/wasm");
    let body = r.bytes().await.unwrap();
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut raw).unwrap();
    assert_eq!(raw, WASM);

    let r = server.get("/", Some("identity")).await;
    assert_eq!(header(&r, "content-encoding"), "");
    assert_eq!(r.text().await.unwrap(), original);
    server.stop().await;
}

#[tokio::test]
async fn app_addresses_fall_back_to_the_app_and_unknown_ones_are_404() {
    let server = Server::start().await;
    // Bundles whose page is not in this build fall back to the shell's page.
    for path in ["/hoi-dap", "/tra-cuu?ma=MTS-251203-0001", "/ky-nang-so", "/du-lich/dia-diem/cho-my-tho", "/?lang=en"] {
        let r = server.get(path, None).await;
        assert_eq!(r.status(), 200, "{path}");
        assert!(header(&r, "content-type").starts_with("text/html"));
        assert_eq!(r.text().await.unwrap(), index_html(), "{path}");
    }
    // Each bundle's addresses get that bundle's page.
    for path in ["/dich-vu-cong", "/dich-vu-cong/khai-sinh?q=1"] {
        let r = server.get(path, None).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.text().await.unwrap(), dossiers_html(), "{path}");
    }
    for path in ["/dich-vu-cong/khai-sinh/nop/child", "/dich-vu-cong/ket-hon/nop/kiem-tra?tro-lai=1"] {
        let r = server.get(path, None).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.text().await.unwrap(), forms_html(), "{path}");
    }
    // The app still answers (it shows its 404 page), with the right status for people and crawlers.
    let r = server.get("/trang-khong-co", None).await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.text().await.unwrap(), index_html());
    // So does a page an area does not have, with that area's page (the core's page table decides).
    let r = server.get("/dich-vu-cong/khai-sinh/khong-co", None).await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.text().await.unwrap(), dossiers_html());
    // A missing asset is a plain 404, never HTML that a script tag would choke on.
    let r = server.get("/app-ffffffffffffffff.js", None).await;
    assert_eq!(r.status(), 404);
    assert!(!header(&r, "content-type").contains("html"));
    server.stop().await;
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s_in_both_languages() {
    let server = Server::start().await;
    for path in ["/api", "/api/nope", "/api/v1/nope", "/api/v1/nothing/123"] {
        let r = server.get(path, None).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(header(&r, "content-type"), "application/json");
        let body: ErrorBody = r.json().await.unwrap();
        assert_eq!(body.code, "not_found");
        assert!(!body.message.vi.is_empty() && !body.message.en.is_empty());
    }
    server.stop().await;
}

#[tokio::test]
async fn every_documented_operation_answers_and_no_other_method_does() {
    let server = Server::start().await;
    let r = server.get("/api/openapi.json", None).await;
    assert_eq!(r.status(), 200);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(&doc, mytho_gateway::api::document(), "the served document is the generated one");
    assert_eq!(doc["openapi"], "3.1.0");
    let client = reqwest::Client::new();
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let code = if path.contains("/drafts/") { "ABCD-EFGH-JKMN" } else { "MTS-251203-0001" };
        let concrete = path
            .replace("{id}", "khai-sinh")
            .replace("{code}", code)
            .replace("{txn_ref}", "MTS251203000101")
            .replace("{learner}", "0123456789abcdef0123456789abcdef");
        for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
            let documented = item.get(method.to_lowercase()).is_some();
            let r = client
                .request(method.parse().unwrap(), format!("{}{concrete}", server.base))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            if !documented {
                assert_eq!(status, 405, "{method} {path} answers but is not in the document");
                continue;
            }
            operations += 1;
            assert_ne!(status, 405, "{method} {path} is documented but not routed");
            let body = r.json::<ErrorBody>().await.ok();
            assert_ne!(body.map(|b| b.code).as_deref(), Some("not_found"), "{method} {path} is documented but not routed");
        }
    }
    assert!(operations >= 28, "{operations}");
    server.stop().await;
}

#[test]
fn the_published_contract_is_the_document() {
    let published = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/contract/openapi.json")).unwrap();
    let published: serde_json::Value = serde_json::from_str(&published).unwrap();
    assert!(&published == mytho_gateway::api::document(), "tests/contract/openapi.json is not the gateway's document: run `make api-contract`");
}

#[test]
fn the_readme_api_table_is_the_document() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let start = readme.find("<!-- api-table").expect("the README has the API table's markers");
    let block = &readme[start..];
    let (table, _) = block[block.find('\n').unwrap() + 1..].split_once("<!-- /api-table -->").unwrap();
    let made = mytho_gateway::http::doc::markdown_table(mytho_gateway::api::document());
    assert!(table == made, "the README's API table is not the document's: run `make api-contract`\n--- README\n{table}\n--- document\n{made}");
}

#[tokio::test]
async fn the_database_survives_a_restart_without_migrating_twice() {
    use mytho_gateway::db::{Database, Db};
    let tmp = tempfile::tempdir().unwrap();
    let database = if common::postgres() { common::new_postgres_database().await } else { Database::Sqlite(tmp.path().join("db.sqlite3")) };
    Db::open(&database).await.unwrap();
    let db = Db::open(&database).await.unwrap();
    let (version, rows) = db
        .call(|c| {
            let v = mytho_gateway::db::version(c)?;
            let n: i64 = c.query_row("SELECT count(*) FROM gateway_meta WHERE key = 'created_at'", [], |r| r.get(0))?;
            Ok((v, n))
        })
        .await
        .unwrap();
    assert_eq!(version, mytho_gateway::db::latest_version());
    assert_eq!(rows, 1, "the first migration ran once");
    // A database from a newer gateway is refused rather than damaged.
    db.call(|c| {
        if c.is_postgres() {
            c.execute("UPDATE gateway_meta SET value = '999' WHERE key = 'schema_version'", [])?;
        } else {
            c.execute("PRAGMA user_version = 999", [])?;
        }
        Ok(())
    })
    .await
    .unwrap();
    drop(db);
    let err = Db::open(&database).await.err().unwrap();
    assert!(err.contains("newer than this gateway"), "{err}");
}

#[tokio::test]
async fn faq_feedback_is_stored_for_real_topics_only() {
    let server = Server::start().await;
    let good = serde_json::to_string(&mytho_core::api::FaqFeedback {
        topic_id: "khai-sinh".into(),
        helpful: true,
        lang: mytho_core::i18n::Lang::Vi,
    })
    .unwrap();
    let r = server.post("/api/v1/faq/feedback", &good).await;
    assert_eq!(r.status(), 204);
    let r = server.post("/api/v1/faq/feedback", r#"{"topic_id":"khai-tu","helpful":false,"lang":"en"}"#).await;
    assert_eq!(r.status(), 204);

    let r = server.post("/api/v1/faq/feedback", r#"{"topic_id":"xo-so","helpful":true,"lang":"vi"}"#).await;
    assert_eq!(r.status(), 422);
    let body: ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "unknown_topic");

    for bad in ["{", r#"{"topic_id":"khai-sinh","helpful":"yes","lang":"vi"}"#, r#"{"topic_id":"khai-sinh","helpful":true,"lang":"vi","query":"my ID 0791"}"#] {
        let r = server.post("/api/v1/faq/feedback", bad).await;
        assert_eq!(r.status(), 400, "{bad}");
        let body: ErrorBody = r.json().await.unwrap();
        assert_eq!(body.code, "bad_request");
        assert!(!body.message.vi.is_empty());
    }

    // Read back from the database itself.
    let rows: Vec<(String, bool, String)> = server
        .rows("SELECT topic_id, helpful, lang FROM faq_feedback ORDER BY id", &[])
        .await
        .iter()
        .map(|r| (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap()))
        .collect();
    assert_eq!(rows, vec![("khai-sinh".into(), true, "vi".into()), ("khai-tu".into(), false, "en".into())]);
    server.stop().await;
}

#[tokio::test]
async fn the_procedure_catalogue_is_served_from_the_database() {
    let server = Server::start().await;
    let r = server.get("/api/v1/procedures", None).await;
    assert_eq!(r.status(), 200);
    let list: mytho_core::procedures::ProcedureList = r.json().await.unwrap();
    assert_eq!(list.procedures.len(), 7);
    assert!(list.procedures.iter().all(|p| list.fields.iter().any(|f| f.id == p.field)));
    assert_eq!(list.procedures[0].id, "khai-sinh");

    let r = server.get("/api/v1/procedures/xac-nhan-hon-nhan", None).await;
    assert_eq!(r.status(), 200);
    let p: mytho_core::procedures::Procedure = r.json().await.unwrap();
    assert_eq!(p.code.as_deref(), Some("1.004873"));
    assert!(p.aliases.iter().any(|a| a == "giấy độc thân"));
    assert!(!p.legal_basis.is_empty() && !p.papers.is_empty());

    let r = server.get("/api/v1/procedures/khong-co", None).await;
    assert_eq!(r.status(), 404);
    let body: ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "procedure_not_found");

    // Stored in the database, not only held in memory.
    let n: i64 = server.one("SELECT count(*) FROM procedures", &[]).await;
    assert_eq!(n, 7);
    server.stop().await;
}

fn single_status_answers(id_number: &str) -> serde_json::Value {
    serde_json::json!({
        "name": "Trần Thị Bình", "dob.day": "5", "dob.month": "3", "dob.year": "1995", "sex": "female",
        "id_number": id_number, "history": "divorced", "divorce_ref": "12/2020/QĐST-HNGĐ",
        "purpose": "marriage", "phone": "0912 345 678"
    })
}

fn submission(key: &str, id_number: &str) -> serde_json::Value {
    serde_json::json!({ "procedure_id": "xac-nhan-hon-nhan", "idempotency_key": key, "answers": single_status_answers(id_number) })
}

#[tokio::test]
async fn a_dossier_is_submitted_once_per_key_tracked_with_a_second_factor_and_moved_by_an_officer() {
    use mytho_core::dossier::{Receipt, Status, Tracking};
    let server = Server::start().await;
    let key = "k-0123456789abcdef";

    // Invalid answers: refused with the core's own messages, per field, in both languages.
    let r = server.post_with("/api/v1/dossiers", &submission(key, "08219512345"), None).await;
    assert_eq!(r.status(), 422);
    let body: mytho_core::api::ErrorBody = r.json().await.unwrap();
    assert_eq!(body.fields.len(), 1);
    assert_eq!(body.fields[0].target, "id_number");
    assert_eq!(body.fields[0].message.vi, "Số định danh cá nhân có 12 chữ số; bạn đã nhập 11");
    assert_eq!(body.fields[0].message.en, "Personal ID number has 12 digits; you entered 11");

    // Accepted; the same key and body again (a lost response, a double tap) gives the same dossier.
    let r = server.post_with("/api/v1/dossiers", &submission(key, "082195123456"), None).await;
    assert_eq!(r.status(), 201);
    let receipt: Receipt = r.json().await.unwrap();
    assert_eq!(mytho_core::dossier::normalize_code(&receipt.code).as_deref(), Some(receipt.code.as_str()));
    let today = mytho_gateway::dossiers::today();
    let prefix = format!("MTS-{:02}{:02}{:02}-", today.year % 100, today.month, today.day);
    let random = receipt.code.strip_prefix(&prefix).expect("agency and date, then the random part");
    assert!(random.len() == 6 && random.bytes().all(|b| mytho_core::dossier::RESUME_ALPHABET.contains(&b)), "{random}");
    assert_eq!(receipt.status, Status::Submitted);
    assert_eq!(receipt.appointment, today.add_working_days(3).iso());
    let first_key = receipt.access_key.clone().expect("the access key comes with the receipt");
    assert!(mytho_core::dossier::normalize_access_key(&first_key).is_some(), "{first_key}");
    let again = server.post_with("/api/v1/dossiers", &submission(key, "082195123456"), None).await;
    assert_eq!(again.status(), 200);
    let again: Receipt = again.json().await.unwrap();
    assert_eq!(Receipt { access_key: None, ..again.clone() }, Receipt { access_key: None, ..receipt.clone() });
    // The first answer may never have arrived: the replay carries a new key, and the old one is void.
    let access_key = again.access_key.clone().unwrap();
    assert_ne!(access_key, first_key);
    // A different body under a used key is refused, not silently merged.
    let mut other = submission(key, "082195123456");
    other["answers"]["name"] = "Người khác".into();
    let r = server.post_with("/api/v1/dossiers", &other, None).await;
    assert_eq!(r.status(), 409);
    let n: i64 = server.one("SELECT count(*) FROM dossiers", &[]).await;
    assert_eq!(n, 1);
    let stored_phone: String = server.one("SELECT phone FROM dossiers", &[]).await;
    assert_eq!(stored_phone, "+84912345678");
    let stored_key: String = server.one("SELECT access_key_hash FROM dossiers", &[]).await;
    assert!(!stored_key.contains(&access_key) && stored_key.len() == 64, "only a hash of the key is kept");

    // Tracking needs the phone's last four digits, in a header (never the URL); a wrong guess looks like
    // an unknown code, and digits in the URL count for nothing.
    let path = format!("/api/v1/dossiers/{}", receipt.code);
    assert_eq!(server.get(&path, None).await.status(), 401);
    assert_eq!(server.get(&format!("{path}?phone_last4=5678"), None).await.status(), 401);
    assert_eq!(server.get_h(&path, &[(L4, "0000")]).await.status(), 404);
    let r = server.get_h(&path.to_lowercase(), &[(L4, "56 78")]).await;
    assert_eq!(r.status(), 200);
    let t: Tracking = r.json().await.unwrap();
    assert_eq!(t.status, Status::Submitted);
    assert_eq!(t.procedure_name.vi, "Cấp giấy xác nhận tình trạng hôn nhân");
    assert_eq!(t.timeline.len(), 1);

    // The officer API: token required, reasons required, only allowed moves.
    let status = format!("/api/v1/officer/dossiers/{}/status", receipt.code);
    let r = server.post_with(&status, &serde_json::json!({ "status": "received" }), None).await;
    assert_eq!(r.status(), 401);
    let r = server.post_with(&status, &serde_json::json!({ "status": "result_ready" }), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 409);
    let r = server.post_with(&status, &serde_json::json!({ "status": "received" }), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 200);
    let r = server.post_with(&status, &serde_json::json!({ "status": "awaiting_supplement" }), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 422);
    let note = serde_json::json!({ "vi": "Cần bản sao bản án ly hôn", "en": "A copy of the divorce judgment is needed" });
    let r = server.post_with(&status, &serde_json::json!({ "status": "awaiting_supplement", "note": note }), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 200);
    let t: Tracking = server.get_h(&path, &[(L4, "5678")]).await.json().await.unwrap();
    assert_eq!(t.status, Status::AwaitingSupplement);
    let statuses: Vec<Status> = t.timeline.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [Status::Submitted, Status::Received, Status::AwaitingSupplement]);
    assert_eq!(t.timeline[2].note.as_ref().unwrap().vi, "Cần bản sao bản án ly hôn");
    assert!(t.timeline.iter().all(|e| e.at.ends_with('Z')));

    // The stored answers (personal data) need the access key: the second factor is not enough, nor is
    // the key nobody received.
    assert_eq!(server.get_h(&format!("{path}/answers"), &[(L4, "5678")]).await.status(), 401);
    assert_eq!(server.get_h(&format!("{path}/answers"), &[(KEY, &first_key)]).await.status(), 403);
    // The citizen opens the stored answers, prefilled (dates split again), fixes one and resubmits.
    let typed = access_key.to_lowercase().replace('-', " ");
    let stored: mytho_core::dossier::StoredAnswers =
        server.get_h(&format!("{path}/answers"), &[(KEY, &typed)]).await.json().await.unwrap();
    assert_eq!(stored.answers["dob.day"], "5");
    assert_eq!(stored.answers["phone"], "+84912345678");
    let mut answers = stored.answers.clone();
    answers.insert("divorce_ref".into(), "".into());
    let supplement = |answers: &mytho_core::forms::Answers| serde_json::json!({ "answers": answers });
    let r = server.post_h(&format!("{path}/supplement"), &supplement(&answers), &[(L4, "5678")]).await;
    assert_eq!(r.status(), 401, "no supplement with the second factor alone");
    let r = server.post_h(&format!("{path}/supplement"), &supplement(&answers), &[(KEY, &access_key)]).await;
    assert_eq!(r.status(), 422, "the same rules apply to a supplement");
    answers.insert("divorce_ref".into(), "15/2020/QĐST-HNGĐ".into());
    let r = server.post_h(&format!("{path}/supplement"), &supplement(&answers), &[(KEY, &access_key)]).await;
    assert_eq!(r.status(), 200);
    let t: Tracking = server.get_h(&path, &[(L4, "5678")]).await.json().await.unwrap();
    assert_eq!(t.status, Status::Processing);
    let again = server.post_h(&format!("{path}/supplement"), &supplement(&answers), &[(KEY, &access_key)]).await;
    assert_eq!(again.status(), 409);
    // The officer who did each move is recorded; the citizen's timeline shows only the office.
    let officers: Vec<String> =
        server.rows("SELECT officer FROM dossier_events WHERE officer IS NOT NULL ORDER BY id", &[]).await.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(officers, ["shared-token", "shared-token"]);
    let tracked = server.get_h(&path, &[(L4, "5678")]).await.text().await.unwrap();
    assert!(!tracked.contains("shared-token"));
    server.stop().await;
}

#[tokio::test]
async fn the_officer_api_takes_no_credential_without_officers_and_unknown_things_are_clear() {
    let server = Server::start_with(None).await;
    let r = server.post_with("/api/v1/officer/dossiers/MTS-251203-0001/status", &serde_json::json!({ "status": "received" }), Some("x")).await;
    assert_eq!(r.status(), 401);
    // Every seeded procedure has a form; a city may list one that is not (yet) online.
    let without_form = if common::postgres() { "CAST(CAST(data AS jsonb) - 'form' AS TEXT)" } else { "json_remove(data, '$.form')" };
    server.exec(&format!("UPDATE procedures SET data = {without_form} WHERE id = 'chung-thuc-ban-sao'"), &[]).await;
    let mut s = submission("k-fedcba9876543210", "082195123456");
    s["procedure_id"] = "chung-thuc-ban-sao".into();
    let r = server.post_with("/api/v1/dossiers", &s, None).await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.json::<ErrorBody>().await.unwrap().code, "not_online");
    let r = server.post_with("/api/v1/dossiers", &submission("short", "082195123456"), None).await;
    assert_eq!(r.status(), 422, "a body field that breaks its rule");
    assert_eq!(server.get_h("/api/v1/dossiers/not-a-code", &[(L4, "1234")]).await.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn wards_are_found_by_old_names() {
    let server = Server::start().await;
    let hits: Vec<mytho_core::wards::WardHit> =
        server.get("/api/v1/wards?q=t%C3%A2n%20m%E1%BB%B9%20ch%C3%A1nh", None).await.json().await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].name, "Phường Mỹ Phong");
    assert_eq!(hits[0].code, "28273");
    assert_eq!(hits[0].via_old_name.as_deref(), Some("Xã Tân Mỹ Chánh"));
    assert_eq!(hits[0].list_date, "2025-07-01");
    let all: Vec<mytho_core::wards::WardHit> = server.get("/api/v1/wards", None).await.json().await.unwrap();
    assert_eq!(all.len(), 102);
    // Three towns had a Phường 5; the city's own ward (config.json's `home`) comes first.
    let p5: Vec<mytho_core::wards::WardHit> = server.get("/api/v1/wards?q=phuong%205", None).await.json().await.unwrap();
    assert!(p5.len() > 1);
    assert_eq!((p5[0].name.as_str(), p5[0].home), ("Phường Đạo Thạnh", true));
    assert!(p5[1..].iter().all(|h| !h.home));
    server.stop().await;
}

/// Submits a permanent-residence dossier (fee 10,000 đ online) and returns its code.
async fn residence_dossier(server: &Server, key: &str) -> String {
    let r = server.post_with("/api/v1/dossiers", &common::residence_body(key, "12 Hùng Vương"), None).await;
    assert_eq!(r.status(), 201);
    r.json::<mytho_core::dossier::Receipt>().await.unwrap().code
}

fn signed(params: &[(&str, String)]) -> String {
    let map: std::collections::BTreeMap<String, String> = params.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let hash = mytho_gateway::vnpay::sign(VNPAY_SECRET, &map);
    format!("{}&vnp_SecureHash={hash}", mytho_gateway::vnpay::signing_query(&map))
}

#[tokio::test]
async fn a_ward_must_be_one_of_todays_and_keeps_its_official_name() {
    let server = Server::start().await;
    let body = |ward: &str, key: &str| serde_json::json!({
        "procedure_id": "thuong-tru", "idempotency_key": key,
        "answers": {
            "name": "Phạm Văn Hùng", "dob.day": "10", "dob.month": "8", "dob.year": "1990", "sex": "male",
            "id_number": "082090123456", "address": "12 Hùng Vương", "ward": ward, "ward.name": "Tên do trình duyệt gửi",
            "basis": "owner", "phone": "0987 654 321"
        }
    });
    let r = server.post_with("/api/v1/dossiers", &body("99999", "k-ward-000000000000001"), None).await;
    assert_eq!(r.status(), 422);
    let problem: mytho_core::api::ErrorBody = r.json().await.unwrap();
    assert_eq!(problem.fields[0].field, "ward");
    assert!(problem.fields[0].message.vi.contains("danh sách phường, xã"));
    let r = server.post_with("/api/v1/dossiers", &body("28273", "k-ward-000000000000002"), None).await;
    assert_eq!(r.status(), 201);
    let receipt = r.json::<mytho_core::dossier::Receipt>().await.unwrap();
    let stored: mytho_core::dossier::StoredAnswers = server
        .get_h(&format!("/api/v1/dossiers/{}/answers", receipt.code), &[(KEY, receipt.access_key.as_deref().unwrap())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(stored.answers["ward.name"], "Phường Mỹ Phong", "the name comes from the list, not the client");
    server.stop().await;
}

#[tokio::test]
async fn an_expired_payment_is_started_afresh() {
    use mytho_core::payment::{PaymentStarted, PaymentState, PaymentStatus};
    let server = Server::start().await;
    let code = residence_dossier(&server, "k-pay-expired-00000001").await;
    let start = serde_json::json!({ "phone_last4": "4321", "method": "vnpay", "lang": "vi" });
    let first: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await.json().await.unwrap();
    // The provider's window closed (its expiry is Việt Nam time, yyyymmddHHMMSS).
    server.exec("UPDATE payments SET expires_at = '20000101000000' WHERE txn_ref = ?1", &[&first.txn_ref]).await;
    let second: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await.json().await.unwrap();
    assert_ne!(second.txn_ref, first.txn_ref, "a new payment, with its own reference");
    assert_eq!((second.status, second.amount_vnd), (PaymentStatus::Pending, 10_000));
    let listed: Vec<PaymentState> = server.get_h(&format!("/api/v1/dossiers/{code}/payments"), &[(L4, "4321")]).await.json().await.unwrap();
    assert_eq!(listed.len(), 2);
    server.stop().await;
}

#[tokio::test]
async fn vnpay_ipn_answers_every_case_and_marks_paid_once() {
    use mytho_core::payment::{IpnReply, PaymentStarted, PaymentState, PaymentStatus};
    let server = Server::start().await;
    let code = residence_dossier(&server, "k-pay-0000000000000001").await;
    let start = serde_json::json!({ "phone_last4": "4321", "method": "vnpay", "lang": "vi" });
    let r = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await;
    assert_eq!(r.status(), 200);
    let started: PaymentStarted = r.json().await.unwrap();
    assert_eq!(started.amount_vnd, 10_000, "the amount comes from the procedure");
    let url = started.pay_url.clone().unwrap();
    assert!(url.starts_with(&format!("{}/simulator/vnpay/pay?", server.base)));
    let sent = mytho_gateway::vnpay::parse_query(url.split_once('?').unwrap().1);
    assert_eq!(sent["vnp_Amount"], "1000000");
    assert!(mytho_gateway::vnpay::verify(VNPAY_SECRET, &sent));
    // Tapping twice gives the same pending payment.
    let again: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await.json().await.unwrap();
    assert_eq!(again.txn_ref, started.txn_ref);

    async fn ipn_of(server: &Server, q: String) -> String {
        let r = server.get(&format!("/api/v1/payments/vnpay/ipn?{q}"), None).await;
        assert_eq!(r.status(), 200);
        r.json::<IpnReply>().await.unwrap().rsp_code
    }
    let ipn = |q: String| ipn_of(&server, q);
    let txn = started.txn_ref.clone();
    let good = |amount: &str, txn: &str| {
        signed(&[
            ("vnp_Amount", amount.into()), ("vnp_ResponseCode", "00".into()), ("vnp_TransactionStatus", "00".into()),
            ("vnp_TxnRef", txn.into()), ("vnp_TmnCode", "MYTHOSO1".into()),
        ])
    };
    assert_eq!(ipn(good("1000000", &txn).replace("vnp_Amount=1000000", "vnp_Amount=1000001")).await, "97");
    assert_eq!(ipn(good("1000000", "MTS9999999999").to_string()).await, "01");
    assert_eq!(ipn(good("100000", &txn)).await, "04");
    // A tampered return address never shows "paid", and reading it changes nothing.
    let tampered = good("1000000", &txn).replace("vnp_ResponseCode=00", "vnp_ResponseCode=01");
    assert_eq!(server.get(&format!("/api/v1/payments/vnpay/return?{tampered}"), None).await.status(), 403);
    let before: PaymentState = server.get(&format!("/api/v1/payments/vnpay/return?{}", good("1000000", &txn)), None).await.json().await.unwrap();
    assert_eq!(before.status, PaymentStatus::Pending, "the return page alone never marks paid");
    assert_eq!(ipn(good("1000000", &txn)).await, "00");
    assert_eq!(ipn(good("1000000", &txn)).await, "02");
    let after: PaymentState = server.get(&format!("/api/v1/payments/vnpay/return?{}", good("1000000", &txn)), None).await.json().await.unwrap();
    assert_eq!(after.status, PaymentStatus::Paid);
    let paid: i64 = server.one("SELECT count(*) FROM payments WHERE status = 'paid'", &[]).await;
    assert_eq!(paid, 1);
    let r = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await;
    assert_eq!(r.status(), 409, "no second charge once paid");
    // The app reads what was recorded, with the second factor only.
    let listed: Vec<PaymentState> = server.get_h(&format!("/api/v1/dossiers/{code}/payments"), &[(L4, "4321")]).await.json().await.unwrap();
    assert_eq!(listed.len(), 1);
    let tracked: mytho_core::dossier::Tracking = server.get_h(&format!("/api/v1/dossiers/{code}"), &[(L4, "4321")]).await.json().await.unwrap();
    assert_eq!((tracked.fee_vnd, tracked.payment), (Some(10_000), Some(PaymentStatus::Paid)), "paid shows when tracking");
    let paid_entries: Vec<_> = tracked.timeline.iter().filter(|e| e.paid_vnd.is_some()).collect();
    assert_eq!(paid_entries.len(), 1, "the payment is on the timeline once");
    assert_eq!(paid_entries[0].paid_vnd, Some(10_000));
    assert!(listed[0].paid_at.as_deref().is_some_and(|t| t.ends_with('Z')));
    assert_eq!((listed[0].txn_ref.as_str(), listed[0].status), (txn.as_str(), PaymentStatus::Paid));
    assert_eq!(server.get_h(&format!("/api/v1/dossiers/{code}/payments"), &[(L4, "0000")]).await.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn the_simulator_behaves_like_the_provider() {
    use mytho_core::payment::{PaymentStarted, PaymentState, PaymentStatus};
    let server = Server::start().await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let code = residence_dossier(&server, "k-pay-0000000000000002").await;
    let start = serde_json::json!({ "phone_last4": "4321", "method": "vnpay", "lang": "vi" });
    let started: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await.json().await.unwrap();
    let url = started.pay_url.unwrap();
    let page = client.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("10000 đ") && html.contains(&code));
    let q = url.split_once('?').unwrap().1.to_string();

    // Cancel first: recorded as cancelled, and the citizen can start again.
    let r = client.post(format!("{}/simulator/vnpay/pay", server.base)).form(&[("q", q.as_str()), ("outcome", "cancel")]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("{}/thanh-toan/ket-qua?", server.base)));
    let shown: PaymentState = server.get(&format!("/api/v1/payments/vnpay/return?{}", back.split_once('?').unwrap().1), None).await.json().await.unwrap();
    assert_eq!((shown.status, shown.response_code.as_deref()), (PaymentStatus::Cancelled, Some("24")));

    let retry: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await.json().await.unwrap();
    assert_ne!(retry.txn_ref, started.txn_ref);
    let q = retry.pay_url.unwrap().split_once('?').unwrap().1.to_string();
    let r = client.post(format!("{}/simulator/vnpay/pay", server.base)).form(&[("q", q.as_str()), ("outcome", "success")]).send().await.unwrap();
    let back = r.headers()["location"].to_str().unwrap().to_string();
    let shown: PaymentState = server.get(&format!("/api/v1/payments/vnpay/return?{}", back.split_once('?').unwrap().1), None).await.json().await.unwrap();
    assert_eq!(shown.status, PaymentStatus::Paid);
    // A forged order is refused by the simulator too.
    let forged = q.replace("vnp_Amount=1000000", "vnp_Amount=100");
    assert_eq!(client.get(format!("{}/simulator/vnpay/pay?{forged}", server.base)).send().await.unwrap().status(), 400);
    server.stop().await;
}

#[tokio::test]
async fn a_vietqr_transfer_stays_pending_until_the_treasury_confirms() {
    use mytho_core::payment::{PaymentStarted, PaymentState, PaymentStatus};
    let server = Server::start().await;
    let code = residence_dossier(&server, "k-pay-0000000000000003").await;
    let start = serde_json::json!({ "phone_last4": "4321", "method": "vietqr", "lang": "vi" });
    let started: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &start, None).await.json().await.unwrap();
    let transfer = started.transfer.unwrap();
    assert!(mytho_core::vietqr::verify(&transfer.payload));
    assert!(transfer.payload.contains(&code), "the dossier code is the transfer purpose");
    assert_eq!((transfer.bank_bin.as_str(), transfer.amount_vnd), ("970436", 10_000));
    assert_eq!(started.status, PaymentStatus::Pending);
    let confirm = format!("/api/v1/officer/payments/{}/received", started.txn_ref);
    assert_eq!(server.post_with(&confirm, &serde_json::json!({}), None).await.status(), 401);
    let r = server.post_with(&confirm, &serde_json::json!({}), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<PaymentState>().await.unwrap().status, PaymentStatus::Paid);
    assert_eq!(server.post_with(&confirm, &serde_json::json!({}), Some(OFFICER_TOKEN)).await.status(), 409);
    // A free procedure has nothing to pay.
    let free = server.post_with("/api/v1/dossiers/MTS-000000-0000/payments", &start, None).await;
    assert_eq!(free.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn a_draft_continues_on_another_device_with_its_resume_code_until_deleted() {
    use mytho_core::dossier::{DraftSaved, SaveDraft};
    let server = Server::start().await;
    let draft = serde_json::json!({ "procedure_id": "khai-sinh", "step": "mother", "answers": { "child_name": "Nguyễn Minh Khang" } });
    let r = server.post_with("/api/v1/drafts", &draft, None).await;
    assert_eq!(r.status(), 201);
    let saved: DraftSaved = r.json().await.unwrap();
    assert!(mytho_core::dossier::normalize_resume_code(&saved.resume_code).as_deref() == Some(saved.resume_code.as_str()));
    let other: DraftSaved = server.post_with("/api/v1/drafts", &draft, None).await.json().await.unwrap();
    assert_ne!(other.resume_code, saved.resume_code);

    // Typed on the other phone, in lower case with spaces.
    let typed = saved.resume_code.to_lowercase().replace('-', " ");
    let r = server.get(&format!("/api/v1/drafts/{}", typed.replace(' ', "%20")), None).await;
    assert_eq!(r.status(), 200);
    let back: SaveDraft = r.json().await.unwrap();
    assert_eq!((back.step.as_str(), back.answers["child_name"].as_str()), ("mother", "Nguyễn Minh Khang"));

    let path = format!("/api/v1/drafts/{}", saved.resume_code);
    let r = reqwest::Client::new().delete(format!("{}{path}", server.base)).send().await.unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(server.get(&path, None).await.status(), 404);

    // Expired drafts are gone.
    server.exec("UPDATE drafts SET expires_at = '2000-01-01T00:00:00Z'", &[]).await;
    assert_eq!(server.get(&format!("/api/v1/drafts/{}", other.resume_code), None).await.status(), 404);
    server.stop().await;
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size_on_the_server_too() {
    let server = Server::start().await;
    let send = |mime: &'static str, body: Vec<u8>| {
        reqwest::Client::new().post(format!("{}/api/v1/uploads", server.base)).header("content-type", mime).body(body).send()
    };
    let mut jpeg = b"\xFF\xD8\xFF\xE0".to_vec();
    jpeg.extend(std::iter::repeat_n(7u8, 2000));
    let r = send("image/jpeg", jpeg.clone()).await.unwrap();
    assert_eq!(r.status(), 201);
    let up: mytho_core::dossier::Uploaded = r.json().await.unwrap();
    assert_eq!((up.mime.as_str(), up.bytes, up.id.len()), ("image/jpeg", 2004, 32));
    let stored: Vec<u8> = server.one("SELECT data FROM uploads WHERE id = ?1", &[&up.id]).await;
    assert_eq!(stored, jpeg);

    // A program renamed to .pdf, a JPEG sent as PDF, an empty file, a file over 5 MB.
    let r = send("application/pdf", b"MZ\x90\0".to_vec()).await.unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.json::<ErrorBody>().await.unwrap().message.vi.contains("chỉ nhận ảnh"));
    assert_eq!(send("application/pdf", jpeg).await.unwrap().status(), 422);
    assert_eq!(send("image/png", vec![]).await.unwrap().status(), 422);
    let mut huge = b"%PDF-".to_vec();
    huge.resize(mytho_core::validate::upload::MAX_BYTES + 10, b' ');
    assert_eq!(send("application/pdf", huge).await.unwrap().status(), 413);

    // Files no dossier used are swept after LOOSE_DAYS as new ones arrive; a dossier's files stay.
    let old = format!("-{} days", mytho_gateway::uploads::LOOSE_DAYS + 1);
    let recent = format!("-{} days", mytho_gateway::uploads::LOOSE_DAYS - 1);
    let file = vec![0u8];
    let loose = "INSERT INTO uploads (id, mime, bytes, data, created_at, dossier_code) VALUES (?1, 'image/png', 1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3), ?4)";
    server.exec(loose, &[&"a", &file, &old, &None::<String>]).await;
    server.exec(loose, &[&"b", &file, &recent, &None::<String>]).await;
    server.exec(loose, &[&"c", &file, &old, &Some("MTS-000101-0001")]).await;
    let mut jpeg = b"\xFF\xD8\xFF\xE0".to_vec();
    jpeg.extend(std::iter::repeat_n(8u8, 100));
    assert_eq!(send("image/jpeg", jpeg).await.unwrap().status(), 201);
    let left: Vec<String> = server.rows("SELECT id FROM uploads WHERE length(id) = 1 ORDER BY id", &[]).await.iter().map(|r| r.get(0).unwrap()).collect();
    assert_eq!(left, ["b", "c"]);
    assert!(server.one::<i64>("SELECT count(*) FROM uploads WHERE id = ?1", &[&up.id]).await == 1, "a fresh file stays");
    server.stop().await;
}

fn death_answers(notice: &str) -> serde_json::Value {
    serde_json::json!({
        "deceased_name": "Lê Văn Tư", "deceased_dob.day": "2", "deceased_dob.month": "9", "deceased_dob.year": "1945",
        "deceased_sex": "male", "last_ward": "28249", "death_date.day": "1", "death_date.month": "11", "death_date.year": "2026",
        "death_place": "Bệnh viện Đa khoa Trung tâm Tiền Giang", "death_cause": "Tuổi già",
        "death_notice": notice, "death_notice.name": "giay-bao-tu.jpg", "death_notice.size": "1",
        "requester_name": "Lê Thị Năm", "requester_id": "082175123456", "relationship": "con", "phone": "0912 000 111"
    })
}

#[tokio::test]
async fn attachments_belong_to_the_dossier_that_uses_them_and_only_officers_open_them() {
    let server = Server::start().await;
    let upload = || async {
        let mut jpeg = b"\xFF\xD8\xFF\xE0".to_vec();
        jpeg.extend(std::iter::repeat_n(9u8, 3000));
        let r = reqwest::Client::new().post(format!("{}/api/v1/uploads", server.base)).header("content-type", "image/jpeg").body(jpeg).send().await.unwrap();
        assert_eq!(r.status(), 201);
        r.json::<mytho_core::dossier::Uploaded>().await.unwrap().id
    };
    let submit = |key: &str, notice: &str| serde_json::json!({ "procedure_id": "khai-tu", "idempotency_key": key, "answers": death_answers(notice) });

    // A missing or made-up attachment is refused with the field's message.
    let mut missing = submit("k-attach-000000001", "");
    missing["answers"].as_object_mut().unwrap().remove("death_notice");
    let r = server.post_with("/api/v1/dossiers", &missing, None).await;
    assert_eq!(r.status(), 422);
    let body: mytho_core::api::ErrorBody = r.json().await.unwrap();
    assert_eq!(body.fields[0].message.vi, "Giấy báo tử: hãy đính kèm ảnh chụp hoặc tệp PDF");
    let r = server.post_with("/api/v1/dossiers", &submit("k-attach-000000002", "0123456789abcdef0123456789abcdef"), None).await;
    assert_eq!(r.status(), 422, "an id the server never gave out");

    // A real upload: accepted, its size taken from what the server holds, linked to the dossier.
    let id = upload().await;
    let r = server.post_with("/api/v1/dossiers", &submit("k-attach-000000003", &id), None).await;
    assert_eq!(r.status(), 201);
    let receipt = r.json::<mytho_core::dossier::Receipt>().await.unwrap();
    let code = receipt.code.clone();
    let row = server.rows("SELECT u.dossier_code, d.answers FROM uploads u JOIN dossiers d ON d.code = u.dossier_code WHERE u.id = ?1", &[&id]).await;
    let (owner, answers): (String, String) = (row[0].get(0).unwrap(), row[0].get(1).unwrap());
    assert_eq!(owner, code);
    let answers: serde_json::Value = serde_json::from_str(&answers).unwrap();
    assert_eq!(answers["death_notice.size"], "3004");
    assert_eq!(answers["last_ward.name"], "Phường Đạo Thạnh");

    // Another dossier cannot borrow it.
    let r = server.post_with("/api/v1/dossiers", &submit("k-attach-000000004", &id), None).await;
    assert_eq!(r.status(), 422);

    // The officer opens it as a download; nobody else can, and not through another dossier.
    let path = format!("/api/v1/officer/dossiers/{code}/attachments/{id}");
    let open = |path: String, token: Option<&'static str>| {
        let mut req = reqwest::Client::new().get(format!("{}{path}", server.base));
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        req.send()
    };
    assert_eq!(open(path.clone(), None).await.unwrap().status(), 401);
    let r = open(path.clone(), Some(OFFICER_TOKEN)).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-type"), "image/jpeg");
    assert_eq!(header(&r, "content-disposition"), "attachment");
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");
    assert_eq!(r.bytes().await.unwrap().len(), 3004);
    let downloads: i64 = server.one("SELECT count(*) FROM officer_actions WHERE officer = 'shared-token' AND action LIKE 'download:%' AND target = ?1", &[&code]).await;
    assert_eq!(downloads, 1, "who opened a citizen's papers is recorded");
    let elsewhere = format!("/api/v1/officer/dossiers/MTS-000101-0001/attachments/{id}");
    assert_eq!(open(elsewhere, Some(OFFICER_TOKEN)).await.unwrap().status(), 404);

    // A supplement keeps its own attachment, or replaces it with a new one.
    let status = format!("/api/v1/officer/dossiers/{code}/status");
    assert_eq!(server.post_with(&status, &serde_json::json!({ "status": "received" }), Some(OFFICER_TOKEN)).await.status(), 200);
    let note = serde_json::json!({ "vi": "Ảnh giấy báo tử bị mờ", "en": "The death notice photo is blurred" });
    let r = server.post_with(&status, &serde_json::json!({ "status": "awaiting_supplement", "note": note }), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 200);
    let newer = upload().await;
    let key = receipt.access_key.clone().unwrap();
    let r = server.post_h(&format!("/api/v1/dossiers/{code}/supplement"), &serde_json::json!({ "answers": death_answers(&newer) }), &[(KEY, &key)]).await;
    assert_eq!(r.status(), 200);
    let owner: String = server.one("SELECT dossier_code FROM uploads WHERE id = ?1", &[&newer]).await;
    assert_eq!(owner, code);
    server.stop().await;
}

#[tokio::test]
async fn certified_copies_are_charged_by_page_and_the_fee_is_fixed_at_submission() {
    let server = Server::start().await;
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend(std::iter::repeat_n(b' ', 500));
    let r = reqwest::Client::new().post(format!("{}/api/v1/uploads", server.base)).header("content-type", "application/pdf").body(pdf).send().await.unwrap();
    let scan = r.json::<mytho_core::dossier::Uploaded>().await.unwrap().id;
    let body = serde_json::json!({
        "procedure_id": "chung-thuc-ban-sao", "idempotency_key": "k-copies-00000001",
        "answers": {
            "document_name": "Bằng tốt nghiệp trung học phổ thông", "pages": "10", "copies": "3", "scan": scan,
            "scan.name": "bang.pdf", "requester_name": "Phan Văn Sáu", "requester_id": "082090123456", "phone": "0912 345 600"
        }
    });
    let r = server.post_with("/api/v1/dossiers", &body, None).await;
    assert_eq!(r.status(), 201);
    let receipt: mytho_core::dossier::Receipt = r.json().await.unwrap();
    // 2 pages at 2,000 đ and 8 at 1,000 đ, three copies.
    assert_eq!(receipt.fee_vnd, Some(36_000));
    let t: mytho_core::dossier::Tracking =
        server.get_h(&format!("/api/v1/dossiers/{}", receipt.code), &[(L4, "5600")]).await.json().await.unwrap();
    assert_eq!(t.fee_vnd, Some(36_000));
    let start = serde_json::json!({ "phone_last4": "5600", "method": "vietqr", "lang": "vi" });
    let r = server.post_with(&format!("/api/v1/dossiers/{}/payments", receipt.code), &start, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<mytho_core::payment::PaymentStarted>().await.unwrap().amount_vnd, 36_000);
    server.stop().await;
}

#[tokio::test]
async fn a_class_is_started_joined_followed_closed_and_exported_by_its_trainer_only() {
    use mytho_core::classes::{ClassStarted, Dashboard, Joined};
    let server = Server::start().await;
    let r = server.post_with("/api/v1/classes", &serde_json::json!({ "lesson_id": "an-toan" }), None).await;
    assert_eq!(r.status(), 201);
    let class: ClassStarted = r.json().await.unwrap();
    assert!(mytho_core::classes::normalize_class_code(&class.code).as_deref() == Some(class.code.as_str()), "{}", class.code);
    assert_eq!(server.post_with("/api/v1/classes", &serde_json::json!({ "lesson_id": "khong-co" }), None).await.status(), 422);

    // Two learners join with the code as typed (any case, no dash) and a display name.
    let typed = class.code.to_lowercase().replace('-', " ");
    let join = |name: &str| serde_json::json!({ "name": name });
    let r = server.post_with(&format!("/api/v1/classes/{typed}/learners"), &join("  Cô  Năm "), None).await;
    assert_eq!(r.status(), 201);
    let nam: Joined = r.json().await.unwrap();
    assert_eq!(nam.lesson_id, "an-toan");
    let r = server.post_with(&format!("/api/v1/classes/{}/learners", class.code), &join("Anh Sáu"), None).await;
    let sau: Joined = r.json().await.unwrap();
    assert_eq!(server.post_with(&format!("/api/v1/classes/{}/learners", class.code), &join("   "), None).await.status(), 422);

    // Progress, sent twice after a lost connection, is the same progress.
    let progress = serde_json::json!({ "lesson_id": "an-toan", "step": 4, "scores": { "an-toan": [2, 3] } });
    let put = |learner: &str| {
        reqwest::Client::new().put(format!("{}/api/v1/classes/{}/learners/{learner}", server.base, class.code)).json(&progress).send()
    };
    for _ in 0..2 {
        assert_eq!(put(&nam.learner_id).await.unwrap().status(), 204);
    }
    assert_eq!(put("0123456789abcdef0123456789abcdef").await.unwrap().status(), 404);

    // The dashboard: the trainer's token only; a stranger sees no class at all.
    let path = format!("/api/v1/classes/{}", class.code);
    let get = |path: String, token: Option<String>| {
        let mut req = reqwest::Client::new().get(format!("{}{path}", server.base));
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        req.send()
    };
    assert_eq!(get(path.clone(), None).await.unwrap().status(), 401, "no token: the same answer for any code");
    assert_eq!(get(path.clone(), Some("0".repeat(32))).await.unwrap().status(), 403, "the class exists (learners join it), its names do not show");
    assert_eq!(get("/api/v1/classes/ZZZ-ZZZ".into(), Some("0".repeat(32))).await.unwrap().status(), 404);
    let d: Dashboard = get(path.clone(), Some(class.trainer_token.clone())).await.unwrap().json().await.unwrap();
    assert_eq!(d.learners.len(), 2);
    assert_eq!((d.learners[0].name.as_str(), d.learners[0].step, d.learners[0].scores["an-toan"]), ("Cô Năm", 4, [2, 3]));
    assert_eq!((d.learners[1].name.as_str(), d.learners[1].step), ("Anh Sáu", 0));
    let _ = sau;

    // Closed: no more joins or progress; the CSV has everyone.
    let close = reqwest::Client::new()
        .post(format!("{}{path}/close", server.base))
        .header("authorization", format!("Bearer {}", class.trainer_token))
        .send()
        .await
        .unwrap();
    assert_eq!(close.status(), 204);
    assert_eq!(server.post_with(&format!("{path}/learners"), &join("Muộn"), None).await.status(), 410);
    assert_eq!(put(&nam.learner_id).await.unwrap().status(), 410);
    let csv = get(format!("{path}/export.csv"), Some(class.trainer_token.clone())).await.unwrap();
    assert_eq!(header(&csv, "content-type"), "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with("\u{feff}name,joined_at,lesson,step,score:dien-thoai,score:an-toan"), "{text}");
    assert!(text.contains("Cô Năm,") && text.contains(",an-toan,4,,2/3,") && text.contains("Anh Sáu,"), "{text}");
    assert_eq!(get(format!("{path}/export.csv"), None).await.unwrap().status(), 401);

    // Guessing codes is slowed down per client: after 10 wrong codes a minute, that client pauses, and
    // only that one (a guesser cannot keep a ward's learners out).
    let guess = |client: &'static str| {
        reqwest::Client::new()
            .post(format!("{}/api/v1/classes/ZZZ-ZZZ/learners", server.base))
            .header("x-forwarded-for", client)
            .json(&join("Khách"))
            .send()
    };
    let mut statuses = Vec::new();
    let allowed = mytho_gateway::guard::Secret::ClassCode.per_client().failures;
    for _ in 0..=allowed {
        statuses.push(guess("198.51.100.1").await.unwrap().status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 404).count() as i64, allowed, "{statuses:?}");
    assert_eq!(*statuses.last().unwrap(), 429);
    assert_eq!(guess("198.51.100.2").await.unwrap().status(), 404, "another client is not paused");
    let fresh = server.post_with("/api/v1/classes", &serde_json::json!({ "lesson_id": "an-toan" }), None).await.json::<mytho_core::classes::ClassStarted>().await.unwrap();
    let r = server.post_with(&format!("/api/v1/classes/{}/learners", fresh.code), &join("Cô Bảy"), None).await;
    assert_eq!(r.status(), 201, "a learner with the right code joins while a guesser is paused");
    server.stop().await;
}

#[tokio::test]
async fn the_wifi_page_is_small_script_free_and_connects_as_configured() {
    let server = Server::start().await;
    let r = server.get("/wifi", None).await;
    assert_eq!(r.status(), 200);
    let csp = header(&r, "content-security-policy").to_string();
    assert!(csp.contains("form-action 'self' http://10.5.50.1;"), "{csp}");
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
    let html = r.text().await.unwrap();
    assert!(!html.contains("<script"), "no script at all");
    assert!(html.contains("<form method=\"post\" action=\"http://10.5.50.1/login\">"));
    assert!(html.contains("<input type=\"hidden\" name=\"accept_terms\" value=\"yes\">"));
    assert!(html.contains("Kết nối") && html.contains("Chùa Vĩnh Tràng") && html.contains("geo:10.35900,106.38000"));
    assert!(html.contains(&format!("value=\"{}/du-lich\"", server.base)), "the link to open the guide");
    assert!(html.contains("body{margin:0}"), "the app's own critical styles");
    // The first round trip carries ≈14 KB: the whole page fits, as it is sent (compressed per request).
    let sent = server.get("/wifi", Some("gzip, deflate, br")).await;
    assert_eq!(header(&sent, "content-encoding"), "br");
    let bytes = sent.bytes().await.unwrap();
    assert!(bytes.len() <= 4 * 1024, "{} bytes brotli", bytes.len());
    let mut unpacked = String::new();
    brotli::Decompressor::new(&bytes[..], 4096).read_to_string(&mut unpacked).unwrap();
    assert_eq!(unpacked, html);
    let gz = server.get("/wifi", Some("gzip")).await;
    assert_eq!(header(&gz, "content-encoding"), "gzip");
    assert!(gz.bytes().await.unwrap().len() < html.len() / 2);
    let en = server.get("/wifi?lang=en", None).await.text().await.unwrap();
    assert!(en.contains("<html lang=\"en\"") && en.contains("Connect") && en.contains("Vinh Trang Pagoda"));

    let r = server.get("/api/captive", None).await;
    assert_eq!(header(&r, "content-type"), "application/captive+json");
    assert_eq!(header(&r, "cache-control"), "no-store");
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["captive"], true);
    assert_eq!(doc["user-portal-url"], format!("{}/wifi", server.base));
    assert_eq!(doc["venue-info-url"], format!("{}/du-lich", server.base));
    server.stop().await;
}
