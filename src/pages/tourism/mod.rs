//! The visitors' guide (`/du-lich`): places on a map the app draws itself, each place's page with
//! directions, events (upcoming first, the past hidden), local products and itineraries. The content is
//! loaded once, kept above the router, so the guide keeps working offline once opened.

mod events;
mod guide;
mod map;
mod place;
mod products;

pub use events::EventsPage;
pub use guide::Guide;
pub use place::PlacePage;
pub use products::ProductsPage;

use crate::api;
use crate::components::{LoadError, Loading};
use leptos::prelude::*;
use mytho_core::api::ApiError;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::routes::TOURISM;
use mytho_core::tourism::{Event, Tourism};
use mytho_core::validate::Date;
use std::sync::Arc;

pub const EVENTS: &str = "/du-lich/su-kien";
pub const PRODUCTS: &str = "/du-lich/dac-san";

#[derive(Clone, Copy)]
pub struct GuideStore {
    content: RwSignal<Option<Result<Arc<Tourism>, ApiError>>>,
}

impl GuideStore {
    pub fn provide() {
        let store = GuideStore { content: RwSignal::new(None) };
        provide_context(store);
        store.load();
    }

    fn load(self) {
        self.content.set(None);
        leptos::task::spawn_local(async move {
            let loaded = api::load_tourism().await.map(Arc::new);
            self.content.try_set(Some(loaded));
        });
    }
}

/// Draws a guide page once the content is here (a loading note before, an error with Try again).
pub fn with_content<V: IntoView + 'static>(page: impl Fn(&Tourism, Lang) -> V + Send + Sync + 'static) -> impl IntoView {
    let store = expect_context::<GuideStore>();
    let i18n = crate::i18n::use_i18n();
    move || match store.content.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| store.load())/> }.into_any(),
        Some(Ok(content)) => page(&content, i18n.lang.get()).into_any(),
    }
}

pub fn category_name(category: &str) -> Msg {
    match category {
        "pagoda-church" => Msg::CatPagodaChurch,
        "islet-garden" => Msg::CatIsletGarden,
        "market-food" => Msg::CatMarketFood,
        "museum-relic" => Msg::CatMuseumRelic,
        "street-park" => Msg::CatStreetPark,
        "ocop-shop" => Msg::CatOcopShop,
        _ => Msg::CatWifiSpot,
    }
}

/// "27/12/2024 – 31/12/2024", or one day.
fn event_days(e: &Event) -> String {
    let show = |s: &str| Date::parse_iso(s).map(|d| d.display()).unwrap_or_else(|| s.to_string());
    if e.start == e.end { show(&e.start) } else { format!("{} – {}", show(&e.start), show(&e.end)) }
}

/// Events not over yet, soonest first (at most `limit`), today's marked; or a line saying there are none.
pub fn upcoming_events(t: &Tourism, lang: Lang, limit: usize) -> AnyView {
    let today = crate::platform::today();
    let on_now: Vec<&str> = t.events_on(today).iter().map(|e| e.id.as_str()).collect();
    let upcoming = t.upcoming(today);
    if upcoming.is_empty() {
        return view! { <p>{Msg::EventsNone.text(lang)}</p> }.into_any();
    }
    let cards = upcoming.iter().take(limit).map(|e| event_card(e, lang, on_now.contains(&e.id.as_str()))).collect_view();
    view! { <ul class="cards">{cards}</ul> }.into_any()
}

/// One event as a card: name, days (and when within them), where, what.
fn event_card(e: &Event, lang: Lang, on_now: bool) -> impl IntoView {
    let when = match &e.when {
        Some(w) => format!("{} · {}", event_days(e), w.get(lang)),
        None => event_days(e),
    };
    view! {
        <li class="card">
            <h3 class="card__title">{e.name.get(lang).to_string()}</h3>
            {on_now.then(|| view! { <p><strong class="tag tag--online">{Msg::EventsNow.text(lang)}</strong></p> })}
            <p>{format!("{}: {when}", Msg::EventWhen.text(lang))}</p>
            <p>{format!("{}: {}", Msg::EventWhere.text(lang), e.place.get(lang))}</p>
            <p>{e.description.get(lang).to_string()}</p>
        </li>
    }
}

pub fn back_to_guide(lang: Lang) -> impl IntoView {
    view! { <p><a class="back-link" href=TOURISM>{Msg::BackToGuide.text(lang)}</a></p> }
}
