use super::{back_to_guide, with_content};
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::routes::place_path;

/// Local products: what OCOP means, what to look for, and where to buy each.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || format!("{} – {}", i18n.tr(Msg::ProductsTitle), i18n.tr(Msg::GuideTitle)));
    with_content(|t, lang| {
        let items = t
            .products
            .iter()
            .map(|p| {
                let place = p.place.as_deref().and_then(|id| t.place(id));
                view! {
                    <li class="card">
                        <h2 class="card__title">{p.name.get(lang).to_string()}</h2>
                        <p>{p.description.get(lang).to_string()}</p>
                        <p>
                            {format!("{}: {}", Msg::WhereToBuy.text(lang), p.where_to_buy.get(lang))}
                            {place.map(|pl| view! { " – " <a href=place_path(&pl.id)>{pl.name.get(lang).to_string()}</a> })}
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! {
            {back_to_guide(lang)}
            <h1 class="page-title">{Msg::ProductsTitle.text(lang)}</h1>
            <p class="lead">{t.ocop_intro.get(lang).to_string()}</p>
            <ul class="cards">{items}</ul>
        }
    })
}
