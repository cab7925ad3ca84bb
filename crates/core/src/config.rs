//! The city's runtime configuration (`config.json`), read by the app at start and checked by the
//! gateway before it serves it, so one build can be pointed at another city's backend.

use crate::i18n::Localized;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppConfig {
    pub app_name: Localized,
    pub city_name: Localized,
    pub province_name: Localized,
    /// Where the city's API lives: a path on this origin (`/api/v1`) or an absolute `https://` URL.
    pub api_base_url: String,
    /// Citizen hotline, dialled as written (1022 in Mỹ Tho).
    pub hotline: String,
    #[serde(default)]
    pub features: Features,
    /// How long one HTTP attempt may take before the app gives up on it.
    #[serde(default = "default_timeout_ms")]
    pub request_timeout_ms: u32,
    /// The tourist Wi-Fi's controller, for the captive page's Connect button.
    #[serde(default)]
    pub wifi: Option<WifiConfig>,
    /// The city's own wards, ranked first in the ward picker, and what their old units belonged to.
    #[serde(default)]
    pub home: Option<HomeArea>,
    /// Where citizen reports go: an Open311 GeoReport v2 endpoint (this gateway's or the city's own).
    #[serde(default)]
    pub reports: Option<ReportsConfig>,
    /// Set by the gateway when it runs as a demo city (`MYTHO_DEMO`): every page says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
}

/// The city's wards among the province's: several towns had a "Phường 5", so the picker names the old
/// city beside the old units of its own wards ("Phường 5, TP. Mỹ Tho cũ") and offers them first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeArea {
    /// Today's codes of the city's wards (the list of 2025-07-01).
    pub wards: Vec<String>,
    /// The unit their former wards and communes belonged to, as people say it ("TP. Mỹ Tho").
    pub former: Localized,
}

/// An Open311 GeoReport v2 endpoint and the app's key for it (the standard's `api_key`, which names a
/// client; it is not a secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportsConfig {
    /// A path on this origin (`/open311/v2`) or an absolute `https://` URL, without a trailing `/`.
    pub base_url: String,
    pub api_key: String,
    /// The wards a report can be placed in, by today's names ("Phường Đạo Thạnh"): the form offers them
    /// beside the address, and the public list is filtered by them. Empty: no ward is asked.
    #[serde(default)]
    pub wards: Vec<String>,
}

/// Where the captive page's "Kết nối" / "Connect" form goes, as the Wi-Fi controller expects it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WifiConfig {
    pub controller_url: String,
    /// `post` or `get`.
    #[serde(default = "default_method")]
    pub method: String,
    /// Hidden fields sent with the form (for example MikroTik's `username`, `password` and `dst`).
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

fn default_method() -> String {
    "post".into()
}

fn default_timeout_ms() -> u32 {
    15_000
}

/// Areas a city may switch off; an area switched off is hidden from navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Features {
    pub procedures: bool,
    pub tracking: bool,
    pub faq: bool,
    pub tutorials: bool,
    pub tourism: bool,
    /// Citizen reports (needs `reports` set).
    pub reports: bool,
}

impl Default for Features {
    fn default() -> Self {
        Features { procedures: true, tracking: true, faq: true, tutorials: true, tourism: true, reports: true }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// Not JSON, or not the expected shape; the text is serde's, with line and column.
    Syntax(String),
    Empty(&'static str),
    Hotline(String),
    ApiBase(String),
    Reports(String),
    Timeout(u32),
    Wifi(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Syntax(e) => write!(f, "config.json is not valid: {e}"),
            ConfigError::Empty(field) => write!(f, "config.json: `{field}` must not be empty"),
            ConfigError::Hotline(h) => {
                write!(f, "config.json: `hotline` must be 3 to 12 digits (got {h:?})")
            }
            ConfigError::ApiBase(u) => write!(
                f,
                "config.json: `api_base_url` must start with `/`, `https://` or `http://` and have no trailing `/` (got {u:?})"
            ),
            ConfigError::Reports(u) => write!(
                f,
                "config.json: `reports.base_url` must start with `/`, `https://` or `http://` and have no trailing `/`, and `reports.api_key` must not be empty (got {u:?})"
            ),
            ConfigError::Wifi(url) => write!(
                f,
                "config.json: `wifi.controller_url` must start with http://, https:// or / and `wifi.method` be post or get (got {url:?})"
            ),
            ConfigError::Timeout(ms) => write!(
                f,
                "config.json: `request_timeout_ms` must be between 1000 and 120000 (got {ms})"
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

impl AppConfig {
    /// Parses and checks a `config.json` text.
    pub fn parse(text: &str) -> Result<AppConfig, ConfigError> {
        let config: AppConfig =
            serde_json::from_str(text).map_err(|e| ConfigError::Syntax(e.to_string()))?;
        config.validate()?;
        Ok(config)
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        for (name, text) in [
            ("app_name.vi", &self.app_name.vi),
            ("app_name.en", &self.app_name.en),
            ("city_name.vi", &self.city_name.vi),
            ("city_name.en", &self.city_name.en),
            ("province_name.vi", &self.province_name.vi),
            ("province_name.en", &self.province_name.en),
        ] {
            if text.trim().is_empty() {
                return Err(ConfigError::Empty(name));
            }
        }
        let hotline = &self.hotline;
        if !(3..=12).contains(&hotline.len()) || !hotline.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError::Hotline(hotline.clone()));
        }
        if !api_base_is_valid(&self.api_base_url) {
            return Err(ConfigError::ApiBase(self.api_base_url.clone()));
        }
        if let Some(r) = &self.reports {
            if !api_base_is_valid(&r.base_url) || r.api_key.trim().is_empty() || r.wards.iter().any(|w| w.trim().is_empty()) {
                return Err(ConfigError::Reports(r.base_url.clone()));
            }
        }
        if !(1_000..=120_000).contains(&self.request_timeout_ms) {
            return Err(ConfigError::Timeout(self.request_timeout_ms));
        }
        if let Some(w) = &self.wifi {
            let url_ok = w.controller_url.starts_with("http://") || w.controller_url.starts_with("https://") || w.controller_url.starts_with('/');
            if !url_ok || !matches!(w.method.as_str(), "post" | "get") {
                return Err(ConfigError::Wifi(w.controller_url.clone()));
            }
        }
        Ok(())
    }

    /// The origin of an absolute API URL (`https://api.example.vn`), which the page's CSP must allow;
    /// `None` when the API is on the app's own origin.
    pub fn api_origin(&self) -> Option<&str> {
        origin(&self.api_base_url)
    }

    /// Every other origin the app talks to (the API's, the reports endpoint's), for the CSP.
    pub fn origins(&self) -> Vec<&str> {
        let mut out: Vec<&str> = [Some(self.api_base_url.as_str()), self.reports.as_ref().map(|r| r.base_url.as_str())]
            .into_iter()
            .flatten()
            .filter_map(origin)
            .collect();
        out.dedup();
        out
    }

    /// The full URL of an API path such as `/health`.
    pub fn api_url(&self, path: &str) -> String {
        format!("{}{}", self.api_base_url, path)
    }
}

fn origin(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + host_end])
}

fn api_base_is_valid(url: &str) -> bool {
    let no_space = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    let rest = if let Some(r) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
        let host = r.split('/').next().unwrap_or("");
        if host.is_empty() {
            return false;
        }
        r
    } else if let Some(r) = url.strip_prefix('/') {
        // "//host" would be protocol-relative: refuse it, it is almost always a typo.
        if r.starts_with('/') {
            return false;
        }
        r
    } else {
        return false;
    };
    no_space && !rest.ends_with('/') && !url.ends_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SHIPPED: &str = include_str!("../../../public/config.json");

