use super::draft::DraftStore;
use super::DRAFTS;
use crate::api::DossierBackend;
use crate::components::{summary_row, use_page_title, LoadError, Loading};
use crate::i18n::use_i18n;
use crate::pages::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use mytho_core::api::ApiError;
use mytho_core::config::AppConfig;
use mytho_core::draft::{step_path, FormMode};
use mytho_core::i18n::{Lang, Msg};
use mytho_core::procedures::Procedure;
use mytho_core::routes::PROCEDURES;
use std::sync::Arc;

/// Loads the procedure named in the address once for its page and every step of its form, and keeps
/// the draft of its form in context (of its practice copy on a practice address).
#[component]
pub fn ProcedureLayout(children: ChildrenFn) -> impl IntoView {
    let id = crate::routes::use_route_id();
    let backend = expect_context::<Arc<dyn DossierBackend>>();
    let procedure = LocalResource::new(move || {
        let backend = backend.clone();
        let id = id.get();
        async move { backend.procedure(&id).await.map(Arc::new) }
    });
    move || match procedure.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(ApiError::Client { status: 404, .. })) => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| procedure.refetch())/> }.into_any(),
        Some(Ok(procedure)) => {
            let path = leptos_router::hooks::use_location().pathname.get_untracked();
            provide_context(DraftStore::open(&procedure, FormMode::of_path(&path)));
            provide_context(procedure);
            children().into_any()
        }
    }
}

/// `?da-xoa=1`: the user has just deleted the draft.
pub const DELETED: &str = "da-xoa";

/// Everything about one procedure, and the way in to its online form.
#[component]
pub fn ProcedurePage() -> impl IntoView {
    let i18n = use_i18n();
    let p = expect_context::<Arc<Procedure>>();
    let store = expect_context::<DraftStore>();
    let hotline = expect_context::<AppConfig>().hotline;
    let deleted = use_query_map().read_untracked().get(DELETED).is_some();
    let title = p.name.clone();
    use_page_title(move || title.get(i18n.lang.get()).to_string());
    move || {
        let lang = i18n.lang.get();
        let row = |label: Msg, value: AnyView| summary_row(label.text(lang), value);
        let papers = p.papers.iter().map(|x| view! { <li>{x.get(lang).to_string()}</li> }).collect_view();
        let legal = p.legal_basis.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view();
        let apply = p.form.as_ref().map(|form| {
            let first = form.steps.first().map(|s| s.id.clone()).unwrap_or_default();
            let resume = store.draft.with(|d| d.has_answers().then(|| d.step.clone()));
            let (href, label) = match resume {
                Some(step) => (step_path(&p.id, &step), Msg::ContinueDraft),
                None => (step_path(&p.id, &first), Msg::ActionApply),
            };
            view! { <p><a class="button" href=href.clone()>{label.text(lang)}</a></p> }
        });
        let counter = p.form.is_none().then(|| {
            view! {
                <div class="notice">
                    <p>{Msg::ProcNotOnline.text(lang)}</p>
                    <p>{Msg::HotlineLabel.text(lang)} ": " <a href=format!("tel:{hotline}")>{hotline.clone()}</a></p>
                </div>
            }
        });
        view! {
            <p><a href=PROCEDURES class="back-link">{Msg::BackToCatalogue.text(lang)}</a></p>
            <h1 class="page-title">{p.name.get(lang).to_string()}</h1>
            {deleted.then(|| view! { <p class="notice" role="status">{Msg::DraftDeleted.text(lang)}</p> })}
            {apply}
            {counter}
            <dl class="summary-list">
                {p.code.clone().map(|code| row(Msg::ProcCode, code.into_any()))}
                {row(Msg::ProcWho, p.who.get(lang).to_string().into_any())}
                {row(Msg::ProcPapers, view! { <ul>{papers}</ul> }.into_any())}
                {row(Msg::ProcTime, p.time.get(lang).to_string().into_any())}
                {row(Msg::ProcFee, p.fee.get(lang).to_string().into_any())}
                {row(Msg::ProcResultAt, p.result_at.get(lang).to_string().into_any())}
                // The documents' titles exist in Vietnamese only: marked so, a screen reader reads
                // them as Vietnamese on the English page too. (A closure, as the language switch's
                // `lang`: one attribute type in the app; a static one cost the landing 0.7 KB.)
                {row(Msg::ProcLegal, view! { <ul lang=move || Lang::Vi.code()>{legal}</ul> }.into_any())}
            </dl>
            <p><a href=DRAFTS>{Msg::DraftsTitle.text(lang)}</a></p>
        }
    }
}
