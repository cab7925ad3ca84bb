//! The migrations in PostgreSQL's dialect on a real server (`scripts/with-postgres.sh`, which `make test` runs around
//! the tests; its address is in MYTHO_TEST_POSTGRES_URL): they apply in order, give the tables, columns,
//! types, nullability and indexes that SQLite's give, and keep what exactly-once rests on (unique keys) and
//! the times' text format.

mod common;

use std::collections::BTreeSet;
use tokio_postgres::{Client, NoTls};

/// A fresh schema of its own on the test server, or `None` (with a note) outside `make test`.
async fn server(name: &str) -> Option<Client> {
    let Ok(url) = std::env::var("MYTHO_TEST_POSTGRES_URL") else {
        assert!(std::env::var_os("CI").is_none(), "CI runs these under scripts/with-postgres.sh (make test)");
        eprintln!("skipped: no MYTHO_TEST_POSTGRES_URL (run through scripts/with-postgres.sh, as make test does)");
        return None;
    };
    let (client, connection) = tokio_postgres::connect(&url, NoTls).await.expect("the test server answers");
    tokio::spawn(connection);
    let schema = format!("t_{name}_{}", std::process::id());
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; SET search_path TO {schema}"))
        .await
        .unwrap();
    Some(client)
}

async fn migrated(name: &str) -> Option<Client> {
    let client = server(name).await?;
    for (i, sql) in mytho_gateway::db::postgres_migrations().enumerate() {
        client.batch_execute(&sql).await.unwrap_or_else(|e| panic!("PostgreSQL migration {} fails: {e:?}", i + 1));
    }
    Some(client)
}

/// (table, column, type as PostgreSQL names it, nullable).
type Columns = BTreeSet<(String, String, String, bool)>;

/// SQLite's schema after its migrations: its columns and named indexes.
fn sqlite_schema() -> (Columns, BTreeSet<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("schema.sqlite3");
    drop(mytho_gateway::db::Db::open_sqlite(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = mytho_gateway::db::table_counts(&conn).unwrap().into_iter().map(|(t, _)| t).collect();
    let mut columns = BTreeSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})")).unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(5)?)))
            .unwrap();
        for row in rows {
            let (column, ty, notnull, pk) = row.unwrap();
            let ty = match ty.as_str() {
                "INTEGER" => "bigint",
                "TEXT" => "text",
                "BLOB" => "bytea",
                "REAL" => "double precision",
                other => panic!("{table}.{column}: a type the PostgreSQL form has no mapping for: {other}"),
            };
            // A key column is never null in either (SQLite's INTEGER PRIMARY KEY is the row id).
            columns.insert((table.clone(), column, ty.to_string(), notnull == 0 && pk == 0));
        }
    }
    let indexes = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    (columns, indexes)
}

#[tokio::test]
async fn the_postgresql_migrations_give_sqlite_s_schema() {
    let Some(pg) = migrated("schema").await else { return };
    let (sqlite_columns, sqlite_indexes) = sqlite_schema();
    let rows = pg
        .query(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'YES'
               FROM information_schema.columns WHERE table_schema = current_schema()",
            &[],
        )
        .await
        .unwrap();
    let mut pg_columns: Columns = rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect();
    // SQLite's implicit row id, a real column in PostgreSQL where a table has no integer key.
    let rowids: BTreeSet<String> = pg_columns.iter().filter(|c| c.1 == "rowid").map(|c| c.0.clone()).collect();
    assert!(rowids.contains("payments") && rowids.contains("class_learners") && !rowids.contains("dossier_events"), "{rowids:?}");
    pg_columns.retain(|c| c.1 != "rowid");
    assert!(sqlite_columns.len() > 100, "the whole schema is compared ({} columns)", sqlite_columns.len());
    let only_sqlite: Vec<_> = sqlite_columns.difference(&pg_columns).collect();
    let only_pg: Vec<_> = pg_columns.difference(&sqlite_columns).collect();
    assert!(only_sqlite.is_empty() && only_pg.is_empty(), "only in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_pg:?}");

    // Explicit indexes by name (keys and UNIQUE columns make their own in both).
    let rows = pg
        .query(
            "SELECT i.relname::text FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
               JOIN pg_namespace n ON n.oid = i.relnamespace
              WHERE n.nspname = current_schema() AND NOT x.indisprimary
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            &[],
        )
        .await
        .unwrap();
    let pg_indexes: BTreeSet<String> = rows.iter().map(|r| r.get(0)).collect();
    assert_eq!(pg_indexes, sqlite_indexes);
}

