//! Gateway settings, from environment variables with working defaults. Every mistake is reported at
//! start with the variable to change.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const ENV_ADDR: &str = "MYTHO_ADDR";
pub const ENV_DB_PATH: &str = "MYTHO_DB_PATH";
/// `sqlite://path` (relative) or `sqlite:///path` (absolute); MYTHO_DB_PATH is the older spelling.
pub const ENV_DATABASE_URL: &str = "MYTHO_DATABASE_URL";
pub const ENV_DIST: &str = "MYTHO_DIST";
pub const ENV_LOG: &str = "MYTHO_LOG";
pub const ENV_OFFICER_TOKEN: &str = "MYTHO_OFFICER_TOKEN";
pub const ENV_AGENCY_CODE: &str = "MYTHO_AGENCY_CODE";
/// Comma-separated Open311 API keys of other clients allowed to post reports.
pub const ENV_OPEN311_KEYS: &str = "MYTHO_OPEN311_KEYS";
pub const ENV_PUBLIC_URL: &str = "MYTHO_PUBLIC_URL";
pub const ENV_VNPAY_TMN_CODE: &str = "MYTHO_VNPAY_TMN_CODE";
pub const ENV_VNPAY_SECRET: &str = "MYTHO_VNPAY_SECRET";
pub const ENV_VNPAY_URL: &str = "MYTHO_VNPAY_URL";
pub const ENV_PAYMENT_SIMULATOR: &str = "MYTHO_PAYMENT_SIMULATOR";
pub const ENV_VIETQR_BIN: &str = "MYTHO_VIETQR_BIN";
pub const ENV_VIETQR_ACCOUNT: &str = "MYTHO_VIETQR_ACCOUNT";
pub const ENV_VIETQR_NAME: &str = "MYTHO_VIETQR_NAME";
pub const ENV_TRUSTED_PROXY: &str = "MYTHO_TRUSTED_PROXY";
pub const ENV_DEMO: &str = "MYTHO_DEMO";

/// The demo city's VietQR account: it cannot be a real one (all zeros), and its name says not to pay.
pub const DEMO_VIETQR: (&str, &str, &str) = ("970436", "0000000000", "TAI KHOAN CHAY THU - KHONG CHUYEN TIEN");

/// Payment settings. Secrets live here, on the server, and nowhere else.
#[derive(Clone, Debug, Default)]
pub struct PaymentConfig {
    /// VNPay merchant code and hash secret; card payments are off without them.
    pub vnpay: Option<VnpayConfig>,
    /// Serves `/simulator/vnpay`, a stand-in for the provider. Never on in production.
    pub simulator: bool,
    /// Bank transfer by VietQR: bank BIN, account and account name; off without them.
    pub vietqr: Option<(String, String, String)>,
}

#[derive(Clone)]
pub struct VnpayConfig {
    pub tmn_code: String,
    pub secret: String,
    /// The provider's pay page.
    pub pay_url: String,
}

/// Never prints the hash secret (logs and panics may be read by others).
impl fmt::Debug for VnpayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VnpayConfig").field("tmn_code", &self.tmn_code).field("secret", &"<redacted>").field("pay_url", &self.pay_url).finish()
    }
}

