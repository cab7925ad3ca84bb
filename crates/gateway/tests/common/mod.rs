//! What the gateway's HTTP tests share: a small `dist/` and a real gateway on a free port with its own
//! database: a SQLite file, or with MYTHO_TEST_BACKEND=postgres a new database on the server at
//! MYTHO_TEST_POSTGRES_URL (`scripts/with-postgres.sh`).
#![allow(dead_code)]


use mytho_gateway::config::GatewayConfig;
use mytho_gateway::db::{Database, Db};
use mytho_gateway::store::{FromSql, Row, ToSql, Value};
use mytho_gateway::{assets, AppState};
use std::net::SocketAddr;
use std::path::Path;

/// An Open311 client's key the test gateway accepts (besides the app's own, in config.json).
pub const OPEN311_KEY: &str = "test-client-key";
pub const VNPAY_SECRET: &str = "TESTSECRETKEY0123456789ABCDEFGHIJ";
pub const OFFICER_TOKEN: &str = "test-officer-token-0123456789abcdef";
pub const LOADER: &str = "import init from '/app-0123456789abcdef.js'; await init('/app-0123456789abcdef_bg.wasm');";
pub const WASM: &[u8] = b"\0asm\x01\0\0\0 pretend module, long enough to compress: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

pub fn index_html() -> String {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><style>body{{margin:0}} .button{{color:#fff}}</style>\
         <link rel=\"stylesheet\" href=\"/main-00112233aabbccdd.css\">\
         <script type=\"module\">{LOADER}</script></head><body><div id=\"app\"><h1>Mỹ Tho Số</h1></div></body></html>"
    )
}

/// The dossiers bundle's page: its own loader. (No FAQ page is built here: its addresses fall back to
/// the shell's page.)
pub fn dossiers_html() -> String {
    index_html().replace("/app-0123456789abcdef", "/dossiers-fedcba9876543210")
}

/// The forms bundle's page.
pub fn forms_html() -> String {
    index_html().replace("/app-0123456789abcdef", "/forms-0011223344556677")
}

pub fn make_dist(dir: &Path) {
    std::fs::write(dir.join("index.html"), index_html()).unwrap();
    std::fs::write(dir.join("dich-vu-cong.html"), dossiers_html()).unwrap();
    std::fs::write(dir.join("nop-ho-so.html"), forms_html()).unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js"), "export default function init() {}\n".repeat(20)).unwrap();
    std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), WASM).unwrap();
    std::fs::write(dir.join("main-00112233aabbccdd.css"), "body { color: #1b1b1b; }\n".repeat(10)).unwrap();
    for file in ["config.json", "faq.json", "tourism.json", "lessons.json"] {
        std::fs::copy(format!("{}/../../public/{file}", env!("CARGO_MANIFEST_DIR")), dir.join(file)).unwrap();
    }
    assets::precompress(dir).unwrap();
}

