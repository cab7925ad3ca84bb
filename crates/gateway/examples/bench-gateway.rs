//! `make bench-gateway`: dossier submissions a second and their p50/p99 on this machine, for the
//! gateway on SQLite, on PostgreSQL, and as two gateways on one PostgreSQL database (#18). A report,
//! not a test: it prints figures for the README and asserts only that every submission was taken.
//!
//! Usage: bench-gateway <mytho-gateway binary> [submissions] [at once]; PostgreSQL at
//! MYTHO_TEST_POSTGRES_URL (scripts/with-postgres.sh, durable when MYTHO_PG_DURABLE=1).

#[path = "../tests/common/mod.rs"]
mod common;

use common::{submit, Gateway};
use mytho_gateway::db::Database;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bin = Path::new(args.first().map(String::as_str).unwrap_or("target/server/mytho-gateway")).to_path_buf();
    let total: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(4000);
    let at_once: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(64);
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    common::make_dist(&dist);
    println!("{total} dossier submissions, {at_once} at once, {} cores", std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("{:<28} {:>14} {:>9} {:>9}", "database", "submissions/s", "p50 ms", "p99 ms");
    let sqlite = Database::Sqlite(tmp.path().join("bench.sqlite3"));
    run("SQLite, one gateway", &bin, &dist, &sqlite, 1, total, at_once).await;
    if std::env::var_os("MYTHO_TEST_POSTGRES_URL").is_none() {
        println!("(PostgreSQL skipped: run through scripts/with-postgres.sh, as make bench-gateway does)");
        return;
    }
    let one = common::new_postgres_database().await;
    run("PostgreSQL, one gateway", &bin, &dist, &one, 1, total, at_once).await;
    let two = common::new_postgres_database().await;
    run("PostgreSQL, two gateways", &bin, &dist, &two, 2, total, at_once).await;
}

async fn run(name: &str, bin: &Path, dist: &Path, database: &Database, gateways: usize, total: usize, at_once: usize) {
    let mut started = Vec::new();
    for _ in 0..gateways {
        started.push(Gateway::start(bin, dist, database).await);
    }
    let bases: Arc<Vec<String>> = Arc::new(started.iter().map(|g| g.base.clone()).collect());
    let client = reqwest::Client::builder().pool_max_idle_per_host(at_once).build().unwrap();
    // Warm up the connections and the statement caches.
    for (i, base) in bases.iter().enumerate() {
        submit(client.clone(), base.clone(), format!("k-warm-{i:016}"), "192.0.2.1".into()).await.unwrap();
    }
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let clock = Instant::now();
    let workers: Vec<_> = (0..at_once)
        .map(|_| {
            let (client, bases, next) = (client.clone(), bases.clone(), next.clone());
            tokio::spawn(async move {
                let mut times = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= total {
                        return times;
                    }
                    // Each submission from an address of its own: the write allowances are not measured here.
                    let from = format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256);
                    let sent = Instant::now();
                    let r = submit(client.clone(), bases[i % bases.len()].clone(), format!("k-bench-{i:016}"), from).await.unwrap();
                    assert_eq!(r.status(), 201, "every submission is taken");
                    times.push(sent.elapsed());
                }
            })
        })
        .collect();
    let mut times: Vec<Duration> = Vec::with_capacity(total);
    for w in workers {
        times.extend(w.await.unwrap());
    }
    let elapsed = clock.elapsed();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0;
    println!("{name:<28} {:>14.0} {:>9.1} {:>9.1}", total as f64 / elapsed.as_secs_f64(), at(0.50), at(0.99));
}
