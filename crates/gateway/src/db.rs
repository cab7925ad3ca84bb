//! The database: a SQLite file or a PostgreSQL server, opened once, migrated at start, used from
//! blocking tasks through `store`'s interface.

use crate::store;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
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
    include_str!("../migrations/0015_write_limits.sql"),
];

/// Where the gateway stores: a SQLite file (the default) or a PostgreSQL server shared by several
/// gateways. Its debug text never shows a server's address (it may hold a password).
#[derive(Clone, PartialEq)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "SQLite {}", path.display()),
            Database::Postgres(_) => f.write_str("PostgreSQL (MYTHO_DATABASE_URL)"),
        }
    }
}

impl std::fmt::Display for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// Connections at once to a PostgreSQL server, per gateway: a few more than the machine's cores, as
/// the server works best with (its `max_connections` must allow this times the gateways).
const POOL_SIZE: usize = 16;

#[derive(Clone)]
pub struct Db {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Sqlite(Arc<Mutex<rusqlite::Connection>>),
    Postgres(deadpool_postgres::Pool),
}

impl Db {
    /// Opens and migrates the database; the error says what to fix.
    pub async fn open(database: &Database) -> Result<Db, String> {
        match database {
            Database::Sqlite(path) => Db::open_sqlite(path),
            Database::Postgres(url) => Db::open_postgres(url).await,
        }
    }

    /// Opens (creating the folder and file if needed) and migrates.
    pub fn open_sqlite(path: &Path) -> Result<Db, String> {
        let hint = "make sure the folder exists and is writable, or set MYTHO_DB_PATH to another file";
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the data folder {}: {e}; {hint}", dir.display()))?;
        }
        private_file(path).map_err(|e| format!("cannot create the database {}: {e}; {hint}", path.display()))?;
        let mut conn = Connection::open(path)
            .map_err(|e| format!("cannot open the database {}: {e}; {hint}", path.display()))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
            .map_err(|e| format!("cannot use the database {}: {e}; {hint}", path.display()))?;
        migrate(&mut conn).map_err(|e| format!("cannot migrate the database {}: {e}; {hint}", path.display()))?;
        Ok(Db { backend: Backend::Sqlite(Arc::new(Mutex::new(conn))) })
    }

    /// A pool of connections to the server, its schema migrated (by one gateway at a time).
    async fn open_postgres(url: &str) -> Result<Db, String> {
        let hint = "check MYTHO_DATABASE_URL (it is not repeated here: it may hold a password) and that the server is up";
        let config: tokio_postgres::Config = url.parse().map_err(|_| format!("MYTHO_DATABASE_URL is not a PostgreSQL address; {hint}"))?;
        let manager = deadpool_postgres::Manager::from_config(
            config,
            tokio_postgres::NoTls,
            deadpool_postgres::ManagerConfig { recycling_method: deadpool_postgres::RecyclingMethod::Fast },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| format!("cannot use PostgreSQL: {e}"))?;
        let client = pool.get().await.map_err(|e| format!("cannot reach the PostgreSQL server: {e}; {hint}"))?;
        migrate_postgres(&client).await.map_err(|e| format!("cannot migrate the PostgreSQL database: {e}"))?;
        drop(client);
        Ok(Db { backend: Backend::Postgres(pool) })
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.backend, Backend::Postgres(_))
    }

    /// Runs `f` with a connection on a blocking thread.
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut store::Connection) -> store::Result<T> + Send + 'static,
    ) -> store::Result<T> {
        let task = match &self.backend {
            Backend::Sqlite(conn) => {
                let conn = conn.clone();
                tokio::task::spawn_blocking(move || {
                    let guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    f(&mut store::Connection::sqlite(&guard))
                })
            }
            Backend::Postgres(pool) => {
                let client = pool.get().await.map_err(|e| store::Error::Other(format!("cannot reach PostgreSQL: {e}")))?;
                let runtime = tokio::runtime::Handle::current();
                tokio::task::spawn_blocking(move || f(&mut store::Connection::postgres(&client, runtime)))
            }
        };
        task.await.unwrap_or_else(|e| Err(store::Error::Other(format!("database task failed: {e}"))))
    }
}