#[derive(Clone)]
pub struct GatewayConfig {
    pub addr: SocketAddr,
    /// A SQLite file or a PostgreSQL server (MYTHO_DATABASE_URL, or MYTHO_DB_PATH for a file).
    pub database: crate::db::Database,
    /// The app built by Trunk.
    pub dist: PathBuf,
    pub log_level: tracing::Level,
    /// Bearer token of the officer API; the API is off without one.
    pub officer_token: Option<String>,
    /// First part of dossier codes (`<agency>-<yymmdd>-<sequence>`); the city sets its real one.
    pub agency_code: String,
    /// How citizens reach this gateway (for the payment return address).
    pub public_url: String,
    pub payments: PaymentConfig,
    /// The reverse proxy in front of the gateway, if any: for its requests the client is the last
    /// address of `X-Forwarded-For` (anyone else's header is ignored).
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// A demo city (`make run`): the payment simulator, a test VietQR account, an officer credential
    /// printed at start, and a notice on every page. Never with real provider settings.
    pub demo: bool,
    /// Open311 `api_key`s of clients other than the app (whose own key is in `config.json`).
    pub open311_keys: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Every setting but the secrets, which are only said to be set.
impl fmt::Debug for GatewayConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GatewayConfig")
            .field("addr", &self.addr)
            .field("database", &self.database)
            .field("dist", &self.dist)
            .field("log_level", &self.log_level)
            .field("officer_token", &self.officer_token.as_ref().map(|_| "<redacted>"))
            .field("agency_code", &self.agency_code)
            .field("public_url", &self.public_url)
            .field("payments", &self.payments)
            .field("trusted_proxy", &self.trusted_proxy)
            .field("demo", &self.demo)
            .finish()
    }
}

