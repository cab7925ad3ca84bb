//! The gateway binary as an operator meets it: bad settings fail at start with a message saying what
//! to fix, and Ctrl-C / SIGTERM stop it cleanly.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mytho-gateway");

fn dist(dir: &Path, config: &str) -> std::path::PathBuf {
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><title>t</title>").unwrap();
    std::fs::write(dist.join("config.json"), config).unwrap();
    for file in ["faq.json", "tourism.json", "lessons.json"] {
        std::fs::copy(format!("{}/../../public/{file}", env!("CARGO_MANIFEST_DIR")), dist.join(file)).unwrap();
    }
    dist
}

fn shipped_config() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/config.json")).unwrap()
}

fn run_expecting_failure(envs: &[(&str, &str)]) -> String {
    let out = Command::new(BIN).env_clear().envs(envs.iter().copied()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "should fail at start: {envs:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn bad_settings_fail_at_start_and_say_what_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let good_dist = dist(tmp.path(), &shipped_config());
    let dist_s = good_dist.to_str().unwrap();
    let db = tmp.path().join("db.sqlite3");
    let db_s = db.to_str().unwrap();

    let err = run_expecting_failure(&[("MYTHO_ADDR", "localhost"), ("MYTHO_DIST", dist_s), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("MYTHO_ADDR") && err.contains("127.0.0.1:8080"), "{err}");

    let err = run_expecting_failure(&[("MYTHO_OFFICER_TOKEN", "secret"), ("MYTHO_DIST", dist_s), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("MYTHO_OFFICER_TOKEN") && err.contains("24"), "{err}");

    let err = run_expecting_failure(&[("MYTHO_AGENCY_CODE", "Mỹ Tho"), ("MYTHO_DIST", dist_s), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("MYTHO_AGENCY_CODE"), "{err}");

    let err = run_expecting_failure(&[("MYTHO_LOG", "loud"), ("MYTHO_DIST", dist_s), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("MYTHO_LOG"), "{err}");

    // A PostgreSQL server that does not answer: said so, its address (and password) never repeated.
    let err = run_expecting_failure(&[("MYTHO_DATABASE_URL", "postgres://mytho:hunter2secret@127.0.0.1:1/mytho"), ("MYTHO_DIST", dist_s)]);
    assert!(err.contains("cannot reach the PostgreSQL server") && err.contains("MYTHO_DATABASE_URL"), "{err}");
    assert!(!err.contains("hunter2secret") && !err.contains("127.0.0.1:1"), "{err}");

    let missing = tmp.path().join("nothing-here");
    let err = run_expecting_failure(&[("MYTHO_DIST", missing.to_str().unwrap()), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("index.html") && err.contains("make build"), "{err}");

    let broken = dist(&tmp.path().join("broken"), r#"{"hotline": "1022"}"#);
    let err = run_expecting_failure(&[("MYTHO_DIST", broken.to_str().unwrap()), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("config.json"), "{err}");

    let bad_faq = dist(&tmp.path().join("bad-faq"), &shipped_config());
    std::fs::write(bad_faq.join("faq.json"), r#"{"groups":[],"entries":[{"id":"a","group":"g","vi":{"question":"","phrasings":[],"keywords":[],"answer":[]},"en":{"question":"q","phrasings":["p"],"keywords":[],"answer":["x"]}}]}"#).unwrap();
    let err = run_expecting_failure(&[("MYTHO_DIST", bad_faq.to_str().unwrap()), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("faq.json") && err.contains("entry a: unknown group g") && err.contains("vi.question is empty"), "{err}");

    // A lesson that practises a procedure the catalogue does not have.
    let bad_lessons = dist(&tmp.path().join("bad-lessons"), &shipped_config());
    let lessons = std::fs::read_to_string(bad_lessons.join("lessons.json")).unwrap();
    assert!(lessons.contains(r#""practice": "khai-sinh""#));
    std::fs::write(bad_lessons.join("lessons.json"), lessons.replace(r#""practice": "khai-sinh""#, r#""practice": "khai-sinh-cu""#)).unwrap();
    let err = run_expecting_failure(&[("MYTHO_DIST", bad_lessons.to_str().unwrap()), ("MYTHO_DB_PATH", db_s)]);
    assert!(err.contains("lessons.json") && err.contains("khai-sinh-cu"), "{err}");

    // The payment simulator never runs beside a real provider's address or secret.
    let err = run_expecting_failure(&[
        ("MYTHO_PAYMENT_SIMULATOR", "1"),
        ("MYTHO_VNPAY_URL", "https://pay.vnpay.vn/vpcpay.html"),
        ("MYTHO_DIST", dist_s),
        ("MYTHO_DB_PATH", db_s),
    ]);
    assert!(err.contains("MYTHO_PAYMENT_SIMULATOR") && err.contains("MYTHO_VNPAY_URL"), "{err}");

    // A data folder that cannot be created: its parent is a file.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let bad_db = file.join("data").join("db.sqlite3");
    let err = run_expecting_failure(&[("MYTHO_DIST", dist_s), ("MYTHO_DB_PATH", bad_db.to_str().unwrap())]);
    assert!(err.contains("data folder") && err.contains("MYTHO_DB_PATH"), "{err}");
}

#[test]
fn sigterm_stops_the_gateway_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let d = dist(tmp.path(), &shipped_config());
    let mut child = Command::new(BIN)
        .env_clear()
        .env("MYTHO_ADDR", "127.0.0.1:0")
        .env("MYTHO_DIST", &d)
        .env("MYTHO_DB_PATH", tmp.path().join("db.sqlite3"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = lines.by_ref().map(Result::unwrap).find(|l| l.contains("gateway on http://"));
    assert!(started.is_some(), "the gateway says where it listens");
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success());
    assert!(rest.iter().any(|l| l.contains("stopped cleanly")), "{rest:?}");
}

#[test]
fn the_demo_city_prints_an_officer_credential_says_demo_everywhere_and_refuses_real_providers() {
    let tmp = tempfile::tempdir().unwrap();
    let d = dist(tmp.path(), &shipped_config());
    let db = tmp.path().join("db.sqlite3");
    let err = run_expecting_failure(&[
        ("MYTHO_DEMO", "1"),
        ("MYTHO_VNPAY_SECRET", "REALSECRET0123456789ABCDEF"),
        ("MYTHO_DIST", d.to_str().unwrap()),
        ("MYTHO_DB_PATH", db.to_str().unwrap()),
    ]);
    assert!(err.contains("MYTHO_DEMO") && err.contains("MYTHO_VNPAY_SECRET"), "{err}");
    let err = run_expecting_failure(&[("MYTHO_DEMO", "1"), ("MYTHO_VIETQR_ACCOUNT", "1017595600"), ("MYTHO_DIST", d.to_str().unwrap()), ("MYTHO_DB_PATH", db.to_str().unwrap())]);
    assert!(err.contains("MYTHO_VIETQR_ACCOUNT"), "{err}");

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(BIN)
        .env_clear()
        .env("MYTHO_DEMO", "1")
        .env("MYTHO_ADDR", format!("127.0.0.1:{port}"))
        .env("MYTHO_DIST", &d)
        .env("MYTHO_DB_PATH", &db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map(Result::unwrap);
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let up = line.contains("gateway on http://");
        printed.push(line);
        if up {
            break;
        }
    }
    let text = printed.join("\n");
    assert!(text.contains("DEMO CITY") && text.contains("Officer credential"), "{text}");
    let token = printed.iter().map(|l| l.trim()).find(|l| l.len() == 32 && l.bytes().all(|b| b.is_ascii_hexdigit())).expect("the token, on its own line").to_string();
    let get = |path: &str, auth: Option<&str>| {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let auth = auth.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
        std::io::Write::write_all(&mut s, format!("GET {path} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n").as_bytes()).unwrap();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut s, &mut out).unwrap();
        out
    };
    let config = get("/config.json", None);
    assert!(config.contains("\"demo\":true"), "{config}");
    assert!(get("/wifi", None).contains("Bản chạy thử"), "the Wi-Fi page says so too");
    // The printed credential is a working officer credential.
    assert!(get("/api/v1/officer/payments", Some(&token)).starts_with("HTTP/1.1 200"));
    assert!(get("/api/v1/officer/payments", Some("0123456789abcdef0123456789abcdef")).starts_with("HTTP/1.1 401"));
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(child.wait().unwrap().success());
}
