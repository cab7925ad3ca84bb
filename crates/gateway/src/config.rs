//! Gateway settings, from environment variables with working defaults. Every mistake is reported at
//! start with the variable to change.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const ENV_ADDR: &str = "MYTHO_ADDR";
pub const ENV_DB_PATH: &str = "MYTHO_DB_PATH";
pub const ENV_DIST: &str = "MYTHO_DIST";
pub const ENV_LOG: &str = "MYTHO_LOG";

#[derive(Clone, Debug)]
pub struct GatewayConfig {
    pub addr: SocketAddr,
    pub db_path: PathBuf,
    /// The app built by Trunk.
    pub dist: PathBuf,
    pub log_level: tracing::Level,
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
        Ok(GatewayConfig { addr, db_path, dist, log_level })
    }
}
