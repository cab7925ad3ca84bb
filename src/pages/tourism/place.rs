use super::{back_to_guide, category_name, with_content};
use crate::components::{summary_row, use_page_title};
use crate::pages::NotFound;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::tourism::{directions_link, map_page_link};

/// One place: what it is, where, when it opens, and "Chỉ đường" to open the phone's map app there.
#[component]
pub fn PlacePage() -> impl IntoView {
    let id = crate::routes::use_route_id();
    let title = RwSignal::new(String::new());
    use_page_title(move || title.get());
    with_content(move |t, lang| {
        let id = id.get();
        let Some(p) = t.place(&id) else {
            return view! { <NotFound/> }.into_any();
        };
        let name = p.name.get(lang).to_string();
        title.set(format!("{name} – {}", Msg::GuideTitle.text(lang)));
        let address = match &p.address {
            Some(a) => format!("{a}, {}", p.ward),
            None => p.ward.clone(),
        };
        view! {
            {back_to_guide(lang)}
            <h1 class="page-title">{name}</h1>
            <p class="lead">{p.description.get(lang).to_string()}</p>
            <p>
                <a class="button" href=directions_link(p, lang)>{Msg::Directions.text(lang)}</a>
                " " <span class="hint">{format!("({})", Msg::DirectionsHint.text(lang))}</span>
            </p>
            // geo: links open the map app on Android; iPhones and computers need a web page.
            <p><a href=map_page_link(p) rel="external noopener">{Msg::DirectionsWeb.text(lang)}</a></p>
            <dl class="summary-list">
                {summary_row(Msg::PlaceCategory.text(lang), category_name(&p.category).text(lang).to_string())}
                {summary_row(Msg::PlaceAddress.text(lang), address)}
                {p.hours.as_ref().map(|h| summary_row(Msg::PlaceHours.text(lang), h.get(lang).to_string()))}
            </dl>
        }
        .into_any()
    })
}
