//! Citizen reports (Open311): the form (what, the service's own questions, a description, up to 3
//! photos, where: the device's location when asked, or an address), the open reports nearby of the same
//! kind before sending, one report's status as the ward answers, and the public list.

mod form;
mod map;

pub use form::ReportPage;

use crate::api::ReportBackend;
use crate::components::{sketch_map, summary_row, use_page_title, LoadError, Loading, Pin, WIDTH};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use crate::platform;
use mytho_core::config::AppConfig;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::report_draft::{in_ward, KeptReport, KEPT_REPORTS_KEY};
use mytho_core::tourism::MapSketch;
use mytho_core::open311::{ReportStatus, ServiceRequest};
use mytho_core::routes::{report_path, REPORTS, REPORTS_LIST};
use mytho_core::validate::date::vn_datetime;
use std::sync::Arc;

fn status_tag(status: ReportStatus, lang: Lang) -> impl IntoView {
    let (class, msg) = match status {
        ReportStatus::Open => ("tag tag--status", Msg::ReportStatusOpen),
        ReportStatus::Closed => ("tag tag--done", Msg::ReportStatusClosed),
    };
    view! { <strong class=class>{msg.text(lang)}</strong> }
}

/// Where a report is, in words: its address, else its coordinates.
fn place_text(r: &ServiceRequest) -> String {
    match (&r.address, r.lat.zip(r.long)) {
        (Some(a), _) if !a.trim().is_empty() => a.clone(),
        (_, Some((lat, long))) => map::coordinates(lat, long),
        _ => String::new(),
    }
}

/// `/phan-anh/<number>`: the report as the public sees it, and the ward's answer.
#[component]
pub fn ReportStatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn ReportBackend>>();
    let id = crate::routes::use_route_id();
    let query = use_query_map();
    let id = move || id.get();
    let just_sent = move || query.read().get("moi").is_some();
    let report = LocalResource::new(move || {
        let (backend, id, lang) = (backend.clone(), id(), i18n.lang.get());
        async move { backend.request(&id, lang).await }
    });
    use_page_title(move || format!("{} {}", i18n.tr(Msg::ReportNumberLabel), id()));
    view! {
        {move || just_sent().then(|| view! {
            <div class="panel panel--confirmation">
                <h1 class="panel__title">{i18n.tr(Msg::ReportSent)}</h1>
                <p class="panel__body">{i18n.tr(Msg::ReportNumberLabel)} <br/><strong id="report-number">{id()}</strong></p>
            </div>
            <p>{i18n.tr(Msg::ReportKeepNumber)}</p>
        })}
        {move || (!just_sent()).then(|| view! { <h1 class="page-title">{i18n.tr(Msg::ReportNumberLabel)} " " {id()}</h1> })}
        {move || match report.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| report.refetch())/> }.into_any(),
            Some(Ok(None)) => view! { <div class="error-panel" role="alert"><p>{i18n.tr(Msg::ReportNotFound)}</p></div> }.into_any(),
            Some(Ok(Some(r))) => report_view(r, i18n.lang.get()).into_any(),
        }}
        <p><button class="button button--secondary" type="button" on:click=move |_| report.refetch()>{i18n.text(Msg::ReportRefresh)}</button></p>
        <p><a href=REPORTS_LIST>{i18n.text(Msg::ReportListLink)}</a></p>
        <p><a href=REPORTS>{i18n.text(Msg::ReportNew)}</a></p>
    }
}

fn report_view(r: ServiceRequest, lang: Lang) -> impl IntoView {
    let place = place_text(&r);
    let photo = r.media_url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/'));
    view! {
        <dl class="summary-list" aria-live="polite">
            {summary_row(Msg::ReportKind.text(lang), r.service_name.clone().unwrap_or_else(|| r.service_code.clone()))}
            {summary_row(Msg::ReportStatusLabel.text(lang), status_tag(r.status, lang))}
            {r.status_notes.clone().filter(|n| !n.trim().is_empty()).map(|n| summary_row(Msg::ReportNotes.text(lang), n))}
            {(!place.is_empty()).then(|| summary_row(Msg::ReportWhere.text(lang), place))}
            {r.description.clone().filter(|d| !d.trim().is_empty()).map(|d| summary_row(Msg::ReportDescription.text(lang), d))}
            {r.requested_datetime.as_deref().map(|t| summary_row(Msg::ReportSentAt.text(lang), vn_datetime(t)))}
            {r.updated_datetime.as_deref().map(|t| summary_row(Msg::ReportUpdated.text(lang), vn_datetime(t)))}
        </dl>
        {photo.map(|src| view! { <img class="report-photo" src=src alt=Msg::ReportPhotoAlt.text(lang) width="320" height="240"/> })}
    }
}

