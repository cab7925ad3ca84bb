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
use crate::components::Loaded;
use leptos::prelude::*;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::routes::TOURISM;
use mytho_core::tourism::{Event, Tourism};
use mytho_core::validate::Date;

pub const EVENTS: &str = "/du-lich/su-kien";
pub const PRODUCTS: &str = "/du-lich/dac-san";

/// The guide's content, loaded once for every page of the bundle.
pub fn provide_guide() {
    provide_context(Loaded::new(|| Box::pin(api::load_tourism())));
}

/// Draws a guide page once the content is here.
pub fn with_content<V: IntoView + 'static>(page: impl Fn(&Tourism, Lang) -> V + Send + Sync + 'static) -> impl IntoView {
    expect_context::<Loaded<Tourism>>().view(page)
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