/// The tests run against PostgreSQL (MYTHO_TEST_BACKEND=postgres), not SQLite.
pub fn postgres() -> bool {
    std::env::var("MYTHO_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// A new, empty database on the test server, for one gateway.
pub async fn new_postgres_database() -> Database {
    let url = std::env::var("MYTHO_TEST_POSTGRES_URL").expect("MYTHO_TEST_BACKEND=postgres runs inside scripts/with-postgres.sh");
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    let name = format!("t_{}", uuid_like());
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    Database::Postgres(format!("{base}/{name}"))
}

fn uuid_like() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A database for tests that restart a gateway on the same data: a file in `dir`, or a new
/// database on the test server.
pub async fn database_in(dir: &Path) -> Database {
    if postgres() {
        new_postgres_database().await
    } else {
        Database::Sqlite(dir.join("test.sqlite3"))
    }
}

/// The setting that names `database` to the gateway's command line.
pub fn database_env(database: &Database) -> (&'static str, String) {
    match database {
        Database::Sqlite(path) => ("MYTHO_DB_PATH", path.display().to_string()),
        Database::Postgres(url) => ("MYTHO_DATABASE_URL", url.clone()),
    }
}

pub struct Server {
    pub base: String,
    _tmp: tempfile::TempDir,
    /// The SQLite file (tests that read the file itself start with `start_at(_, Some(file), _)`).
    pub db_path: std::path::PathBuf,
    pub database: Database,
    /// The gateway's database, opened beside it for the tests' own checks.
    pub db: Db,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Server {
    pub async fn start() -> Server {
        Server::start_with(Some(OFFICER_TOKEN)).await
    }

    pub async fn start_with(officer_token: Option<&str>) -> Server {
        Server::start_at(officer_token, None, None).await
    }

    /// A gateway on the database file `db` (to restart on the same data), told it is reached at
    /// `public_url` (an https address behind a TLS proxy, say).
    pub async fn start_at(officer_token: Option<&str>, db: Option<Database>, public_url: Option<&str>) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let dist = tmp.path().join("dist");
        std::fs::create_dir(&dist).unwrap();
        make_dist(&dist);
        let database = match db {
            Some(db) => db,
            None if postgres() => new_postgres_database().await,
            None => Database::Sqlite(tmp.path().join("data").join("test.sqlite3")),
        };
        let db_path = match &database {
            Database::Sqlite(path) => path.clone(),
            Database::Postgres(_) => tmp.path().join("no-sqlite-file"),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let public_url = public_url.map_or_else(|| format!("http://{addr}"), str::to_string);
        let config = GatewayConfig {
            addr,
            database: database.clone(),
            dist,
            log_level: tracing::Level::WARN,
            officer_token: officer_token.map(str::to_string),
            agency_code: "MTS".into(),
            payments: mytho_gateway::config::PaymentConfig {
                vnpay: Some(mytho_gateway::config::VnpayConfig {
                    tmn_code: "MYTHOSO1".into(),
                    secret: VNPAY_SECRET.into(),
                    pay_url: format!("{public_url}/simulator/vnpay/pay"),
                }),
                simulator: true,
                vietqr: Some(("970436".into(), "1017595600".into(), "UBND PHUONG MY THO".into())),
            },
            public_url,
            // The test client stands in for a reverse proxy: X-Forwarded-For names the clients.
            trusted_proxy: Some(addr.ip()),
            demo: false,
            open311_keys: vec![OPEN311_KEY.into()],
        };
        let state = AppState::open(&config).await.unwrap();
        let db = Db::open(&database).await.unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(mytho_gateway::serve(listener, state, async {
            let _ = stopped.await;
        }));
        Server { base: format!("http://{addr}"), _tmp: tmp, db_path, database, db, stop: Some(stop), task: Some(task) }
    }

    /// Every row of a query on the gateway's database (in SQLite's dialect, as the gateway's own).
    pub async fn rows(&self, sql: &str, params: &[&dyn ToSql]) -> Vec<Row> {
        let (sql, values): (String, Vec<Value>) = (sql.to_string(), params.iter().map(|p| p.to_value()).collect());
        self.db.call(move |c| c.query(&sql, values)).await.unwrap()
    }

    /// The first column of the first row.
    pub async fn one<T: FromSql>(&self, sql: &str, params: &[&dyn ToSql]) -> T {
        let rows = self.rows(sql, params).await;
        rows.first().unwrap_or_else(|| panic!("no row: {sql}")).get(0).unwrap()
    }

    /// Runs a statement on the gateway's database; the rows it changed.
    pub async fn exec(&self, sql: &str, params: &[&dyn ToSql]) -> usize {
        let (sql, values): (String, Vec<Value>) = (sql.to_string(), params.iter().map(|p| p.to_value()).collect());
        self.db.call(move |c| c.execute(&sql, values)).await.unwrap()
    }

    /// GET as the client at `address` (the test client stands in for the trusted proxy).
    pub async fn get_as(&self, address: &str, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut all = vec![("x-forwarded-for", address)];
        all.extend_from_slice(headers);
        self.get_h(path, &all).await
    }

    pub async fn get(&self, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
        let mut req = reqwest::Client::new().get(format!("{}{path}", self.base));
        if let Some(enc) = accept_encoding {
            req = req.header("accept-encoding", enc);
        }
        req.send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &str) -> reqwest::Response {
        reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }

    /// GET with request headers (the second factor, an access key, a client's address).
    pub async fn get_h(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut req = reqwest::Client::new().get(format!("{}{path}", self.base));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.unwrap()
    }

    /// POST JSON with request headers.
    pub async fn post_h(&self, path: &str, body: &serde_json::Value, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut req = reqwest::Client::new().post(format!("{}{path}", self.base)).json(body);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.unwrap()
    }

    pub async fn post_with(&self, path: &str, body: &serde_json::Value, token: Option<&str>) -> reqwest::Response {
        let mut req = reqwest::Client::new().post(format!("{}{path}", self.base)).json(body);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        req.send().await.unwrap()
    }

    pub async fn stop(mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        self.task.take().unwrap().await.unwrap().unwrap();
    }
}

/// A permanent-residence dossier's body (fee 10,000 đ online), told apart by its key and address.
pub fn residence_body(key: &str, address: &str) -> serde_json::Value {
    serde_json::json!({
        "procedure_id": "thuong-tru", "idempotency_key": key,
        "answers": {
            "name": "Lê Văn Cường", "dob.day": "1", "dob.month": "2", "dob.year": "1990", "sex": "male",
            "id_number": "082090123456", "address": address, "ward": "28261", "basis": "owner",
            "phone": "0987 654 321"
        }
    })
}

pub const L4: &str = mytho_core::dossier::PHONE_LAST4_HEADER;
pub const KEY: &str = mytho_core::dossier::ACCESS_KEY_HEADER;

pub fn header<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers().get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

/// The gateway binary in a process of its own (killed and reaped when dropped).
pub struct Gateway {
    pub base: String,
    pub child: std::process::Child,
}

impl Gateway {
    /// The gateway binary on `database`, answering once its health check does.
    pub async fn start(bin: &Path, dist: &Path, database: &Database) -> Gateway {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let (setting, value) = database_env(database);
        let child = std::process::Command::new(bin)
            .env_clear()
            .env("MYTHO_ADDR", format!("127.0.0.1:{port}"))
            .env("MYTHO_DIST", dist)
            .env(setting, value)
            // The test stands in for the load balancer: X-Forwarded-For names the clients.
            .env("MYTHO_TRUSTED_PROXY", "127.0.0.1")
            .env("MYTHO_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Killed and reaped on drop, a failed start included.
        let gateway = Gateway { base: format!("http://127.0.0.1:{port}"), child };
        for _ in 0..200 {
            if reqwest::get(format!("{}/api/health", gateway.base)).await.is_ok_and(|r| r.status() == 200) {
                return gateway;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the gateway on {} did not come up", gateway.base);
    }

    pub async fn submit(&self, client: &reqwest::Client, key: &str, from: &str) -> reqwest::Result<reqwest::Response> {
        submit(client.clone(), self.base.clone(), key.to_string(), from.to_string()).await
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A residence dossier sent to the gateway at `base` as the client `from`.
pub async fn submit(client: reqwest::Client, base: String, key: String, from: String) -> reqwest::Result<reqwest::Response> {
    client.post(format!("{base}/api/v1/dossiers")).header("x-forwarded-for", from).json(&residence_body(&key, "12 Hùng Vương")).send().await
}
