//! The HTTP layer every feature shares, in the shape of realworld-axum-sqlx's `http/`: one error type
//! ([`ApiError`]), the extractors, and the frame of the OpenAPI document the features fill in. Feature
//! modules use this; none of it uses them.

pub mod doc;
pub mod error;
pub mod extract;

pub use error::{ApiError, ApiResult};
pub use extract::{bearer, AccessKey, Body, Path, Query, SecondFactor};

use crate::limits::{Write, WriteLimits};
use crate::AppState;
use std::sync::Arc;
use std::time::Duration;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter, UtoipaMethodRouterExt};

/// JSON bodies are small: a form's answers, a draft. Only the upload route takes a file.
pub const JSON_BODY_LIMIT: usize = 256 * 1024;
/// A JSON request is answered within this, or refused with 408.
pub const JSON_TIMEOUT: Duration = Duration::from_secs(30);
/// An upload may take this long on a slow mobile link (5 MB at 40 KB/s).
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(150);

/// A feature's routes, with their part of the OpenAPI document.
pub type FeatureRouter = OpenApiRouter<AppState>;

/// `routes` behind the per-client allowance of `write` (every anonymous write has one).
pub fn limited(limits: &Arc<WriteLimits>, write: Write, routes: UtoipaMethodRouter<AppState>) -> UtoipaMethodRouter<AppState> {
    let limits = limits.clone();
    routes.layer(axum::middleware::from_fn(move |req, next| crate::limits::limit(limits.clone(), write, req, next)))
}