/// Applies the migrations a PostgreSQL database lacks, each in its own transaction, under a lock
/// so that gateways starting together migrate once. The version is kept in `gateway_meta`.
async fn migrate_postgres(client: &tokio_postgres::Client) -> Result<(), String> {
    const LOCK: i64 = 0x6d7974686f; // "mytho"
    client.execute("SELECT pg_advisory_lock($1)", &[&LOCK]).await.map_err(|e| e.to_string())?;
    let result = async {
        let exists: bool = client.query_one("SELECT to_regclass('gateway_meta') IS NOT NULL", &[]).await?.get(0);
        let applied = if exists {
            client
                .query_opt("SELECT value FROM gateway_meta WHERE key = 'schema_version'", &[])
                .await?
                .and_then(|r| r.get::<_, String>(0).parse::<usize>().ok())
                .unwrap_or(0)
        } else {
            0
        };
        if applied > MIGRATIONS.len() {
            return Err(store::Error::Other(format!(
                "the database is at version {applied}, newer than this gateway ({}); use a newer gateway",
                MIGRATIONS.len()
            )));
        }
        for (i, sql) in postgres_migrations().enumerate().skip(applied) {
            client.batch_execute("BEGIN").await?;
            client.batch_execute(&sql).await?;
            client
                .execute(
                    "INSERT INTO gateway_meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    &[&(i + 1).to_string()],
                )
                .await?;
            client.batch_execute("COMMIT").await?;
            tracing::info!("database migrated to version {}", i + 1);
        }
        Ok(())
    }
    .await
    .map_err(|e: store::Error| e.to_string());
    if result.is_err() {
        let _ = client.batch_execute("ROLLBACK").await;
    }
    client.execute("SELECT pg_advisory_unlock($1)", &[&LOCK]).await.map_err(|e| e.to_string())?;
    result
}

/// The migrations applied to the database in use.
pub fn version(conn: &store::Connection) -> store::Result<i64> {
    if conn.is_postgres() {
        let text: String = conn.query_row("SELECT value FROM gateway_meta WHERE key = 'schema_version'", [], |r| r.get(0))?;
        return text.parse().map_err(store::Error::other);
    }
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
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
    private_file(&partial).map_err(|e| format!("cannot create {}: {e}", partial.display()))?;
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

/// Creates `path` readable by its owner only (0600), if it is not there: it holds citizens' personal
/// data. SQLite gives its `-wal` and `-shm` files the database's own mode.
fn private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
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
/// unchanged. A table without an integer key gets SQLite's implicit `rowid` as a real column, so
/// that queries ordering by it mean the same on both. `tests/postgres.rs` applies them to a real
/// server and compares the schema with SQLite's, so a migration this cannot translate is caught there.
pub fn postgres_migrations() -> impl Iterator<Item = String> {
    MIGRATIONS.iter().map(|sql| {
        with_rowids(sql)
            .replace(
                "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            )
            .replace("INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
            .replace(" INTEGER", " BIGINT")
            .replace(" BLOB", " BYTEA")
            .replace(" REAL", " DOUBLE PRECISION")
    })
}

/// The column PostgreSQL tables get where SQLite's have only the implicit `rowid`.
pub const ROWID_COLUMN: &str = "rowid BIGINT GENERATED ALWAYS AS IDENTITY";

fn with_rowids(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find("CREATE TABLE") {
        let Some(open) = rest[at..].find('(').map(|i| at + i) else { break };
        let mut depth = 0;
        let close = rest[open..]
            .char_indices()
            .find_map(|(i, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                (depth == 0).then_some(open + i)
            })
            .unwrap_or(rest.len());
        let body = &rest[open..close];
        out.push_str(&rest[..close]);
        if !body.contains("INTEGER PRIMARY KEY") {
            out.push_str(",\n    ");
            out.push_str(ROWID_COLUMN);
            out.push('\n');
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn other_error(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR), Some(message))
}
