//! Serving the built app: files from `dist/` (brotli and gzip when precompressed copies exist), the app
//! for its own addresses (404 status for unknown ones, so the app shows its 404 page), cache rules and
//! security headers.

use crate::csp;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mytho_core::config::AppConfig;
use mytho_core::faq::FaqData;
use mytho_core::routes::Bundle;
use mytho_core::tourism::Tourism;
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub struct Site {
    pub dist: PathBuf,
    csp: HeaderValue,
    /// The Wi-Fi page's own policy: no scripts at all, its form may go to the Wi-Fi controller.
    pub captive_csp: HeaderValue,
    pub config: AppConfig,
    pub tourism: Tourism,
    /// The app's critical CSS (the first `<style>` of index.html), reused by the Wi-Fi page so both look
    /// the same and share one CSP hash.
    pub critical_css: String,
    /// Topic ids of the FAQ the app serves, so feedback can only name a real topic.
    pub faq_topics: std::collections::HashSet<String>,
    /// The lessons' ids, in order (classes teach one of them).
    pub lesson_ids: Vec<String>,
}

impl Site {
    /// Checks the build and its `config.json` at start, so a broken deployment never serves a blank app.
    pub fn load(dist: &Path) -> Result<Site, String> {
        let index = dist.join("index.html");
        let html = std::fs::read_to_string(&index).map_err(|e| {
            format!("cannot read {}: {e}; build the app first (make build) or set MYTHO_DIST to its folder", index.display())
        })?;
        let config_path = dist.join("config.json");
        let config = check_config(&config_path)?;
        // One policy for every bundle's page: the union of their inline blocks' hashes.
        let mut pages = String::new();
        for bundle in Bundle::ALL {
            if let Ok(page) = std::fs::read_to_string(dist.join(bundle.page())) {
                pages.push_str(&page);
            }
        }
        let policy = csp::policy(&pages, &config.origins());
        let csp = HeaderValue::from_str(&policy).map_err(|e| format!("bad CSP: {e}"))?;
        let faq_path = dist.join("faq.json");
        let faq_text = std::fs::read_to_string(&faq_path)
            .map_err(|e| format!("cannot read {}: {e}; it is copied from public/faq.json by the build", faq_path.display()))?;
        let faq = FaqData::parse(&faq_text).map_err(|e| format!("{}: {e}", faq_path.display()))?;
        let problems = faq.problems();
        if !problems.is_empty() {
            return Err(format!("{} has problems to fix:\n  {}", faq_path.display(), problems.join("\n  ")));
        }
        let faq_topics = faq.entries.into_iter().map(|e| e.id).collect();
        let tourism_path = dist.join("tourism.json");
        let tourism = std::fs::read_to_string(&tourism_path)
            .map_err(|e| format!("cannot read {}: {e}; it is copied from public/tourism.json by the build", tourism_path.display()))
            .and_then(|t| Tourism::parse(&t))?;
        let problems = tourism.problems();
        if !problems.is_empty() {
            return Err(format!("{} has problems to fix:\n  {}", tourism_path.display(), problems.join("\n  ")));
        }
        let critical_css = html
            .split_once("<style>")
            .and_then(|(_, rest)| rest.split_once("</style>"))
            .map(|(css, _)| css.to_string())
            .unwrap_or_default();
        let captive_csp = HeaderValue::from_str(&csp::captive_policy(&critical_css, config.wifi.as_ref().map(|w| w.controller_url.as_str())))
            .map_err(|e| format!("bad CSP: {e}"))?;
        let lessons_path = dist.join("lessons.json");
        let lessons = std::fs::read_to_string(&lessons_path)
            .map_err(|e| format!("cannot read {}: {e}; it is copied from public/lessons.json by the build", lessons_path.display()))
            .and_then(|t| mytho_core::lessons::Lessons::parse(&t))?;
        let mut problems = lessons.problems();
        problems.extend(lessons.practice_problems(&crate::catalogue::seed_catalogue()?));
        if !problems.is_empty() {
            return Err(format!("{} has problems to fix:\n  {}", lessons_path.display(), problems.join("\n  ")));
        }
        let lesson_ids = lessons.lessons.into_iter().map(|l| l.id).collect();
        Ok(Site { dist: dist.to_path_buf(), csp, captive_csp, config, tourism, critical_css, faq_topics, lesson_ids })
    }

    /// The page of the bundle that draws `path` (the shell's when that bundle was not built).
    fn app_page(&self, path: &str) -> ServeFile {
        let page = self.dist.join(Bundle::of_path(path).page());
        let page = if page.is_file() { page } else { self.dist.join("index.html") };
        ServeFile::new(page).precompressed_br().precompressed_gzip()
    }

