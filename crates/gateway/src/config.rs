//! Gateway settings, from environment variables with working defaults. Every mistake is reported at
//! start with the variable to change.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const ENV_ADDR: &str = "MYTHO_ADDR";
pub const ENV_DB_PATH: &str = "MYTHO_DB_PATH";
pub const ENV_DIST: &str = "MYTHO_DIST";
pub const ENV_LOG: &str = "MYTHO_LOG";
pub const ENV_OFFICER_TOKEN: &str = "MYTHO_OFFICER_TOKEN";
pub const ENV_AGENCY_CODE: &str = "MYTHO_AGENCY_CODE";

#[derive(Clone, Debug)]
pub struct GatewayConfig {
    pub addr: SocketAddr,
    pub db_path: PathBuf,
    /// The app built by Trunk.
    pub dist: PathBuf,
    pub log_level: tracing::Level,
    /// Bearer token of the officer API; the API is off without one.
    pub officer_token: Option<String>,
    /// First part of dossier codes (`<agency>-<yymmdd>-<sequence>`); the city sets its real one.
    pub agency_code: String,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl GatewayConfig {
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
        let db_path = PathBuf::from(var(ENV_DB_PATH).unwrap_or_else(|| "data/mytho.sqlite3".into()));
        if db_path.as_os_str().is_empty() || db_path.is_dir() {
            return Err(ConfigError(format!(
                "{ENV_DB_PATH}={:?} must name a database file, not a folder (for example data/mytho.sqlite3)",
                db_path
            )));
        }
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
        Ok(GatewayConfig { addr, db_path, dist, log_level, officer_token, agency_code })
    }
}
