//! Two gateway processes on one PostgreSQL database, as behind a load balancer (#18): exactly-once
//! holds across them, a lock on a second factor set through one is honoured by the other, a client's
//! write allowance is one across both, and killing one mid-burst loses no dossier it acknowledged. Runs with MYTHO_TEST_BACKEND=postgres (make test).

mod common;

use common::{submit, Gateway, L4};

const BIN: &str = env!("CARGO_BIN_EXE_mytho-gateway");
use mytho_core::dossier::Receipt;
use mytho_gateway::db::{Database, Db};
use std::collections::BTreeSet;

/// A client address of its own for request `i` (each under its own write allowance).
fn address(i: usize) -> String {
    format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256)
}

fn key(prefix: &str, i: usize) -> String {
    format!("k-{prefix}-{i:016}")
}

async fn two_gateways() -> Option<(tempfile::TempDir, Database, Gateway, Gateway)> {
    if !common::postgres() {
        eprintln!("skipped: two gateways share a PostgreSQL server (MYTHO_TEST_BACKEND=postgres, as make test runs)");
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    common::make_dist(&dist);
    let database = common::new_postgres_database().await;
    let (a, b) = tokio::join!(Gateway::start(BIN.as_ref(), &dist, &database), Gateway::start(BIN.as_ref(), &dist, &database));
    Some((tmp, database, a, b))
}

async fn count(db: &Db, sql: &'static str) -> i64 {
    db.call(move |c| c.query_row(sql, [], |r| r.get(0))).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_once_and_second_factor_locks_hold_across_two_gateways() {
    let Some((_tmp, database, a, b)) = two_gateways().await else { return };
    let client = reqwest::Client::new();

    // The same key sent to both at once, many times over: one dossier per key.
    for i in 0..20 {
        let k = key("both", i);
        let (from_a, from_b) = (address(i), address(1000 + i));
        let (ra, rb) = tokio::join!(a.submit(&client, &k, &from_a), b.submit(&client, &k, &from_b));
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
        statuses.sort();
        assert_eq!(statuses, [200, 201], "one made it, the other got the same dossier back");
        let (ca, cb) = (ra.json::<Receipt>().await.unwrap().code, rb.json::<Receipt>().await.unwrap().code);
        assert_eq!(ca, cb);
    }
    let db = Db::open(&database).await.unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM dossiers").await, 20);

    // 200 submissions spread over both, at once: 200 distinct codes.
    let sent: Vec<_> = (0..200)
        .map(|i| {
            let base = if i % 2 == 0 { a.base.clone() } else { b.base.clone() };
            tokio::spawn(submit(client.clone(), base, key("spread", i), address(2000 + i)))
        })
        .collect();
    let mut codes = BTreeSet::new();
    for task in sent {
        let r = task.await.unwrap().unwrap();
        assert_eq!(r.status(), 201);
        codes.insert(r.json::<Receipt>().await.unwrap().code);
    }
    assert_eq!(codes.len(), 200);
    assert_eq!(count(&db, "SELECT count(*) FROM dossiers").await, 220);

    // A guesser locked out through one gateway is locked out through the other.
    let receipt: Receipt = a.submit(&client, &key("guess", 0), "198.51.100.1").await.unwrap().json().await.unwrap();
    let path = format!("/api/v1/dossiers/{}", receipt.code);
    let guess = |g: &Gateway, digits: &str| {
        client.get(format!("{}{path}", g.base)).header("x-forwarded-for", "203.0.113.66").header(L4, digits).send()
    };
    let allowed = mytho_gateway::guard::Secret::SecondFactor.per_client().failures;
    for i in 0..allowed {
        assert_eq!(guess(&a, &format!("{i:04}")).await.unwrap().status(), 404);
    }
    assert_eq!(guess(&b, "4321").await.unwrap().status(), 429, "the other gateway honours the lock");
    assert_eq!(guess(&a, "4321").await.unwrap().status(), 429);

    // One client's allowance of submissions is one across both gateways, not one each.
    let (_, burst) = mytho_gateway::limits::Write::Dossiers.allowance();
    for i in 0..burst as usize {
        let gateway = if i % 2 == 0 { &a } else { &b };
        assert_eq!(gateway.submit(&client, &key("allowance", i), "198.51.100.50").await.unwrap().status(), 201, "submission {i}");
    }
    for gateway in [&a, &b] {
        let r = gateway.submit(&client, &key("allowance", 99), "198.51.100.50").await.unwrap();
        assert_eq!(r.status(), 429);
        assert!(r.headers().contains_key("retry-after"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_killed_mid_burst_loses_no_acknowledged_dossier() {
    let Some((_tmp, database, mut a, b)) = two_gateways().await else { return };
    let client = reqwest::Client::new();
    let sent: Vec<_> = (0..400)
        .map(|i| {
            let base = if i % 2 == 0 { a.base.clone() } else { b.base.clone() };
            let client = client.clone();
            tokio::spawn(async move {
                let r = submit(client, base, key("burst", i), address(5000 + i)).await.ok()?;
                if r.status() != 201 {
                    return None;
                }
                r.json::<Receipt>().await.ok().map(|receipt| receipt.code)
            })
        })
        .collect();
    // Killed while the burst is under way: no chance to finish anything.
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    let mut acknowledged = Vec::new();
    for task in sent {
        if let Some(code) = task.await.unwrap() {
            acknowledged.push(code);
        }
    }
    assert!(acknowledged.len() >= 200, "the other gateway's half at least: {}", acknowledged.len());
    assert!(acknowledged.len() < 400, "the killed gateway had requests in flight: {}", acknowledged.len());
    let db = Db::open(&database).await.unwrap();
    let stored: BTreeSet<String> = db
        .call(|c| c.query("SELECT code FROM dossiers", [])?.iter().map(|r| r.get(0)).collect())
        .await
        .unwrap();
    let lost: Vec<&String> = acknowledged.iter().filter(|c| !stored.contains(*c)).collect();
    assert!(lost.is_empty(), "acknowledged but not stored: {lost:?}");
    // The survivor still serves.
    assert_eq!(b.submit(&client, &key("after", 0), "198.51.100.9").await.unwrap().status(), 201);
}