impl GatewayConfig {
    /// Served over TLS (behind a proxy that terminates it): browsers are told to stay on https.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn from_env() -> Result<GatewayConfig, ConfigError> {
        GatewayConfig::from_vars(|name| std::env::var(name).ok())
    }

    /// Reads settings through `var`, so tests need not change the process environment.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<GatewayConfig, ConfigError> {
        let addr_text = var(ENV_ADDR).unwrap_or_else(|| "127.0.0.1:8080".into());
        let addr = addr_text.parse().map_err(|_| {
            ConfigError(format!(
                "{ENV_ADDR}={addr_text:?} is not an address and port; write it like 127.0.0.1:8080"
            ))
        })?;
        let database = database(var(ENV_DATABASE_URL), var(ENV_DB_PATH))?;
        let dist = PathBuf::from(var(ENV_DIST).unwrap_or_else(|| "dist".into()));
        let level_text = var(ENV_LOG).unwrap_or_else(|| "info".into());
        let log_level = level_text.parse().map_err(|_| {
            ConfigError(format!(
                "{ENV_LOG}={level_text:?} is not a log level; use error, warn, info, debug or trace"
            ))
        })?;
        let officer_token = var(ENV_OFFICER_TOKEN).filter(|t| !t.is_empty());
        if officer_token.as_ref().is_some_and(|t| t.len() < 24) {
            return Err(ConfigError(format!(
                "{ENV_OFFICER_TOKEN} is too short to be safe; use at least 24 random characters (for example `openssl rand -hex 16`)"
            )));
        }
        let agency_code = var(ENV_AGENCY_CODE).unwrap_or_else(|| "MTS".into());
        if agency_code.is_empty() || !agency_code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
            return Err(ConfigError(format!(
                "{ENV_AGENCY_CODE}={agency_code:?} must be letters, digits and dots, like H15.50"
            )));
        }
        let public_url = var(ENV_PUBLIC_URL).unwrap_or_else(|| format!("http://{addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) || public_url.ends_with('/') {
            return Err(ConfigError(format!("{ENV_PUBLIC_URL}={public_url:?} must be like https://dichvucong.mytho.gov.vn (no / at the end)")));
        }
        let on = |name: &str| matches!(var(name).as_deref(), Some("1" | "true" | "on"));
        let demo = on(ENV_DEMO);
        if demo {
            if let Some(name) = [ENV_VNPAY_URL, ENV_VNPAY_SECRET, ENV_VNPAY_TMN_CODE, ENV_VIETQR_BIN, ENV_VIETQR_ACCOUNT, ENV_VIETQR_NAME]
                .into_iter()
                .find(|n| var(n).is_some())
            {
                return Err(ConfigError(format!(
                    "{ENV_DEMO} is on together with {name}: a demo city never runs with a real provider or bank account; unset {name}, or run without {ENV_DEMO} for production"
                )));
            }
        }
        let simulator = demo || on(ENV_PAYMENT_SIMULATOR);
        let vnpay = if simulator {
            // The stand-in provider never sees real credentials: it makes its own for this run.
            if let Some(name) = [ENV_VNPAY_URL, ENV_VNPAY_SECRET, ENV_VNPAY_TMN_CODE].into_iter().find(|n| var(n).is_some()) {
                return Err(ConfigError(format!(
                    "{ENV_PAYMENT_SIMULATOR} is on together with {name}: the simulator must never run with a real provider's address or credentials; unset {name} (the simulator makes its own) or turn the simulator off"
                )));
            }
            let secret = crate::random::hex_id().map_err(|e| ConfigError(format!("no randomness for the simulator's secret: {e}")))?;
            Some(VnpayConfig { tmn_code: "DEMOSIM1".into(), secret, pay_url: format!("{public_url}/simulator/vnpay/pay") })
        } else {
            match (var(ENV_VNPAY_TMN_CODE), var(ENV_VNPAY_SECRET)) {
                (Some(tmn_code), Some(secret)) => {
                    if secret.len() < 16 {
                        return Err(ConfigError(format!("{ENV_VNPAY_SECRET} is shorter than a VNPay hash secret; copy it again from the merchant portal")));
                    }
                    let Some(pay_url) = var(ENV_VNPAY_URL) else {
                        return Err(ConfigError(format!("{ENV_VNPAY_URL} is required: the provider's pay page (sandbox or production)")));
                    };
                    if !pay_url.starts_with("https://") {
                        return Err(ConfigError(format!("{ENV_VNPAY_URL}={pay_url:?} must be the provider's https:// pay page")));
                    }
                    if !public_url.starts_with("https://") {
                        return Err(ConfigError(format!(
                            "card payments need {ENV_PUBLIC_URL} to be an https:// address (the provider sends citizens back there); put the gateway behind a TLS reverse proxy (README)"
                        )));
                    }
                    Some(VnpayConfig { tmn_code, secret, pay_url })
                }
                (None, None) => None,
                _ => return Err(ConfigError(format!("set both {ENV_VNPAY_TMN_CODE} and {ENV_VNPAY_SECRET}, or neither"))),
            }
        };
        let vietqr = match (var(ENV_VIETQR_BIN), var(ENV_VIETQR_ACCOUNT), var(ENV_VIETQR_NAME)) {
            _ if demo => Some((DEMO_VIETQR.0.into(), DEMO_VIETQR.1.into(), DEMO_VIETQR.2.into())),
            (Some(bin), Some(account), Some(name)) => {
                if bin.len() != 6 || !bin.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ConfigError(format!("{ENV_VIETQR_BIN}={bin:?} must be the bank's 6-digit BIN, like 970436")));
                }
                Some((bin, account, name))
            }
            (None, None, None) => None,
            _ => return Err(ConfigError(format!("set all of {ENV_VIETQR_BIN}, {ENV_VIETQR_ACCOUNT} and {ENV_VIETQR_NAME}, or none"))),
        };
        let payments = PaymentConfig { vnpay, simulator, vietqr };
        let trusted_proxy = match var(ENV_TRUSTED_PROXY).filter(|p| !p.is_empty()) {
            Some(p) => Some(p.parse().map_err(|_| ConfigError(format!("{ENV_TRUSTED_PROXY}={p:?} must be the proxy's IP address, like 127.0.0.1")))?),
            None => None,
        };
        let open311_keys = var(ENV_OPEN311_KEYS).unwrap_or_default().split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect();
        Ok(GatewayConfig { addr, database, dist, log_level, officer_token, agency_code, public_url, payments, trusted_proxy, demo, open311_keys })
    }
}

