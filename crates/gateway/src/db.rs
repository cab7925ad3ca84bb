//! The SQLite database: opened once, migrated at start, used from blocking tasks.

use rusqlite::Connection;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Migrations in order; the database's `user_version` says how many have been applied.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_faq_feedback.sql"),
    include_str!("../migrations/0003_procedures.sql"),
    include_str!("../migrations/0004_dossiers.sql"),
    include_str!("../migrations/0005_payments.sql"),
    include_str!("../migrations/0006_drafts.sql"),
    include_str!("../migrations/0007_uploads.sql"),
    include_str!("../migrations/0008_upload_links.sql"),
    include_str!("../migrations/0009_dossier_fees.sql"),
    include_str!("../migrations/0010_classes.sql"),
    include_str!("../migrations/0011_join_failures_by_client.sql"),
    include_str!("../migrations/0012_security.sql"),
    include_str!("../migrations/0013_reports.sql"),
    include_str!("../migrations/0014_report_keys.sql"),
];

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating the folder and file if needed) and migrates. The error says what to fix.
    pub fn open(path: &Path) -> Result<Db, String> {
        let hint = "make sure the folder exists and is writable, or set MYTHO_DB_PATH to another file";
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the data folder {}: {e}; {hint}", dir.display()))?;
        }
        let mut conn = Connection::open(path)
            .map_err(|e| format!("cannot open the database {}: {e}; {hint}", path.display()))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
            .map_err(|e| format!("cannot use the database {}: {e}; {hint}", path.display()))?;
        migrate(&mut conn).map_err(|e| format!("cannot migrate the database {}: {e}; {hint}", path.display()))?;
        Ok(Db { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Runs `f` with the connection at start, before the server takes requests.
    pub fn seed<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
        let mut guard = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> rusqlite::Result<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .unwrap_or_else(|e| Err(other_error(format!("database task failed: {e}"))))
    }
}

pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let applied = schema_version(conn)? as usize;
    if applied > MIGRATIONS.len() {
        return Err(other_error(format!(
            "the database is at version {applied}, newer than this gateway ({}); use a newer gateway",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
        tracing::info!("database migrated to version {}", i + 1);
    }
    Ok(())
}

/// A consistent copy of the database at `source`, taken while gateways use it: SQLite's online backup
/// API copies every page in one step under one read transaction, which in WAL mode holds no writer up.
/// The copy is written beside `target`, checked (`integrity_check`), and only then renamed into place;
/// an existing `target` is never overwritten. Returns the copy's schema version and each table's rows.
pub fn backup(source: &Path, target: &Path) -> Result<(i64, Vec<(String, i64)>), String> {
    use rusqlite::backup::{Backup, StepResult};
    if target.exists() {
        return Err(format!("{} already exists: a backup never overwrites; name a new file", target.display()));
    }
    let src = open_existing(source)?;
    let mut partial = target.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    let copied = (|| -> rusqlite::Result<(i64, Vec<(String, i64)>)> {
        let mut dst = Connection::open(&partial)?;
        {
            let backup = Backup::new(&src, &mut dst)?;
            // Busy or locked only while another process checkpoints; a few seconds of retries.
            let mut waits = 0;
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::Busy | StepResult::Locked if waits < 100 => {
                        waits += 1;
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    StepResult::More => {}
                    _ => return Err(other_error("the database stayed locked; try again".into())),
                }
            }
        }
        let check: String = dst.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if check != "ok" {
            return Err(other_error(format!("the copy failed its integrity check: {check}")));
        }
        Ok((schema_version(&dst)?, table_counts(&dst)?))
    })();
    match copied {
        Ok(report) => {
            std::fs::rename(&partial, target).map_err(|e| format!("cannot put the copy at {}: {e}", target.display()))?;
            Ok(report)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(format!("cannot back up to {}: {e}", target.display()))
        }
    }
}

/// An existing database, read-only, for the commands that copy it (never created, never migrated).
pub fn open_existing(source: &Path) -> Result<Connection, String> {
    if !source.is_file() {
        return Err(format!("there is no database at {}; set MYTHO_DATABASE_URL or MYTHO_DB_PATH to the gateway's file", source.display()));
    }
    Connection::open_with_flags(source, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("cannot open the database {}: {e}", source.display()))
}

/// "table rows, …": what a copy holds, as the commands print it.
pub fn counts_text(tables: &[(String, i64)]) -> String {
    tables.iter().map(|(name, n)| format!("{name} {n}")).collect::<Vec<_>>().join(", ")
}

/// Every table's name and number of rows, by name.
pub fn table_counts(conn: &Connection) -> rusqlite::Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let rows = conn.query_row(&format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")), [], |row| row.get(0))?;
            Ok((name, rows))
        })
        .collect()
}

/// The migrations in PostgreSQL's dialect, made from SQLite's (one source): BIGINT for its integers,
/// BYTEA for its blobs, identity keys, and times as the same `YYYY-MM-DDTHH:MM:SSZ` text, so rows copy
/// unchanged. The ground for #18's server-backed storage; `tests/postgres.rs` applies them to a real
/// server and compares the schema with SQLite's, so a migration this cannot translate is caught there.
pub fn postgres_migrations() -> impl Iterator<Item = String> {
    MIGRATIONS.iter().map(|sql| {
        sql.replace(
            "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
        )
        .replace("INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        .replace(" INTEGER", " BIGINT")
        .replace(" BLOB", " BYTEA")
        .replace(" REAL", " DOUBLE PRECISION")
    })
}

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn other_error(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR), Some(message))
}
