//! `mytho-gateway backup <file>` as an operator runs it: beside a gateway taking submissions, the copy is
//! consistent, holds every dossier acknowledged before it started, and a gateway started on it (the
//! restore) serves those dossiers to their owners.

mod common;

use common::{Server, KEY};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mytho-gateway");

/// Submits a permanent-residence dossier as client `n` (each its own address, under the write limits).
async fn submit(server: &Server, n: usize) -> mytho_core::dossier::Receipt {
    let body = common::residence_body(&format!("backup-key-{n:016}"), &format!("{n} Hùng Vương"));
    let client = format!("203.0.113.{}", n % 250 + 1);
    let r = server.post_h("/api/v1/dossiers", &body, &[("x-forwarded-for", client.as_str())]).await;
    assert_eq!(r.status(), 201, "submission {n}");
    r.json().await.unwrap()
}

fn run_backup(envs: &[(&str, &std::ffi::OsStr)], target: &std::path::Path) -> std::process::Output {
    Command::new(BIN).env_clear().envs(envs.iter().copied()).arg("backup").arg(target).output().unwrap()
}

fn codes_in(file: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let codes = conn.prepare("SELECT code FROM dossiers").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    codes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_dossiers_arrive_is_consistent_and_restores() {
    let server = Server::start().await;
    let mut before = Vec::new();
    for n in 0..20 {
        before.push(submit(&server, n).await);
    }
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("mytho-backup.sqlite3");

    // A burst of submissions runs while the backup is taken, through the database URL.
    let burst = {
        let base = server.base.clone();
        tokio::spawn(async move {
            let mut done = 0;
            for n in 100..160 {
                let body = common::residence_body(&format!("backup-key-{n:016}"), "1 Ấp Bắc");
                let r = reqwest::Client::new()
                    .post(format!("{base}/api/v1/dossiers"))
                    .header("x-forwarded-for", format!("198.51.100.{}", n % 250 + 1))
                    .json(&body)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
                done += 1;
            }
            done
        })
    };
    let url = format!("sqlite://{}", server.db_path.display());
    let out = {
        let target = target.clone();
        tokio::task::spawn_blocking(move || run_backup(&[("MYTHO_DATABASE_URL", url.as_ref())], &target)).await.unwrap()
    };
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("integrity checked") && stdout.contains("dossiers "), "{stdout}");
    assert_eq!(burst.await.unwrap(), 60);

    // Every dossier acknowledged before the backup began is in it; what arrived during it, in part.
    let copied = codes_in(&target);
    assert!(before.iter().all(|r| copied.contains(&r.code)), "acknowledged dossiers are in the copy");
    assert!((20..=80).contains(&copied.len()), "{} dossiers", copied.len());
    let reported = stdout.split("dossiers ").nth(1).and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next()).unwrap();
    assert_eq!(reported, copied.len().to_string(), "the command reports what the copy holds");
    assert!(!out_dir.path().join("mytho-backup.sqlite3.partial").exists(), "no half-written copy is left");
    // Personal data: the database, its WAL and shared-memory files and the copy are the owner's alone,
    // whatever the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut wal = server.db_path.as_os_str().to_owned();
        wal.push("-wal");
        for file in [server.db_path.clone(), wal.into(), target.clone()] {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}: {mode:o}", file.display());
        }
    }

    // A backup never overwrites a file: the copy stays as it was.
    let again = run_backup(&[("MYTHO_DB_PATH", server.db_path.as_os_str())], &target);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(codes_in(&target).len(), copied.len());
    server.stop().await;

    // The restore: a gateway started on the copy serves a dossier to its owner, as before.
    let restored = Server::start_at(Some(common::OFFICER_TOKEN), Some(mytho_gateway::db::Database::Sqlite(target.clone())), None).await;
    let first = &before[0];
    let r = restored.get_h(&format!("/api/v1/dossiers/{}/answers", first.code), &[(KEY, first.access_key.as_deref().unwrap())]).await;
    assert_eq!(r.status(), 200);
    let answers: mytho_core::dossier::StoredAnswers = r.json().await.unwrap();
    assert_eq!(answers.answers.get("address").map(String::as_str), Some("0 Hùng Vương"));
    restored.stop().await;
}

#[test]
fn a_backup_of_nothing_or_onto_nothing_says_what_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such.sqlite3");
    let out = run_backup(&[("MYTHO_DB_PATH", missing.as_os_str())], &tmp.path().join("copy.sqlite3"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database") && err.contains("MYTHO_DATABASE_URL"), "{err}");
    assert!(!tmp.path().join("copy.sqlite3").exists());

    let pg = Command::new(BIN).env_clear().env("MYTHO_DATABASE_URL", "postgres://mytho:secret@db/mytho").arg("backup").arg("x").output().unwrap();
    assert_eq!(pg.status.code(), Some(2));
    let err = String::from_utf8_lossy(&pg.stderr);
    assert!(err.contains("PostgreSQL") && !err.contains("secret"), "{err}");
}
