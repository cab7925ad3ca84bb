use crate::api::CatalogueBackend;
use crate::components::{use_page_title, LoadError, Loading};
use crate::pages::dossiers::DRAFTS;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::procedures::{search, ProcedureList, ProcedureSummary};
use mytho_core::routes::PROCEDURES;
use std::sync::Arc;

/// The procedures by field, searchable with or without accents and by their old everyday names. The
/// query lives in the address (`?q=`), so back and a shared link keep it.
#[component]
pub fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::CatalogueTitle).to_string());
    let backend = expect_context::<Arc<dyn CatalogueBackend>>();
    let list = LocalResource::new(move || {
        let backend = backend.clone();
        async move { backend.procedures().await }
    });
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let navigate = use_navigate();
    let typed = RwSignal::new(q());
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = typed.get_untracked();
        let href = if text.trim().is_empty() { PROCEDURES.to_string() } else { format!("{PROCEDURES}?q={}", js_sys::encode_uri_component(text.trim())) };
        navigate(&href, NavigateOptions { scroll: false, ..Default::default() });
    };
    view! {
        <h1 class="page-title">{i18n.text(Msg::CatalogueTitle)}</h1>
        <p>{i18n.text(Msg::CatalogueIntro)}</p>
        <form class="search" role="search" on:submit=on_search>
            <label class="label" for="procedure-search">{i18n.text(Msg::SearchLabel)}</label>
            <p class="hint" id="procedure-search-hint">{i18n.text(Msg::SearchHint)}</p>
            <div class="search__row">
                <input class="input" type="search" id="procedure-search" name="q" autocomplete="off"
                    aria-describedby="procedure-search-hint"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                <button class="button" type="submit">{i18n.text(Msg::SearchButton)}</button>
            </div>
        </form>
        <p><a href=DRAFTS>{i18n.text(Msg::DraftsTitle)}</a></p>
        {move || match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| list.refetch())/> }.into_any(),
            Some(Ok(list)) => results(&list, &q(), i18n.lang.get()).into_any(),
        }}
    }
}

fn results(list: &ProcedureList, q: &str, lang: Lang) -> impl IntoView {
    if !q.trim().is_empty() {
        let found = search(&list.procedures, q);
        let count = format!("{} {}", found.len(), Msg::SearchResultsCount.text(lang));
        return view! {
            <p role="status">{count}</p>
            {found.is_empty().then(|| view! { <p>{Msg::SearchNoResults.text(lang)}</p> })}
            <ul class="procedure-list">{found.into_iter().map(|i| item(&list.procedures[i], lang)).collect_view()}</ul>
        }
        .into_any();
    }
    list.fields
        .iter()
        .map(|field| {
            let items = list.procedures.iter().filter(|p| p.field == field.id).map(|p| item(p, lang)).collect_view();
            view! {
                <section>
                    <h2 class="subheading">{field.name.get(lang).to_string()}</h2>
                    <ul class="procedure-list">{items}</ul>
                </section>
            }
        })
        .collect_view()
        .into_any()
}

fn item(p: &ProcedureSummary, lang: Lang) -> impl IntoView {
    let tag = if p.online { Msg::OnlineTag } else { Msg::CounterOnlyTag };
    view! {
        <li class="procedure-list__item">
            <a href=format!("{PROCEDURES}/{}", p.id)>{p.name.get(lang).to_string()}</a>
            <span class=if p.online { "tag tag--online" } else { "tag" }>{tag.text(lang)}</span>
        </li>
    }
}
