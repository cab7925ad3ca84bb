//! What is kept only for a while is deleted on a timer, not only when someone writes: expired drafts,
//! files no dossier used, old failed attempts, ended classes (with their learners' names), and the write
//! limiter's idle clients.

use crate::AppState;
use crate::store::Connection;
use std::time::Duration;

/// How often the sweeper runs.
pub const EVERY: Duration = Duration::from_secs(10 * 60);
/// An ended class is kept this long for its trainer's list.
pub const CLASS_DAYS: u32 = 7;
/// A class never ended (a trainer who closed the tab) is deleted this long after it started.
pub const OPEN_CLASS_DAYS: u32 = 30;

/// Rows deleted, by kind.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub drafts: usize,
    pub uploads: usize,
    pub attempts: usize,
    pub classes: usize,
}

pub fn run(conn: &mut Connection, now: i64) -> crate::store::Result<Swept> {
    let tx = conn.transaction()?;
    let drafts = tx.execute("DELETE FROM drafts WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [])?;
    let uploads = crate::uploads::sweep(&tx)?;
    let attempts = crate::guard::sweep(&tx, now)?;
    crate::limits::sweep_shared(&tx)?;
    let ages = [format!("-{CLASS_DAYS} days"), format!("-{OPEN_CLASS_DAYS} days")];
    let ended = "SELECT code FROM classes WHERE closed_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?1)
                 OR created_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?2)";
    tx.execute(&format!("DELETE FROM class_learners WHERE class_code IN ({ended})"), crate::store::params![ages[0], ages[1]])?;
    let classes = tx.execute(&format!("DELETE FROM classes WHERE code IN ({ended})"), crate::store::params![ages[0], ages[1]])?;
    tx.commit()?;
    Ok(Swept { drafts, uploads, attempts, classes })
}

/// Sweeps once (at start, before requests are taken, so nothing races it).
pub async fn once(db: &crate::db::Db) {
    match db.call(|conn| run(conn, crate::guard::now())).await {
        Ok(s) if s != Swept::default() => tracing::info!("swept {s:?}"),
        Ok(_) => {}
        Err(e) => tracing::error!("sweeping: {e}"),
    }
}

/// Runs the sweeper every [`EVERY`], for as long as the server runs.
pub fn start(state: &AppState) {
    let (db, limits) = (state.db.clone(), state.limits.clone());
    tokio::spawn(async move {
        let mut timer = tokio::time::interval_at(tokio::time::Instant::now() + EVERY, EVERY);
        loop {
            timer.tick().await;
            once(&db).await;
            limits.sweep();
        }
    });
}
