//! Mỹ Tho Số: the app shell, its context and one router per bundle.
//!
//! The app is split into bundles (see [`Bundle`]): each binary in `src/bin/` (and `main.rs` for the
//! shell) mounts [`App`] with its own routes, so a page downloads only the code it draws.

pub mod api;
mod components;
mod files;
mod i18n;
mod pages;
mod platform;
pub mod routes;

use crate::api::{CityBackend, GatewayBackend};
use crate::components::{ConnectionBanner, Footer, Header};
use crate::i18n::I18n;
use crate::pages::ConfigError;
use leptos::prelude::*;
use leptos_router::components::Router;
use mytho_core::config::AppConfig;
pub use mytho_core::routes::Bundle;
use std::sync::Arc;

/// Loads the city's config while the first screen from the page stays visible, then replaces that
/// screen with the app (or with an error page that says what happened).
pub fn start(bundle: Bundle, routes: fn() -> AnyView) {
    // Leptos's executor starts with mount_to, so this first task runs on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let config = api::load_config().await;
        let root = platform::app_root();
        root.set_inner_html("");
        leptos::mount::mount_to(root, move || match config {
            Ok(config) => view! { <App config bundle routes/> }.into_any(),
            Err(error) => view! { <ConfigError error/> }.into_any(),
        })
        .forget();
    });
}

/// App-wide state lives above the router, in context.
#[component]
pub fn App(config: AppConfig, bundle: Bundle, routes: fn() -> AnyView) -> impl IntoView {
    I18n::provide();
    let backend: Arc<dyn CityBackend> = Arc::new(GatewayBackend::new(&config));
    provide_context(config);
    provide_context(backend);
    provide_context(bundle);
    view! {
        <Router>
            <Header/>
            <ConnectionBanner/>
            <main id="main" tabindex="-1">{routes()}</main>
            <Footer/>
        </Router>
    }
}