/// The database named by MYTHO_DATABASE_URL (a PostgreSQL server or a SQLite file) or MYTHO_DB_PATH
/// (a SQLite file; both may be set if they agree).
pub fn database(url: Option<String>, path: Option<String>) -> Result<crate::db::Database, ConfigError> {
    let from_url = match url.filter(|u| !u.is_empty()) {
        None => None,
        Some(url) => {
            if url.starts_with("postgres://") || url.starts_with("postgresql://") {
                if path.is_some() {
                    return Err(ConfigError(format!(
                        "{ENV_DATABASE_URL} names a PostgreSQL server and {ENV_DB_PATH} a SQLite file: unset {ENV_DB_PATH}"
                    )));
                }
                return Ok(crate::db::Database::Postgres(url));
            }
            let Some(file) = url.strip_prefix("sqlite://").filter(|f| !f.is_empty() && !f.contains('?')) else {
                return Err(ConfigError(format!(
                    "{ENV_DATABASE_URL} is not a database address this gateway knows (it is not repeated here: it may hold a password); write postgres://user@host/database, or sqlite://data/mytho.sqlite3 (a relative file) or sqlite:///var/lib/mytho/mytho.sqlite3 (an absolute one), without options"
                )));
            };
            Some(PathBuf::from(file))
        }
    };
    let from_path = path.map(PathBuf::from);
    let db_path = match (from_url, from_path) {
        (Some(a), Some(b)) if a != b => {
            return Err(ConfigError(format!(
                "{ENV_DATABASE_URL} and {ENV_DB_PATH} name different files ({} and {}); unset {ENV_DB_PATH}",
                a.display(),
                b.display()
            )))
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => PathBuf::from("data/mytho.sqlite3"),
    };
    if db_path.as_os_str().is_empty() || db_path.is_dir() {
        return Err(ConfigError(format!(
            "{ENV_DB_PATH}={:?} must name a database file, not a folder (for example data/mytho.sqlite3)",
            db_path
        )));
    }
    Ok(crate::db::Database::Sqlite(db_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::db::Database;

    fn path(url: Option<&str>, path: Option<&str>) -> Result<PathBuf, String> {
        match database(url.map(str::to_string), path.map(str::to_string)).map_err(|e| e.to_string())? {
            Database::Sqlite(p) => Ok(p),
            Database::Postgres(_) => Err("a PostgreSQL server".into()),
        }
    }

    #[test]
    fn the_database_is_named_by_its_url_or_its_path() {
        assert_eq!(path(None, None).unwrap(), PathBuf::from("data/mytho.sqlite3"));
        assert_eq!(path(Some("sqlite://data/city.sqlite3"), None).unwrap(), PathBuf::from("data/city.sqlite3"));
        assert_eq!(path(Some("sqlite:///var/lib/mytho/db.sqlite3"), None).unwrap(), PathBuf::from("/var/lib/mytho/db.sqlite3"));
        assert_eq!(path(None, Some("x/y.sqlite3")).unwrap(), PathBuf::from("x/y.sqlite3"));
        assert_eq!(path(Some("sqlite://x/y.sqlite3"), Some("x/y.sqlite3")).unwrap(), PathBuf::from("x/y.sqlite3"));
        let url = "postgres://mytho:secret@db/mytho";
        let pg = database(Some(url.into()), None).unwrap();
        assert_eq!(pg, Database::Postgres(url.into()));
        assert!(!format!("{pg:?} {pg}").contains("secret"), "the address may carry a password: never printed");
    }

    #[test]
    fn a_database_address_that_cannot_be_used_says_what_to_write() {
        let err = path(Some("postgres://mytho@db/mytho"), Some("x.sqlite3")).unwrap_err();
        assert!(err.contains("unset MYTHO_DB_PATH"), "{err}");
        assert!(!err.contains("mytho@db"), "the address may carry a password: never repeated");
        for bad in ["mysql://db/x", "sqlite://", "sqlite://x.db?mode=ro", "data/x.sqlite3"] {
            let err = path(Some(bad), None).unwrap_err();
            assert!(err.contains("MYTHO_DATABASE_URL") && err.contains("sqlite://data/mytho.sqlite3") && err.contains("postgres://"), "{bad}: {err}");
        }
        let err = path(Some("sqlite://a.sqlite3"), Some("b.sqlite3")).unwrap_err();
        assert!(err.contains("different files"), "{err}");
        let err = path(Some("sqlite://."), None).unwrap_err();
        assert!(err.contains("not a folder"), "{err}");
    }
}
