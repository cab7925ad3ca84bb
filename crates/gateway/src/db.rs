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

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn other_error(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR), Some(message))
}
