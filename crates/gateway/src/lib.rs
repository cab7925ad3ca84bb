//! The reference city gateway: serves the built app and implements the city API over SQLite or
//! PostgreSQL.

pub mod api;
pub mod assets;
pub mod captive;
pub mod classes;
pub mod catalogue;
pub mod client;
pub mod config;
pub mod csp;
pub mod db;
pub mod dossiers;
pub mod drafts;
pub mod faq;
pub mod guard;
pub mod http;
pub mod limits;
pub mod migrate;
pub mod officers;
pub mod open311;
pub mod payments;
pub mod random;
pub mod site;
pub mod store;
pub mod sweep;
pub mod uploads;
pub mod vnpay;
pub mod wards;

use crate::config::GatewayConfig;
use crate::db::Db;
use crate::site::Site;
use axum::extract::Request;
use axum::Router;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub site: Arc<Site>,
    pub officer_token: Option<Arc<str>>,
    pub agency_code: Arc<str>,
    pub public_url: Arc<str>,
    pub payments: Arc<config::PaymentConfig>,
    pub trusted_proxy: Option<std::net::IpAddr>,
    pub limits: Arc<limits::WriteLimits>,
    /// Served over https: browsers are told to stay there (HSTS).
    pub https: bool,
    /// A demo city: every page says so.
    pub demo: bool,
    /// The kinds of citizen report the city takes (Open311 services).
    pub reports: Arc<mytho_core::open311::CityServices>,
    /// Open311 `api_key`s of other clients (the app's own is in `config.json`).
    pub open311_keys: Arc<Vec<String>>,
}

impl AppState {
    /// Everything that can be wrong with a deployment is found here, before the port is opened.
    pub async fn open(config: &GatewayConfig) -> Result<AppState, String> {
        let site = Site::load(&config.dist)?;
        let catalogue = catalogue::seed_catalogue()?;
        let reports = open311::seed_services()?;
        let db = Db::open(&config.database).await?;
        db.call(move |conn| catalogue::store(conn, &catalogue))
            .await
            .map_err(|e| format!("cannot store the procedure catalogue in {}: {e}", config.database))?;
        sweep::once(&db).await;
        Ok(AppState {
            db: db.clone(),
            site: Arc::new(site),
            officer_token: config.officer_token.as_deref().map(Arc::from),
            agency_code: Arc::from(config.agency_code.as_str()),
            public_url: Arc::from(config.public_url.as_str()),
            payments: Arc::new(config.payments.clone()),
            trusted_proxy: config.trusted_proxy,
            // Several gateways may share a PostgreSQL database: then so do the clients' allowances.
            limits: Arc::new(if db.is_postgres() {
                limits::WriteLimits::shared(config.trusted_proxy, db.clone())
            } else {
                limits::WriteLimits::new(config.trusted_proxy)
            }),
            https: config.https(),
            demo: config.demo,
            reports: Arc::new(reports),
            open311_keys: Arc::new(config.open311_keys.clone()),
        })
    }
}

/// Requests handled at once; more wait (and time out) rather than exhaust the machine.
pub const MAX_IN_FLIGHT: usize = 512;
/// Nothing, an upload on a slow link included, takes longer than this.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(180);

pub fn router(state: AppState) -> Router {
    let site = state.site.clone();
    let files = state.site.clone();
    let https = state.https;
    let site_config = state.site.clone();
    let demo = state.demo;
    let (api, _) = api::router(&state.limits);
    let router = api
        .merge(open311::router(&state.limits))
        .route(captive::PAGE_PATH, axum::routing::get(captive::page))
        .route(captive::API_PATH, axum::routing::get(captive::api))
        .route(
            "/simulator/vnpay/pay",
            axum::routing::get(payments::simulator_page).post(payments::simulator_pay),
        )
        .with_state(state);
    // The demo's config says it is a demo, so the app shows the notice on every page.
    let router = if demo { router.route("/config.json", axum::routing::get(move || demo_config(site_config.clone()))) } else { router };
    router
        .fallback(move |req: Request| async move { files.serve(req).await })
        .layer(GlobalConcurrencyLimitLayer::new(MAX_IN_FLIGHT))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(axum::middleware::from_fn(move |req, next| site::headers(site.clone(), https, req, next)))
        .layer(TraceLayer::new_for_http())
}

async fn demo_config(site: Arc<Site>) -> axum::Json<mytho_core::config::AppConfig> {
    axum::Json(mytho_core::config::AppConfig { demo: true, ..site.config.clone() })
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    sweep::start(&state);
    // The peer's address is kept for per-client limits (see `client`).
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
