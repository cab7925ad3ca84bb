use super::map::map_view;
use super::{category_name, upcoming_events, with_content, EVENTS, PRODUCTS};
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::routes::place_path;
use mytho_core::tourism::CATEGORIES;

/// The guide's front page: the map, the places by kind (numbered as on the map), what is on, and the
/// suggested itineraries.
#[component]
pub fn Guide() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::GuideTitle).to_string());
    let page = with_content(|t, lang| {
        let number = |id: &str| t.places.iter().position(|p| p.id == id).map_or(0, |i| i + 1);
        let groups = CATEGORIES
            .iter()
            .filter(|c| t.places.iter().any(|p| p.category == **c))
            .map(|c| {
                let items = t
                    .places
                    .iter()
                    .filter(|p| p.category == *c)
                    .map(|p| view! { <li><span class="marker-number">{number(&p.id)}</span> <a href=place_path(&p.id)>{p.name.get(lang).to_string()}</a></li> })
                    .collect_view();
                view! {
                    <h3 class="subheading">{category_name(c).text(lang)}</h3>
                    <ul class="place-list">{items}</ul>
                }
            })
            .collect_view();
        let itineraries = t
            .itineraries
            .iter()
            .map(|it| {
                let stops = it
                    .stops
                    .iter()
                    .filter_map(|id| t.place(id))
                    .map(|p| view! { <li><a href=place_path(&p.id)>{p.name.get(lang).to_string()}</a></li> })
                    .collect_view();
                view! {
                    <li class="card">
                        <h3 class="card__title">{it.name.get(lang).to_string()}</h3>
                        <p><strong>{it.duration.get(lang).to_string()}</strong></p>
                        <p>{it.description.get(lang).to_string()}</p>
                        <ol>{stops}</ol>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h1 class="page-title">{Msg::GuideTitle.text(lang)}</h1>
            <p class="lead">{Msg::GuideIntro.text(lang)}</p>
            <h2 class="subheading">{Msg::MapTitle.text(lang)}</h2>
            <p class="hint" id="map-note">{Msg::MapNote.text(lang)}</p>
            {map_view(t, lang)}
            <h2 class="subheading">{Msg::PlacesTitle.text(lang)}</h2>
            {groups}
            <h2 class="subheading">{Msg::EventsTitle.text(lang)}</h2>
            {upcoming_events(t, lang, 3)}
            <p><a href=EVENTS>{format!("{}: {}", Msg::SeeAll.text(lang), Msg::EventsTitle.text(lang).to_lowercase())}</a></p>
            <h2 class="subheading">{Msg::ItinerariesTitle.text(lang)}</h2>
            <ul class="cards">{itineraries}</ul>
            <h2 class="subheading">{Msg::ProductsTitle.text(lang)}</h2>
            <p>{t.ocop_intro.get(lang).to_string()}</p>
            <p><a href=PRODUCTS>{Msg::ProductsTitle.text(lang)}</a></p>
        }
    });
    view! { <div class="guide">{page}</div> }
}