#[tokio::test]
async fn keys_that_make_writes_exactly_once_hold_and_times_read_as_in_sqlite() {
    let Some(pg) = migrated("keys").await else { return };
    let dossier = "INSERT INTO dossiers (code, procedure_id, idempotency_key, body_hash, answers, phone, status, appointment)
                   VALUES ($1, 'thuong-tru', $2, 'h', '{}', '0987654321', 'submitted', '2026-12-04') RETURNING submitted_at";
    let row = pg.query_one(dossier, &[&"MTS-261203-AAAAAA", &"key-1"]).await.unwrap();
    let at: String = row.get(0);
    let shape: String = at.chars().map(|c| if c.is_ascii_digit() { 'd' } else { c }).collect();
    assert_eq!(shape, "dddd-dd-ddTdd:dd:ddZ", "the same text as SQLite's strftime: {at}");
    let err = pg.query_one(dossier, &[&"MTS-261203-BBBBBB", &"key-1"]).await.unwrap_err();
    assert_eq!(err.code(), Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION), "one dossier per idempotency key");
    let err = pg.query_one(dossier, &[&"MTS-261203-AAAAAA", &"key-2"]).await.unwrap_err();
    assert_eq!(err.code(), Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION), "dossier codes are unique");

    // Reports: a key at most once, and any number of reports sent without one.
    let report = "INSERT INTO reports (id, service_code, client, idempotency_key) VALUES ($1, 'rac-thai', 'c', $2)";
    pg.execute(report, &[&"r1", &Some("k")]).await.unwrap();
    assert!(pg.execute(report, &[&"r2", &Some("k")]).await.is_err());
    pg.execute(report, &[&"r3", &None::<&str>]).await.unwrap();
    pg.execute(report, &[&"r4", &None::<&str>]).await.unwrap();

    // Events take their ids from the identity column, in order; an event for no dossier is refused.
    let event = "INSERT INTO dossier_events (code, status) VALUES ($1, 'submitted') RETURNING id";
    let first: i64 = pg.query_one(event, &[&"MTS-261203-AAAAAA"]).await.unwrap().get(0);
    let second: i64 = pg.query_one(event, &[&"MTS-261203-AAAAAA"]).await.unwrap().get(0);
    assert!(second > first);
    let err = pg.query_one(event, &[&"MTS-000000-NOSUCH"]).await.unwrap_err();
    assert_eq!(err.code(), Some(&tokio_postgres::error::SqlState::FOREIGN_KEY_VIOLATION));
    let created: String = pg.query_one("SELECT value FROM gateway_meta WHERE key = 'created_at'", &[]).await.unwrap().get(0);
    assert_eq!(created.len(), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_moves_from_sqlite_to_postgresql_with_every_row() {
    let Some(pg) = server("copy").await else { return };
    let base = std::env::var("MYTHO_TEST_POSTGRES_URL").unwrap();
    let db = format!("mytho_copy_{}", std::process::id());
    pg.execute(&format!("DROP DATABASE IF EXISTS {db}"), &[]).await.unwrap();
    pg.execute(&format!("CREATE DATABASE {db}"), &[]).await.unwrap();
    let target = format!("{}/{db}", base.rsplit_once('/').unwrap().0);

    // A city with dossiers (and their events), an officer's change, FAQ feedback and an upload.
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("city.sqlite3");
    let city = common::Server::start_at(Some(common::OFFICER_TOKEN), Some(mytho_gateway::db::Database::Sqlite(path.clone())), None).await;
    let mut codes = Vec::new();
    for n in 0..12 {
        let body = common::residence_body(&format!("copy-key-{n:016}"), &format!("{n} Ấp Bắc"));
        let r = city.post_h("/api/v1/dossiers", &body, &[("x-forwarded-for", format!("192.0.2.{}", n + 1).as_str())]).await;
        assert_eq!(r.status(), 201);
        codes.push(r.json::<mytho_core::dossier::Receipt>().await.unwrap().code);
    }
    let r = city.post_with(&format!("/api/v1/officer/dossiers/{}/status", codes[0]), &serde_json::json!({"status": "received"}), Some(common::OFFICER_TOKEN)).await;
    assert!(r.status().is_success(), "{}", r.status());
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..600u32).map(|i| (i % 251) as u8));
    let r = reqwest::Client::new().post(format!("{}/api/v1/uploads", city.base)).header("content-type", "application/pdf").body(pdf.clone()).send().await.unwrap();
    let upload = r.json::<mytho_core::dossier::Uploaded>().await.unwrap().id;
    city.stop().await;

    let bin = env!("CARGO_BIN_EXE_mytho-gateway");
    let run = |url: &str| std::process::Command::new(bin).env_clear().env("MYTHO_DB_PATH", &path).arg("migrate-to").arg(url).output().unwrap();
    // Blocking is fine here: the city's gateway is stopped.
    let out = run(&target);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{stdout} {}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("dossiers 12") && !stdout.contains(&target), "{stdout}");

    // Every table counts the same, and the dossiers read the same, field by field.
    let sqlite = rusqlite::Connection::open(&path).unwrap();
    let (copy, connection) = tokio_postgres::connect(&target, NoTls).await.unwrap();
    tokio::spawn(connection);
    for (table, rows) in mytho_gateway::db::table_counts(&sqlite).unwrap() {
        let copied: i64 = copy.query_one(&format!("SELECT count(*) FROM {table}"), &[]).await.unwrap().get(0);
        let expected = if table == "gateway_meta" { rows + 1 } else { rows };
        assert_eq!(copied, expected, "{table}");
    }
    let mut stmt = sqlite.prepare("SELECT code, answers, phone, status, submitted_at, access_key_hash FROM dossiers ORDER BY code").unwrap();
    let here: Vec<(String, String, String, String, String, Option<String>)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))).unwrap().map(Result::unwrap).collect();
    let there: Vec<(String, String, String, String, String, Option<String>)> = copy
        .query("SELECT code, answers, phone, status, submitted_at, access_key_hash FROM dossiers ORDER BY code", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
        .collect();
    assert_eq!(here, there);
    assert_eq!(here.len(), 12);
    let data: Vec<u8> = copy.query_one("SELECT data FROM uploads WHERE id = $1", &[&upload]).await.unwrap().get(0);
    assert_eq!(data, pdf, "an attachment's bytes, unchanged");
    // The events' identity continues after the copied ids.
    let max: i64 = copy.query_one("SELECT max(id) FROM dossier_events", &[]).await.unwrap().get(0);
    let next: i64 = copy.query_one("INSERT INTO dossier_events (code, status) VALUES ($1, 'received') RETURNING id", &[&codes[1]]).await.unwrap().get(0);
    assert!(next > max);

    // Never over a city's data: a second copy into the same database is refused, and changes nothing.
    let again = run(&target);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    let dossiers: i64 = copy.query_one("SELECT count(*) FROM dossiers", &[]).await.unwrap().get(0);
    assert_eq!(dossiers, 12);
}