    #[test]
    fn the_shipped_config_is_valid() {
        let config = AppConfig::parse(SHIPPED).expect("public/config.json must be valid");
        assert_eq!(config.hotline, "1022");
        assert_eq!(config.api_origin(), None);
        assert_eq!(config.api_url("/health"), format!("{}/health", config.api_base_url));
    }

    fn with(field: &str, value: serde_json::Value) -> String {
        let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
        v[field] = value;
        v.to_string()
    }

    #[test]
    fn broken_json_is_reported_with_its_position() {
        let err = AppConfig::parse("{\"hotline\": ").unwrap_err();
        assert!(matches!(&err, ConfigError::Syntax(m) if m.contains("line 1")), "{err}");
    }

    #[test]
    fn unknown_fields_are_refused_so_typos_surface() {
        let err = AppConfig::parse(&with("hotlin", "1022".into())).unwrap_err();
        assert!(matches!(&err, ConfigError::Syntax(m) if m.contains("hotlin")), "{err}");
    }

    #[test]
    fn bad_values_name_the_field() {
        let err = AppConfig::parse(&with("hotline", "10 22".into())).unwrap_err();
        assert_eq!(err, ConfigError::Hotline("10 22".into()));
        assert!(err.to_string().contains("hotline"));
        let err = AppConfig::parse(&with("city_name", serde_json::json!({"vi": " ", "en": "My Tho"})));
        assert_eq!(err.unwrap_err(), ConfigError::Empty("city_name.vi"));
        let err = AppConfig::parse(&with("request_timeout_ms", 10.into())).unwrap_err();
        assert_eq!(err, ConfigError::Timeout(10));
    }

    #[test]
    fn api_base_urls() {
        for good in ["/api/v1", "https://api.mytho.gov.vn", "http://127.0.0.1:9000/api/v1"] {
            assert!(api_base_is_valid(good), "{good}");
        }
        for bad in ["", "api/v1", "/api/v1/", "//evil.example", "https://", "ftp://x", "/api v1"] {
            assert!(!api_base_is_valid(bad), "{bad}");
        }
        let c = AppConfig::parse(&with("api_base_url", "https://api.mytho.gov.vn/v1".into())).unwrap();
        assert_eq!(c.api_origin(), Some("https://api.mytho.gov.vn"));
        let c = AppConfig::parse(&with("api_base_url", "http://127.0.0.1:9000".into())).unwrap();
        assert_eq!(c.api_origin(), Some("http://127.0.0.1:9000"));
    }

    #[test]
    fn missing_features_default_to_on() {
        let mut v: serde_json::Value = serde_json::from_str(SHIPPED).unwrap();
        v.as_object_mut().unwrap().remove("features");
        let c = AppConfig::parse(&v.to_string()).unwrap();
        assert_eq!(c.features, Features::default());
    }

    proptest! {
        #[test]
        fn any_digit_hotline_of_allowed_length_is_accepted(h in "[0-9]{3,12}") {
            let c = AppConfig::parse(&with("hotline", h.clone().into()));
            prop_assert!(c.is_ok());
        }

        #[test]
        fn parse_never_panics(text in ".{0,200}") {
            let _ = AppConfig::parse(&text);
        }
    }
}
