//! Mỹ Tho Số: the app shell, its context and its router.
//!
//! One app: home, the header and the router in the main module; each area in a module of its own that
//! is fetched when the area is first opened (see [`routes`]), so moving between areas never reloads the
//! page and a page downloads only the code it draws.

pub mod api;
mod components;
mod files;
mod i18n;
mod json;
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
use std::sync::Arc;

/// Loads the city's config and the code of the area the page opens on, while the first screen from the
/// page stays visible, then replaces that screen with the app (or with an error page that says what
/// happened). With the area's code already here the router draws it at once: nothing jumps.
pub fn start() {
    // Leptos's executor starts with mount_to, so this first task runs on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let path = platform::path();
        // An area whose code cannot come is the app's to explain (`routes::app`), not a reason to stay unstarted.
        let (config, _) = futures::join!(api::load_config(), routes::preload(&path));
        let root = platform::app_root();
        // A search typed into the first screen while the app was on its way is not lost.
        let typed = platform::TypedBefore::read(&root);
        root.set_inner_html("");
        leptos::mount::mount_to(root, move || match config {
            Ok(config) => view! { <App config/> }.into_any(),
            Err(error) => view! { <ConfigError error/> }.into_any(),
        })
        .forget();
        typed.restore();
    });
}

/// The page's main region (`<main>`), where the skip link in `index.html` goes and focus lands after an
/// action that removed the focused control.
pub(crate) const MAIN_ID: &str = "main";

/// App-wide state lives above the router, in context.
#[component]
pub fn App(config: AppConfig) -> impl IntoView {
    I18n::provide();
    let backend: Arc<dyn CityBackend> = Arc::new(GatewayBackend::new(&config));
    provide_context(config);
    provide_context(backend);
    view! {
        <Router>
            <FocusFollowsNavigation/>
            <Header/>
            <ConnectionBanner/>
            <main id=MAIN_ID tabindex="-1">{routes::app()}</main>
            <Footer/>
        </Router>
    }
}

/// Focus follows the reader to each new page, never left on the body (see
/// [`platform::focus_after_navigation`]). Not on the first page: there the browser's own start applies.
#[component]
fn FocusFollowsNavigation() -> impl IntoView {
    let path = leptos_router::hooks::use_location().pathname;
    Effect::new(move |before: Option<String>| {
        let now = path.get();
        if before.is_some_and(|before| before != now) {
            platform::focus_after_navigation(MAIN_ID);
        }
        now
    });
}