/// `/phan-anh/danh-sach`: the last 90 days' reports, newest first, with what the ward did; by ward, on
/// the city sketch, and the ones this device sent (when the citizen let it keep them).
#[component]
pub fn ReportListPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn ReportBackend>>();
    let wards = expect_context::<AppConfig>().reports.map(|r| r.wards).unwrap_or_default();
    let ward = RwSignal::new(String::new());
    let reports = LocalResource::new(move || {
        let (backend, lang) = (backend.clone(), i18n.lang.get());
        async move { backend.requests(format!("page_size=50&locale={}", lang.code())).await }
    });
    let sketch = LocalResource::new(|| async { crate::api::load_map_sketch().await });
    use_page_title(move || i18n.tr(Msg::ReportListTitle).to_string());
    let filter = (!wards.is_empty()).then(|| {
        view! {
            <div class="form-group report-filter">
                <label class="label" for="report-ward-filter">{i18n.text(Msg::ReportListWard)}</label>
                <select class="select" id="report-ward-filter" prop:value=move || ward.get() on:change=move |ev| ward.set(event_target_value(&ev))>
                    <option value="">{i18n.text(Msg::ReportAllWards)}</option>
                    {wards.iter().map(|w| view! { <option value=w.clone()>{w.clone()}</option> }).collect_view()}
                </select>
            </div>
        }
    });
    view! {
        <h1 class="page-title">{i18n.text(Msg::ReportListTitle)}</h1>
        <p>{i18n.text(Msg::ReportListIntro)}</p>
        {mine()}
        {filter}
        {move || match reports.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| reports.refetch())/> }.into_any(),
            Some(Ok(list)) => {
                let lang = i18n.lang.get();
                let chosen = ward.get();
                let list: Vec<ServiceRequest> = list
                    .into_iter()
                    .filter(|r| chosen.is_empty() || r.address.as_deref().is_some_and(|a| in_ward(a, &chosen)))
                    .collect();
                if list.is_empty() {
                    return view! { <p id="report-list-empty">{i18n.tr(Msg::ReportListEmpty)}</p> }.into_any();
                }
                let map = sketch.get().and_then(Result::ok).map(|m| reports_map(&m, &list, lang));
                view! {
                    {map}
                    <ol class="report-list">{list.into_iter().enumerate().map(|(i, r)| report_item(i + 1, r, lang)).collect_view()}</ol>
                }
                .into_any()
            }
        }}
        <p><a class="button" href=REPORTS>{i18n.text(Msg::ReportNew)}</a></p>
    }
}

/// Room around the outermost reports, in drawing units.
const MAP_MARGIN: f64 = 40.0;

/// The listed reports that have a point on the sketch, numbered as in the list.
fn reports_map(map: &MapSketch, list: &[ServiceRequest], lang: Lang) -> Option<impl IntoView> {
    let pins: Vec<Pin> = list
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let at = r.lat.zip(r.long).map(|(lat, long)| [lat, long]).filter(|at| map.contains(*at))?;
            let name = r.service_name.clone().unwrap_or_else(|| r.service_code.clone());
            Some(Pin { at, href: report_path(&r.service_request_id), label: format!("{}. {name}", i + 1), number: i + 1 })
        })
        .collect();
    if pins.is_empty() {
        return None;
    }
    let at: Vec<[f64; 2]> = pins.iter().map(|p| p.at).collect();
    let frame = map.frame_around(&at, WIDTH, MAP_MARGIN);
    Some(view! {
        <h2 class="subheading">{Msg::ReportMapTitle.text(lang)}</h2>
        <p id="report-map-note">{Msg::ReportMapNote.text(lang)}</p>
        {sketch_map(map, frame, pins, "report-map-note")}
    })
}

/// The reports this device sent, kept with the citizen's consent, and the way to forget them.
fn mine() -> impl IntoView {
    let i18n = use_i18n();
    let kept = RwSignal::new(platform::read_json::<Vec<KeptReport>>(KEPT_REPORTS_KEY).unwrap_or_default());
    let forget = move |_| {
        platform::forget(KEPT_REPORTS_KEY);
        kept.set(vec![]);
        // The button is gone: focus goes to the page, not to the body.
        platform::focus(crate::MAIN_ID);
    };
    move || {
        (!kept.with(Vec::is_empty)).then(|| {
            let items = kept.get().into_iter().map(|k| {
                view! { <li><a class="report-list__link" href=report_path(&k.id)>{k.id.clone()}</a> " · " {k.service_name.clone()}</li> }
            });
            view! {
                <section class="panel--nearby" aria-labelledby="report-mine">
                    <h2 class="subheading" id="report-mine">{i18n.tr(Msg::ReportMine)}</h2>
                    <ul class="list">{items.collect_view()}</ul>
                    <button class="button button--secondary" type="button" id="report-forget-mine" on:click=forget>{i18n.tr(Msg::ReportForgetMine)}</button>
                </section>
            }
        })
    }
}

fn report_item(number: usize, r: ServiceRequest, lang: Lang) -> impl IntoView {
    let place = place_text(&r);
    let when = r.requested_datetime.as_deref().map(vn_datetime).unwrap_or_default();
    view! {
        <li class="report-list__item" value=number>
            <a class="report-list__link" href=report_path(&r.service_request_id)>{r.service_name.clone().unwrap_or_else(|| r.service_code.clone())}</a>
            " " {status_tag(r.status, lang)}
            <p class="report-list__meta">{place} {(!when.is_empty()).then(|| format!(" · {when}"))}</p>
            {r.status_notes.clone().filter(|n| !n.trim().is_empty()).map(|n| view! { <p class="report-list__note">{Msg::ReportNotes.text(lang)} ": " {n}</p> })}
        </li>
    }
}