    /// A path whose last part has a dot names a file of the build; any other path is a page of the app,
    /// answered with `index.html` (status 404 when the app does not know it, so its 404 page shows).
    pub async fn serve(&self, req: Request) -> Response {
        let path = req.uri().path().to_string();
        let names_file = path.rsplit('/').next().unwrap_or("").contains('.');
        if names_file {
            use crate::assets::dictionary;
            let (available, accepted) = (header_text(&req, "available-dictionary"), header_text(&req, "accept-encoding"));
            if !available.is_empty() {
                if let Some(body) = dictionary::variant_for(&self.dist, &path, &accepted, &available) {
                    let headers = [
                        (header::CONTENT_TYPE, "application/wasm"),
                        (header::CONTENT_ENCODING, "dcb"),
                        (header::VARY, "accept-encoding, available-dictionary"),
                    ];
                    return (headers, body).into_response();
                }
            }
            let files = ServeDir::new(&self.dist).precompressed_br().precompressed_gzip();
            let mut response = match files.oneshot(req).await {
                Ok(r) => r.map(Body::new),
                Err(never) => match never {},
            };
            if response.status() == StatusCode::NOT_FOUND {
                // A missing asset is never answered with HTML.
                return (StatusCode::NOT_FOUND, "not found").into_response();
            }
            if let Some(value) = dictionary::use_as_dictionary(&path).and_then(|v| HeaderValue::from_str(&v).ok()) {
                response.headers_mut().insert("use-as-dictionary", value);
            } else if dictionary::has_variant(&path) {
                response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding, available-dictionary"));
            }
            return response;
        }
        let mut response = match self.app_page(&path).oneshot(req).await {
            Ok(r) => r.map(Body::new),
            Err(never) => match never {},
        };
        if !mytho_core::routes::is_app_path(&path) && response.status() == StatusCode::OK {
            *response.status_mut() = StatusCode::NOT_FOUND;
        }
        response
    }

    pub fn csp(&self) -> HeaderValue {
        self.csp.clone()
    }
}

fn header_text(req: &Request, name: &str) -> String {
    req.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// Reads and checks a `config.json` as the gateway does at start (`mytho-gateway check-config FILE`):
/// its syntax, unknown fields (typos), values, and the reports' wards against today's list. The app
/// itself passes over fields it does not know, so this is where a typo surfaces.
pub fn check_config(path: &Path) -> Result<AppConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}; it is copied from public/config.json by the build", path.display()))?;
    let config = AppConfig::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(old) = config.reports.iter().flat_map(|r| &r.wards).find(|w| !crate::wards::is_todays_name(w)) {
        return Err(format!("{}: reports.wards: {old:?} is not the name of one of today's wards (list of 2025-07-01)", path.display()));
    }
    Ok(config)
}

/// Trunk names built assets `name-<16 hex digits>[_bg].ext`, and the app's modules live in
/// `/app-<16 hex digits>/` (scripts/build-app.sh): their content never changes at that name.
pub fn is_hashed_asset(path: &str) -> bool {
    let hex16 = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(dir) = path.strip_prefix("/app-").and_then(|rest| rest.split_once('/')).map(|(d, _)| d) {
        return hex16(dir);
    }
    let file = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _ext)) = file.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else { return false };
    hex16(hash)
}

/// Cache rules: hashed assets forever, the API never, everything else revalidated on each use.
pub fn cache_control(path: &str) -> &'static str {
    if path.starts_with("/api/") || path == "/api" {
        "no-store"
    } else if is_hashed_asset(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Only what the app uses: copying (VietQR details, codes) on its own pages; no camera, microphone,
/// location (until reports ask for it), payment handler, sensors or devices.
pub const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), serial=(), hid=(), \
     magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), clipboard-read=(), clipboard-write=(self), \
     browsing-topics=()";

/// Adds security and cache headers to every response.
pub async fn headers(site: std::sync::Arc<Site>, https: bool, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&path)));
    let policy = if path == crate::captive::PAGE_PATH { site.captive_csp.clone() } else { site.csp() };
    h.insert(header::CONTENT_SECURITY_POLICY, policy);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static(PERMISSIONS_POLICY));
    if https {
        // Behind a TLS proxy: browsers keep to https for a year, so nobody on the network can strip it.
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    if !path.starts_with("/api") && !h.contains_key(header::VARY) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_config_refuses_a_typo_the_app_would_pass_over() {
        let dir = std::env::temp_dir().join(format!("mytho-check-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let shipped = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/config.json")).unwrap();
        let good = dir.join("good.json");
        std::fs::write(&good, &shipped).unwrap();
        assert!(check_config(&good).is_ok());
        let typo = dir.join("typo.json");
        std::fs::write(&typo, shipped.replacen("\"features\"", "\"feautres\"", 1)).unwrap();
        let err = check_config(&typo).unwrap_err();
        assert!(err.contains("feautres") && err.contains("typo.json"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn trunk_asset_names_are_recognised() {
        assert!(is_hashed_asset("/mytho-so-5e1bd4a41b0d2c3f_bg.wasm"));
        assert!(is_hashed_asset("/mytho-so-5e1bd4a41b0d2c3f.js"));
        assert!(is_hashed_asset("/main-00112233aabbccdd.css"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/mytho-so-5e1bd4a4.js"));
        assert!(is_hashed_asset("/app-5e1bd4a41b0d2c3f/chunk_12.wasm"));
        assert!(!is_hashed_asset("/app-5e1bd4a4/chunk_12.wasm"));
        assert!(!is_hashed_asset("/app-5e1bd4a41b0d2c3f"));
        assert_eq!(cache_control("/"), "no-cache");
        assert_eq!(cache_control("/config.json"), "no-cache");
        assert_eq!(cache_control("/api/health"), "no-store");
    }
}
