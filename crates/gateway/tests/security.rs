//! The gateway as an attacker on the network meets it: guessed secrets are refused within the first
//! attempts (and stay refused across a restart), personal data needs more than 4 digits, every anonymous
//! write is limited, officers are named and their actions recorded.

mod common;

use common::*;
use mytho_core::api::ErrorBody;
use mytho_core::dossier::{Receipt, Tracking};
use mytho_gateway::guard::Secret;

fn answers(phone: &str) -> serde_json::Value {
    serde_json::json!({
        "name": "Trần Thị Bình", "dob.day": "5", "dob.month": "3", "dob.year": "1995", "sex": "female",
        "id_number": "082195123456", "history": "divorced", "divorce_ref": "12/2020/QĐST-HNGĐ",
        "purpose": "marriage", "phone": phone
    })
}

async fn submit(server: &Server, key: &str) -> Receipt {
    let body = serde_json::json!({ "procedure_id": "xac-nhan-hon-nhan", "idempotency_key": key, "answers": answers("0912 345 678") });
    let r = server.post_with("/api/v1/dossiers", &body, None).await;
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

#[tokio::test]
async fn guessing_the_second_factor_is_refused_within_the_first_attempts_and_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let db = common::database_in(data.path()).await;
    let server = Server::start_at(Some(OFFICER_TOKEN), Some(db.clone()), None).await;
    let receipt = submit(&server, "k-guess-000000000001").await;
    let path = format!("/api/v1/dossiers/{}", receipt.code);
    let attacker = "203.0.113.66";

    // The attack of the issue: every 4 digits in turn. Refused after the client's allowance.
    let allowed = Secret::SecondFactor.per_client().failures;
    let mut statuses = Vec::new();
    for digits in 0..20u32 {
        let guess = format!("{digits:04}");
        statuses.push(server.get_as(attacker, &path, &[(L4, &guess)]).await.status().as_u16());
    }
    assert!(statuses[..allowed as usize].iter().all(|s| *s == 404), "{statuses:?}");
    assert!(statuses[allowed as usize..].iter().all(|s| *s == 429), "{statuses:?}");
    // The right digits from the locked client are refused too, with when to retry and the hotline.
    let r = server.get_as(attacker, &path, &[(L4, "5678")]).await;
    assert_eq!(r.status(), 429);
    let wait: i64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=Secret::SecondFactor.per_client().window_secs).contains(&wait), "{wait}");
    let body: ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "too_many_attempts");
    assert!(body.message.vi.contains("phút") && body.message.vi.contains("1022"), "{}", body.message.vi);
    assert!(body.message.en.contains("minutes") && body.message.en.contains("1022"), "{}", body.message.en);
    // The citizen, elsewhere, is not locked out by one guesser.
    let r = server.get_as("198.51.100.7", &path, &[(L4, "5678")]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Tracking>().await.unwrap().code, receipt.code);
    // Guessing another dossier from the same client is refused as well.
    let other = submit(&server, "k-guess-000000000002").await;
    assert_eq!(server.get_as(attacker, &format!("/api/v1/dossiers/{}", other.code), &[(L4, "5678")]).await.status(), 429);

    // A restart resets nothing: the counters are in the database.
    server.stop().await;
    let server = Server::start_at(Some(OFFICER_TOKEN), Some(db.clone()), None).await;
    assert_eq!(server.get_as(attacker, &path, &[(L4, "5678")]).await.status(), 429);

    // Many addresses at one dossier (a botnet): the dossier itself pauses, and says so (the attacker's
    // failures above count towards it too).
    let per_target = Secret::SecondFactor.per_target().unwrap().failures;
    for i in 0..per_target - allowed {
        let address = format!("192.0.2.{}", i + 1);
        let tries = server.get_as(&address, &path, &[(L4, "0000")]).await.status();
        assert_eq!(tries, 404, "each address is under its own allowance");
    }
    let r = server.get_as("198.51.100.8", &path, &[(L4, "5678")]).await;
    assert_eq!(r.status(), 429);
    let body: ErrorBody = r.json().await.unwrap();
    assert!(body.message.vi.contains("Hồ sơ này tạm khóa"), "{}", body.message.vi);
    let logged: i64 = server.one("SELECT count(*) FROM failed_attempts WHERE secret = 'second_factor'", &[]).await;
    assert_eq!(logged, per_target, "refused attempts are not counted, wrong ones are");
    server.stop().await;
}

