//! Mỹ Tho Số: the app shell, its context and its router.

pub mod api;
mod components;
mod i18n;
mod pages;
mod platform;

use crate::api::{CityBackend, GatewayBackend};
use crate::components::{ConnectionBanner, Footer, Header};
use crate::i18n::I18n;
use crate::pages::{AreaPage, ConfigError, Home, NotFound};
use mytho_core::routes;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment, WildcardSegment};
use mytho_core::config::AppConfig;
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
    let faq_on = config.features.faq;
    #[cfg(feature = "faq-chat")]
    pages::faq::FaqStore::provide();
    view! {
        <Router>
            <Header/>
            <ConnectionBanner/>
            <main id="main" tabindex="-1">
                // Built areas have their routes; one route serves all the others (a smaller router and
                // bundle), and the page picks the area.
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=Home/>
                    <Route path=StaticSegment(seg(routes::FAQ)) view=move || built(faq_on, faq_chat)/>
                    <Route path=(StaticSegment(seg(routes::FAQ)), StaticSegment("tat-ca")) view=move || built(faq_on, faq_all)/>
                    <Route path=ParamSegment("area") view=AreaPage/>
                    <Route path=(ParamSegment("area"), WildcardSegment("rest")) view=AreaPage/>
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}

#[cfg(feature = "faq-chat")]
fn faq_chat() -> AnyView {
    view! { <pages::faq::FaqChat/> }.into_any()
}

#[cfg(feature = "faq-chat")]
fn faq_all() -> AnyView {
    view! { <pages::faq::FaqAll/> }.into_any()
}

/// Without the chat the FAQ area is "coming soon" like the other unbuilt areas.
#[cfg(not(feature = "faq-chat"))]
fn faq_chat() -> AnyView {
    view! { <pages::ComingSoon area=routes::Area::Faq/> }.into_any()
}

#[cfg(not(feature = "faq-chat"))]
fn faq_all() -> AnyView {
    faq_chat()
}

/// A built area's page, or 404 when the city switched the area off.
fn built<V: IntoView + 'static>(enabled: bool, page: impl FnOnce() -> V) -> AnyView {
    if enabled {
        page().into_any()
    } else {
        view! { <NotFound/> }.into_any()
    }
}

/// A route segment from one of the core's addresses (`/hoi-dap` → `hoi-dap`).
fn seg(path: &'static str) -> &'static str {
    path.trim_start_matches('/')
}
