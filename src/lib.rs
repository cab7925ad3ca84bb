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
use std::time::Duration;

/// Loads the city's config and the code of the area the page opens on, while the first screen from the
/// page stays visible, then replaces that screen with the app (or with an error page that says what
/// happened). With the area's code already here the router draws it at once: nothing jumps.
pub fn start() {
    // The device's storage is slow to open the first time (1–5 ms, 4–20 on a slow phone): opened in a
    // task of its own while the config and the area come, not in the long one that draws the app.
    set_timeout(platform::open_storage, Duration::ZERO);
    // Leptos's executor starts with mount_to, so this first task runs on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let path = platform::path();
        // An area whose code cannot come is the app's to explain (`routes::app`), not a reason to stay unstarted.
        let (config, _) = futures::join!(api::load_config(), routes::preload(&path));
        let root = platform::app_root();
        // A search typed into the first screen while the app was on its way is not lost.
        let typed = platform::TypedBefore::read(&root);
        let config = match config {
            Ok(config) => config,
            Err(error) => {
                root.set_inner_html("");
                leptos::mount::mount_to(root, move || view! { <ConfigError error/> }).forget();
                return;
            }
        };
        // Drawn in two tasks, the shell and then the page, each short enough not to hold up a tap on a
        // slow phone (one was ≈ 180 ms at 4× CPU, most of it the browser compiling the code on first
        // use). Between the two the first screen's content stays on screen inside the app's <main>.
        let first_screen = platform::take_children(MAIN_ID);
        root.set_inner_html("");
        let page_drawn = RwSignal::new(false);
        let kept = first_screen.clone();
        leptos::mount::mount_to(root, move || view! { <App config page_drawn first_screen=kept/> }).forget();
        if let Some(first_screen) = &first_screen {
            platform::append_to(MAIN_ID, first_screen);
        }
        set_timeout(
            move || {
                page_drawn.set(true);
                // Into the page's own field, drawn before the next frame.
                request_animation_frame(move || typed.restore());
            },
            Duration::ZERO,
        );
    });
}

/// The page's main region (`<main>`), where the skip link in `index.html` goes and focus lands after an
/// action that removed the focused control.
pub(crate) const MAIN_ID: &str = "main";

/// App-wide state lives above the router, in context.
#[component]
pub fn App(config: AppConfig, page_drawn: RwSignal<bool>, first_screen: Option<web_sys::Element>) -> impl IntoView {
    I18n::provide();
    let backend: Arc<dyn CityBackend> = Arc::new(GatewayBackend::new(&config));
    provide_context(config);
    provide_context(backend);
    view! {
        <Router>
            <FocusFollowsNavigation/>
            <Header/>
            <ConnectionBanner/>
            <main id=MAIN_ID tabindex="-1">{routes::app(page_drawn, first_screen)}</main>
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