#[tokio::test]
async fn codes_cannot_be_walked_and_personal_data_needs_the_access_key() {
    let server = Server::start().await;
    let a = submit(&server, "k-walk-0000000000001").await;
    let b = submit(&server, "k-walk-0000000000002").await;
    let (pa, pb) = (a.code.rsplit_once('-').unwrap(), b.code.rsplit_once('-').unwrap());
    assert_eq!(pa.0, pb.0, "same agency and day");
    assert_ne!(pa.1, pb.1, "two dossiers in a row differ in their random part");
    assert_ne!(a.access_key, b.access_key);

    // Code + last 4 shows the status, and nothing the citizen typed.
    let tracked = server.get_h(&format!("/api/v1/dossiers/{}", a.code), &[(L4, "5678")]).await.text().await.unwrap();
    for personal in ["Trần Thị Bình", "082195123456", "0912", "+8491"] {
        assert!(!tracked.contains(personal), "{personal} in {tracked}");
    }
    // Answers and supplements refuse the second factor, another dossier's key, a made-up key.
    let answers_a = format!("/api/v1/dossiers/{}/answers", a.code);
    assert_eq!(server.get_h(&answers_a, &[(L4, "5678")]).await.status(), 401);
    let r = server.get_h(&answers_a, &[(KEY, b.access_key.as_deref().unwrap())]).await;
    assert_eq!(r.status(), 403);
    let body: ErrorBody = r.json().await.unwrap();
    assert!(body.message.vi.contains("16 ký tự"), "a wrong key is explained: {}", body.message.vi);
    let supplement = serde_json::json!({ "answers": answers("0912 345 678") });
    let r = server.post_h(&format!("/api/v1/dossiers/{}/supplement", a.code), &supplement, &[(KEY, "ABCD-EFGH-JKMN-PQRS")]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(server.get_h(&answers_a, &[(KEY, a.access_key.as_deref().unwrap())]).await.status(), 200);
    // Keys are guessed like digits: limited per client (the right one refused during the lock).
    let guesser = "203.0.113.77";
    for _ in 0..Secret::AccessKey.per_client().failures {
        assert_eq!(server.get_as(guesser, &answers_a, &[(KEY, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")]).await.status(), 403);
    }
    assert_eq!(server.get_as(guesser, &answers_a, &[(KEY, a.access_key.as_deref().unwrap())]).await.status(), 429);
    server.stop().await;
}

#[tokio::test]
async fn resume_codes_and_trainer_tokens_are_limited_like_every_secret() {
    let server = Server::start().await;
    let guesser = "203.0.113.88";
    let mut last = 0;
    for _ in 0..=Secret::ResumeCode.per_client().failures {
        last = server.get_as(guesser, "/api/v1/drafts/ABCD-EFGH-JKMN", &[]).await.status().as_u16();
    }
    assert_eq!(last, 429, "the 11th guessed resume code");
    assert_eq!(server.get_as("198.51.100.9", "/api/v1/drafts/ABCD-EFGH-JKMN", &[]).await.status(), 404);

    let class: mytho_core::classes::ClassStarted =
        server.post_with("/api/v1/classes", &serde_json::json!({ "lesson_id": "an-toan" }), None).await.json().await.unwrap();
    let dashboard = format!("/api/v1/classes/{}", class.code);
    for _ in 0..Secret::TrainerToken.per_client().failures {
        assert_eq!(server.get_as(guesser, &dashboard, &[("authorization", "Bearer 00000000000000000000000000000000")]).await.status(), 403);
    }
    let bearer = format!("Bearer {}", class.trainer_token);
    assert_eq!(server.get_as(guesser, &dashboard, &[("authorization", &bearer)]).await.status(), 429);
    assert_eq!(server.get_as("198.51.100.9", &dashboard, &[("authorization", &bearer)]).await.status(), 200);

    // Officer credentials too.
    let status = "/api/v1/officer/dossiers/MTS-251203-K7M4QP/status";
    let mut last = 0;
    for _ in 0..=Secret::OfficerToken.per_client().failures {
        let r = reqwest::Client::new()
            .post(format!("{}{status}", server.base))
            .header("x-forwarded-for", guesser)
            .header("authorization", "Bearer wrong-officer-token-000000000")
            .json(&serde_json::json!({ "status": "received" }))
            .send()
            .await
            .unwrap();
        last = r.status().as_u16();
    }
    assert_eq!(last, 429);
    server.stop().await;
}

#[tokio::test]
async fn anonymous_writes_are_limited_per_client_and_bodies_are_bounded() {
    let server = Server::start().await;
    let draft = serde_json::json!({ "procedure_id": "khai-sinh", "step": "mother", "answers": { "child_name": "Nguyễn Minh Khang" } });
    let (_, burst) = mytho_gateway::limits::Write::Drafts.allowance();
    let post = |address: &'static str| {
        reqwest::Client::new().post(format!("{}/api/v1/drafts", server.base)).header("x-forwarded-for", address).json(&draft).send()
    };
    for _ in 0..burst {
        assert_eq!(post("203.0.113.99").await.unwrap().status(), 201);
    }
    let r = post("203.0.113.99").await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
    let body: ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "too_many_requests");
    assert!(body.message.vi.contains("Hãy thử lại sau") && body.message.en.contains("Try again in"));
    assert_eq!(post("198.51.100.10").await.unwrap().status(), 201, "a neighbour is not limited");
    // FAQ feedback, a different write, still has its own allowance for that client.
    let feedback = serde_json::json!({ "topic_id": "khai-sinh", "helpful": true, "lang": "vi" });
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/faq/feedback", server.base))
        .header("x-forwarded-for", "203.0.113.99")
        .json(&feedback)
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), 429);

    // A JSON body is small; only the upload route takes megabytes.
    let big = serde_json::json!({ "procedure_id": "khai-sinh", "step": "x", "answers": { "a": "x".repeat(300 * 1024) } });
    let r = server.post_h("/api/v1/drafts", &big, &[("x-forwarded-for", "198.51.100.11")]).await;
    assert_eq!(r.status(), 413);
    server.stop().await;
}

#[tokio::test]
async fn headers_say_https_and_allow_only_what_the_app_uses() {
    let plain = Server::start().await;
    let r = plain.get("/", None).await;
    assert!(r.headers().get("strict-transport-security").is_none(), "no HSTS over plain http");
    let policy = r.headers()["permissions-policy"].to_str().unwrap();
    assert!(policy.contains("camera=()") && policy.contains("geolocation=(self)") && policy.contains("payment=()"), "{policy}");
    plain.stop().await;
    let tls = Server::start_at(Some(OFFICER_TOKEN), None, Some("https://dichvucong.example")).await;
    let r = tls.get("/api/health", None).await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
    tls.stop().await;
}

#[tokio::test]
async fn the_sweeper_deletes_what_has_expired() {
    let server = Server::start().await;
    for insert in [
        "INSERT INTO drafts (resume_code, procedure_id, step, answers, expires_at) VALUES ('OLD1-OLD1-OLD1', 'khai-sinh', 's', '{}', '2000-01-01T00:00:00Z')",
        "INSERT INTO drafts (resume_code, procedure_id, step, answers, expires_at) VALUES ('NEW1-NEW1-NEW1', 'khai-sinh', 's', '{}', '2999-01-01T00:00:00Z')",
        "INSERT INTO failed_attempts (secret, client, target, at) VALUES ('second_factor', 'x', '', 1)",
        "INSERT INTO classes (code, lesson_id, trainer_token, closed_at) VALUES ('AAA-AAA', 'an-toan', 't', '2000-01-01T00:00:00Z')",
        "INSERT INTO class_learners (class_code, learner_id, name) VALUES ('AAA-AAA', 'l', 'Cô Ba')",
        "INSERT INTO classes (code, lesson_id, trainer_token) VALUES ('BBB-BBB', 'an-toan', 't')",
    ] {
        server.exec(insert, &[]).await;
    }
    server.exec("INSERT INTO uploads (id, mime, bytes, data, created_at) VALUES ('old', 'image/png', 1, ?1, '2000-01-01T00:00:00Z')", &[&vec![0u8]]).await;
    let swept = server.db.call(|c| mytho_gateway::sweep::run(c, mytho_gateway::guard::now())).await.unwrap();
    assert_eq!(swept, mytho_gateway::sweep::Swept { drafts: 1, uploads: 1, attempts: 1, classes: 1 });
    let row = server.rows("SELECT (SELECT count(*) FROM drafts), (SELECT count(*) FROM classes), (SELECT count(*) FROM class_learners)", &[]).await;
    let left: (i64, i64, i64) = (row[0].get(0).unwrap(), row[0].get(1).unwrap(), row[0].get(2).unwrap());
    assert_eq!(left, (1, 1, 0), "the open class and the live draft stay; the ended class's names go");
    server.stop().await;
}

#[tokio::test]
async fn a_second_way_of_paying_cancels_the_first_and_a_late_success_is_flagged_not_lost() {
    use mytho_core::payment::{PaymentStarted, PaymentState, PaymentStatus};
    let server = Server::start().await;
    let body = serde_json::json!({
        "procedure_id": "thuong-tru", "idempotency_key": "k-twice-000000000001",
        "answers": {
            "name": "Lê Văn Cường", "dob.day": "1", "dob.month": "2", "dob.year": "1990", "sex": "male",
            "id_number": "082090123456", "address": "12 Hùng Vương", "ward": "28261", "basis": "owner", "phone": "0987 654 321"
        }
    });
    let code = server.post_with("/api/v1/dossiers", &body, None).await.json::<Receipt>().await.unwrap().code;
    let pay = |method: &str| serde_json::json!({ "phone_last4": "4321", "method": method, "lang": "vi" });
    let card: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &pay("vnpay"), None).await.json().await.unwrap();
    let qr: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &pay("vietqr"), None).await.json().await.unwrap();
    let listed: Vec<PaymentState> = server.get_h(&format!("/api/v1/dossiers/{code}/payments"), &[(L4, "4321")]).await.json().await.unwrap();
    let card_now = listed.iter().find(|p| p.txn_ref == card.txn_ref).unwrap();
    assert_eq!(card_now.status, PaymentStatus::Cancelled, "one pending payment at a time");
    // The treasury confirms the transfer; then the card page, left open, succeeds too.
    let r = server.post_with(&format!("/api/v1/officer/payments/{}/received", qr.txn_ref), &serde_json::json!({}), Some(OFFICER_TOKEN)).await;
    assert_eq!(r.status(), 200);
    let map: std::collections::BTreeMap<String, String> = [
        ("vnp_Amount", "1000000"), ("vnp_ResponseCode", "00"), ("vnp_TransactionStatus", "00"), ("vnp_TxnRef", card.txn_ref.as_str()),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let q = format!("{}&vnp_SecureHash={}", mytho_gateway::vnpay::signing_query(&map), mytho_gateway::vnpay::sign(VNPAY_SECRET, &map));
    let reply: mytho_core::payment::IpnReply = server.get(&format!("/api/v1/payments/vnpay/ipn?{q}"), None).await.json().await.unwrap();
    assert_eq!(reply.rsp_code, "00", "the money was taken: recorded, not refused");
    let flagged: Vec<serde_json::Value> = reqwest::Client::new()
        .get(format!("{}/api/v1/officer/payments", server.base))
        .header("authorization", format!("Bearer {OFFICER_TOKEN}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0]["flag"], "second_payment");
    assert_eq!(flagged[0]["payment"]["txn_ref"], card.txn_ref.as_str());
    let by: String = server.one("SELECT confirmed_by FROM payments WHERE txn_ref = ?1", &[&qr.txn_ref]).await;
    assert_eq!(by, "shared-token");
    server.stop().await;
}

#[tokio::test]
async fn a_payment_that_expired_records_its_failure_and_a_late_success_is_flagged() {
    use mytho_core::payment::{IpnReply, PaymentStarted};
    let server = Server::start().await;
    let answers = serde_json::json!({
        "name": "Lê Văn Cường", "dob.day": "1", "dob.month": "2", "dob.year": "1990", "sex": "male",
        "id_number": "082090123456", "address": "12 Hùng Vương", "ward": "28261", "basis": "owner", "phone": "0987 654 321"
    });
    let ipn = |txn: &str, code: &str| {
        let map: std::collections::BTreeMap<String, String> =
            [("vnp_Amount", "1000000"), ("vnp_ResponseCode", code), ("vnp_TxnRef", txn)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        format!("{}&vnp_SecureHash={}", mytho_gateway::vnpay::signing_query(&map), mytho_gateway::vnpay::sign(VNPAY_SECRET, &map))
    };
    let mut refs = Vec::new();
    for key in ["k-expired-00000000001", "k-expired-00000000002"] {
        let body = serde_json::json!({ "procedure_id": "thuong-tru", "idempotency_key": key, "answers": answers });
        let code = server.post_with("/api/v1/dossiers", &body, None).await.json::<Receipt>().await.unwrap().code;
        let pay = serde_json::json!({ "phone_last4": "4321", "method": "vnpay", "lang": "vi" });
        let started: PaymentStarted = server.post_with(&format!("/api/v1/dossiers/{code}/payments"), &pay, None).await.json().await.unwrap();
        server.exec("UPDATE payments SET expires_at = '20000101000000' WHERE txn_ref = ?1", &[&started.txn_ref]).await;
        refs.push(started.txn_ref);
    }
    async fn reply(server: &Server, q: String) -> String {
        server.get(&format!("/api/v1/payments/vnpay/ipn?{q}"), None).await.json::<IpnReply>().await.unwrap().rsp_code
    }
    assert_eq!(reply(&server, ipn(&refs[0], "24")).await, "00", "the failure of an expired payment is recorded");
    let status: String = server.one("SELECT status FROM payments WHERE txn_ref = ?1", &[&refs[0]]).await;
    assert_eq!(status, "cancelled");
    assert_eq!(reply(&server, ipn(&refs[1], "00")).await, "00", "a success after expiry is money taken: recorded");
    let row = server.rows("SELECT status, flag FROM payments WHERE txn_ref = ?1", &[&refs[1]]).await;
    let (status, flag): (String, String) = (row[0].get(0).unwrap(), row[0].get(1).unwrap());
    assert_eq!((status.as_str(), flag.as_str()), ("paid", "late_success"));
    server.stop().await;
}

#[test]
fn secrets_never_print_and_the_simulator_never_runs_with_real_credentials() {
    use mytho_gateway::config::GatewayConfig;
    let vars = |pairs: &'static [(&'static str, &'static str)]| move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
    let real = vars(&[
        ("MYTHO_VNPAY_TMN_CODE", "REALTMN1"),
        ("MYTHO_VNPAY_SECRET", "REALSECRET0123456789ABCDEF"),
        ("MYTHO_VNPAY_URL", "https://pay.vnpay.vn/vpcpay.html"),
        ("MYTHO_PUBLIC_URL", "https://dichvucong.example"),
        ("MYTHO_OFFICER_TOKEN", "officer-token-0123456789abcdef"),
    ]);
    let config = GatewayConfig::from_vars(real).unwrap();
    let printed = format!("{config:?}");
    assert!(!printed.contains("REALSECRET") && !printed.contains("officer-token-0123"), "{printed}");
    assert!(printed.contains("REALTMN1") && printed.contains("<redacted>"));

    for (name, value) in [("MYTHO_VNPAY_SECRET", "REALSECRET0123456789ABCDEF"), ("MYTHO_VNPAY_URL", "https://pay.vnpay.vn/vpcpay.html")] {
        let err = GatewayConfig::from_vars(|n: &str| match n {
            "MYTHO_PAYMENT_SIMULATOR" => Some("1".into()),
            n if n == name => Some(value.into()),
            _ => None,
        })
        .err()
        .unwrap();
        assert!(err.0.contains("MYTHO_PAYMENT_SIMULATOR") && err.0.contains(name), "{err}");
    }
    let demo = GatewayConfig::from_vars(|n: &str| (n == "MYTHO_PAYMENT_SIMULATOR").then(|| "1".into())).unwrap();
    let vnp = demo.payments.vnpay.unwrap();
    assert!(vnp.pay_url.ends_with("/simulator/vnpay/pay") && vnp.secret.len() >= 32, "the simulator makes its own secret");
    // Card payments for real need an https public address.
    let err = GatewayConfig::from_vars(|n: &str| match n {
        "MYTHO_VNPAY_TMN_CODE" => Some("REALTMN1".into()),
        "MYTHO_VNPAY_SECRET" => Some("REALSECRET0123456789ABCDEF".into()),
        "MYTHO_VNPAY_URL" => Some("https://pay.vnpay.vn/vpcpay.html".into()),
        _ => None,
    })
    .err()
    .unwrap();
    assert!(err.0.contains("MYTHO_PUBLIC_URL") && err.0.contains("https"), "{err}");
}

#[tokio::test]
async fn officers_are_named_added_used_and_revoked_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let db = common::database_in(data.path()).await;
    let (setting, value) = common::database_env(&db);
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mytho-gateway")).env_clear().env(setting, &value).args(args).output().unwrap()
    };
    let out = cli(&["officers", "add", "Nguyễn Văn An"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8(out.stdout).unwrap();
    let token = printed.lines().last().unwrap().trim().to_string();
    assert_eq!(token.len(), 32, "{printed}");
    assert_eq!(cli(&["officers", "add", "Nguyễn Văn An"]).status.code(), Some(2), "one credential per name");
    let listed = String::from_utf8(cli(&["officers", "list"]).stdout).unwrap();
    assert!(listed.contains("Nguyễn Văn An") && listed.contains("active") && !listed.contains(&token), "{listed}");
    // No shared token: the named credential is the only way in, and what it does is recorded by name.
    let server = Server::start_at(None, Some(db.clone()), None).await;
    let stored: String = server.one("SELECT token_hash FROM officers", &[]).await;
    assert_ne!(stored, token, "only a hash is kept");
    let receipt = submit(&server, "k-officer-0000000001").await;
    let status = format!("/api/v1/officer/dossiers/{}/status", receipt.code);
    let r = server.post_with(&status, &serde_json::json!({ "status": "received" }), Some(&token)).await;
    assert_eq!(r.status(), 200);
    let who: String = server.one("SELECT officer FROM dossier_events WHERE status = 'received'", &[]).await;
    assert_eq!(who, "Nguyễn Văn An");
    let row = server.rows("SELECT officer, action FROM officer_actions", &[]).await;
    let action: (String, String) = (row[0].get(0).unwrap(), row[0].get(1).unwrap());
    assert_eq!(action, ("Nguyễn Văn An".into(), "status:received".into()));
    let tracked = server.get_h(&format!("/api/v1/dossiers/{}", receipt.code), &[(L4, "5678")]).await.text().await.unwrap();
    assert!(!tracked.contains("Nguyễn Văn An"), "the citizen sees the office, not the person");

    assert!(cli(&["officers", "revoke", "Nguyễn Văn An"]).status.success());
    let r = server.post_with(&status, &serde_json::json!({ "status": "processing" }), Some(&token)).await;
    assert_eq!(r.status(), 401, "a revoked credential no longer works");
    assert_eq!(cli(&["officers", "revoke", "Nguyễn Văn An"]).status.code(), Some(2));
    assert_eq!(cli(&["officers", "fire", "x"]).status.code(), Some(2));
    server.stop().await;
}

#[tokio::test]
async fn loose_uploads_are_bounded_per_client_and_day() {
    let server = Server::start().await;
    // A script has already left the day's allowance of files that no dossier uses.
    for i in 0..mytho_gateway::uploads::LOOSE_PER_DAY {
        server.exec("INSERT INTO uploads (id, mime, bytes, data, client) VALUES (?1, 'image/png', 1, ?2, '203.0.113.5')", &[&format!("f{i}"), &vec![0u8]]).await;
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    let send = |address: &'static str| {
        reqwest::Client::new()
            .post(format!("{}/api/v1/uploads", server.base))
            .header("content-type", "image/png")
            .header("x-forwarded-for", address)
            .body(png.clone())
            .send()
    };
    let r = send("203.0.113.5").await.unwrap();
    assert_eq!(r.status(), 429);
    let body: ErrorBody = r.json().await.unwrap();
    assert_eq!(body.code, "upload_quota");
    assert!(body.message.vi.contains("ngày mai") && body.message.en.contains("tomorrow"));
    assert_eq!(send("198.51.100.12").await.unwrap().status(), 201, "another family is not affected");
    server.stop().await;
}
