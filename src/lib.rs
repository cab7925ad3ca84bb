//! Mỹ Tho Số: the app shell, its context and its router.

pub mod api;
mod components;
mod i18n;
mod pages;
mod platform;

use crate::api::{CityBackend, GatewayBackend};
use crate::components::{ConnectionBanner, Footer, Header};
use crate::i18n::I18n;
use crate::pages::{ComingSoon, ConfigError, Home, NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{StaticSegment, WildcardSegment};
use mytho_core::config::AppConfig;
use mytho_core::routes::{self, Area};
use std::sync::Arc;

/// Loads the city's config while the first screen from `index.html` stays visible, then replaces that
/// screen with the app (or with an error page that says what happened).
pub fn start() {
    // Leptos's executor starts with mount_to, so this first task runs on wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async {
        let config = api::load_config().await;
        let root = platform::app_root();
        root.set_inner_html("");
        leptos::mount::mount_to(root, move || match config {
            Ok(config) => view! { <App config/> }.into_any(),
            Err(error) => view! { <ConfigError error/> }.into_any(),
        })
        .forget();
    });
}

/// App-wide state lives above the router, in context.
#[component]
pub fn App(config: AppConfig) -> impl IntoView {
    let i18n = I18n::provide();
    let backend: Arc<dyn CityBackend> = Arc::new(GatewayBackend::new(&config));
    provide_context(config.clone());
    provide_context(backend);
    let _ = i18n;

    let f = config.features;
    let procedures = area_page(Area::Procedures, f.procedures);
    let tracking = area_page(Area::Tracking, f.tracking);
    let faq = area_page(Area::Faq, f.faq);
    let tutorials = area_page(Area::Tutorials, f.tutorials);
    let tourism = area_page(Area::Tourism, f.tourism);
    view! {
        <Router>
            <Header/>
            <ConnectionBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=Home/>
                    <Route path=StaticSegment(seg(routes::PROCEDURES)) view=procedures.clone()/>
                    <Route path=(StaticSegment(seg(routes::PROCEDURES)), WildcardSegment("rest")) view=procedures/>
                    <Route path=StaticSegment(seg(routes::TRACKING)) view=tracking.clone()/>
                    <Route path=(StaticSegment(seg(routes::TRACKING)), WildcardSegment("rest")) view=tracking/>
                    <Route path=StaticSegment(seg(routes::FAQ)) view=faq.clone()/>
                    <Route path=(StaticSegment(seg(routes::FAQ)), WildcardSegment("rest")) view=faq/>
                    <Route path=StaticSegment(seg(routes::TUTORIALS)) view=tutorials.clone()/>
                    <Route path=(StaticSegment(seg(routes::TUTORIALS)), WildcardSegment("rest")) view=tutorials/>
                    <Route path=StaticSegment(seg(routes::TOURISM)) view=tourism.clone()/>
                    <Route path=(StaticSegment(seg(routes::TOURISM)), WildcardSegment("rest")) view=tourism/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

/// A route segment from one of the core's addresses (`/du-lich` → `du-lich`).
fn seg(path: &'static str) -> &'static str {
    path.trim_start_matches('/')
}

/// An area not built yet answers every address under it with an honest "coming soon"; an area the city
/// switched off is not there at all (404).
fn area_page(area: Area, enabled: bool) -> impl Fn() -> AnyView + Clone + Send + Sync + 'static {
    move || {
        if enabled {
            view! { <ComingSoon area/> }.into_any()
        } else {
            view! { <NotFound/> }.into_any()
        }
    }
}
