//! The migrations in PostgreSQL's dialect on a real server (`scripts/with-postgres.sh`, which `make test` runs around
//! the tests; its address is in MYTHO_TEST_POSTGRES_URL): they apply in order, give the tables, columns,
//! types, nullability and indexes that SQLite's give, and keep what exactly-once rests on (unique keys) and
//! the times' text format.

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
    drop(mytho_gateway::db::Db::open(&path).unwrap());
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
    let pg_columns: Columns = rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect();
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
