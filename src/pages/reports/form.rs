//! The report form: one page, in the order people think of it (what, details, where, who), checked
//! before sending with the GOV.UK error summary; nothing typed is lost when the server refuses.

use crate::api::{ReportBackend, UploadBackend};
use crate::components::{title_with_errors, use_page_title, ErrorSummary, InlineError, LoadError, Loading, Problem, ProblemTarget};
use crate::files;
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mytho_core::api::ApiError;
use mytho_core::config::AppConfig;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::open311::{form_body, report_fields, Attribute, Datatype, Posted, Service, ServiceDefinition, DESCRIPTION_MAX, MAX_PHOTOS};
use mytho_core::report_draft::{remember, DraftPhoto, KeptReport, ReportDraft, KEPT_REPORTS_KEY, REPORT_DRAFT_KEY};
use mytho_core::routes::{report_path, REPORTS_LIST};
use std::sync::Arc;
use std::time::Duration;
use super::map::{coordinates, pick_map, within};
use mytho_core::text::decimal;
use web_sys::HtmlInputElement;

const DESCRIPTION_ID: &str = "report-description";
const PHOTO_ID: &str = "report-photo";
const ADDRESS_ID: &str = "report-address";
const PHONE_ID: &str = "report-phone";
const WARD_ID: &str = "report-ward";
/// How close an open report of the same kind must be to be offered instead of a new one.
const NEARBY_M: u32 = 200;
/// Where this gateway serves a report's photos (`open311::MEDIA` on the gateway).
const MEDIA_PATH: &str = "/open311/v2/media";

fn question_id(code: &str) -> String {
    format!("q-{code}")
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn ReportBackend>>();
    let uploads = expect_context::<Arc<dyn UploadBackend>>();
    let config = expect_context::<AppConfig>();
    // Photos go to this gateway's uploads, and are served from where the API is.
    let media_base = format!("{}{MEDIA_PATH}", config.api_origin().map_or_else(platform::origin, str::to_string));
    let wards = config.reports.as_ref().map(|r| r.wards.clone()).unwrap_or_default();
    let has_wards = !wards.is_empty();

    // What was being written comes back after a reload; it is written to the device at every change.
    let stored = platform::read_json::<ReportDraft>(REPORT_DRAFT_KEY).filter(|d| !d.is_blank());
    let restored = RwSignal::new(stored.is_some());
    let draft = RwSignal::new(stored.unwrap_or_default());
    Effect::new(move |_| {
        draft.with(|d| if d.is_blank() { platform::forget(REPORT_DRAFT_KEY) } else { platform::write_json(REPORT_DRAFT_KEY, &d.for_device()) })
    });
    // Only what the requests depend on: typing a description does not fetch again.
    let service = Memo::new(move |_| draft.with(|d| d.service_code.clone()));
    let point = Memo::new(move |_| draft.with(|d| d.point));
    let photo_state = RwSignal::new(None::<String>);
    let locating = RwSignal::new(false);
    let no_location = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let busy = RwSignal::new(false);
    let refused = RwSignal::new(None::<ApiError>);
    // Taken while the router is in reach; used once the report is sent.
    let navigate = leptos_router::hooks::use_navigate();
    use_page_title(move || title_with_errors(i18n.tr(Msg::AreaReports).to_string(), !problems.with(Vec::is_empty), i18n.lang.get()));

    let services = LocalResource::new({
        let backend = backend.clone();
        move || {
            let (backend, lang) = (backend.clone(), i18n.lang.get());
            async move { backend.services(lang).await }
        }
    });
    let definition = LocalResource::new({
        let backend = backend.clone();
        move || {
            let (backend, code, lang) = (backend.clone(), service.get(), i18n.lang.get());
            async move {
                if code.is_empty() {
                    return Ok(None);
                }
                backend.definition(&code, lang).await.map(Some)
            }
        }
    });
    // Open reports of the same kind near the point, offered before a new one is sent.
    let nearby = LocalResource::new({
        let backend = backend.clone();
        move || {
            let (backend, code, at, lang) = (backend.clone(), service.get(), point.get(), i18n.lang.get());
            async move {
                let Some((lat, long, _)) = at.filter(|_| !code.is_empty()) else { return Ok(vec![]) };
                let q = format!("lat={}&long={}&radius={NEARBY_M}&status=open&service_code={}&locale={}", decimal(lat, 6), decimal(long, 6), code, lang.code());
                backend.requests(q).await
            }
        }
    });
    // The city sketch to tap the place on (the guide's content file; without it, location and address).
    let sketch = LocalResource::new(|| async { crate::api::load_map_sketch().await });

    let locate = move |_| {
        locating.set(true);
        no_location.set(false);
        spawn_local(async move {
            let found = platform::locate().await;
            let _ = locating.try_set(false);
            if found.is_some() {
                let _ = draft.try_update(|d| {
                    d.point = found;
                    d.on_map = false;
                });
            }
            let _ = no_location.try_set(found.is_none());
        });
    };

    let add_photo = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let (uploads, media_base, lang) = (uploads.clone(), media_base.clone(), i18n.lang.get_untracked());
        photo_state.set(Some(Msg::ReportPhotoSending.text(lang).to_string()));
        spawn_local(async move {
            let name = file.name();
            let progress = Box::new(move |pct: u32| {
                let _ = photo_state.try_set(Some(format!("{} {pct}%", Msg::ReportPhotoProgress.text(lang))));
            });
            let result = match files::prepare(&file).await {
                Ok(ready) => uploads.upload(ready.mime, &ready.bytes, progress).await.map_err(|e| e.user_message(lang)),
                Err(e) => Err(e.message(lang, Msg::ReportPhotos.text(lang))),
            };
            match result {
                Ok(up) => {
                    draft.try_update(|d| d.photos.push(DraftPhoto { url: format!("{media_base}/{}", up.id), name }));
                    photo_state.try_set(None);
                }
                Err(message) => {
                    photo_state.try_set(Some(message));
                }
            }
        });
    };

    // Sends the report under its key: a resend (the button, the connection coming back) is the same
    // report. A lost connection queues it; anything else is said and the report stays as typed.
    let send = move || {
        if busy.get_untracked() {
            return;
        }
        let lang = i18n.lang.get_untracked();
        let def = definition.get_untracked().and_then(Result::ok).flatten();
        let key = draft.with_untracked(|d| d.idempotency_key.clone()).unwrap_or_else(platform::random_id);
        draft.update(|d| d.idempotency_key = Some(key.clone()));
        let d = draft.get_untracked();
        let multi: Vec<&str> = def.iter().flat_map(|d| &d.attributes).filter(|a| a.datatype == Datatype::Multivaluelist).map(|a| a.code.as_str()).collect();
        let body = form_body(&report_fields(backend.api_key(), &d.to_report(), &multi, lang));
        let service_name = services.get_untracked().and_then(Result::ok).and_then(|l| l.into_iter().find(|s| s.service_code == d.service_code)).map(|s| s.service_name);
        let (backend, navigate) = (backend.clone(), navigate.clone());
        busy.set(true);
        refused.set(None);
        spawn_local(async move {
            let result = backend.post(body, &key).await;
            let _ = busy.try_set(false);
            match result {
                Ok(Posted::Id(id)) | Ok(Posted::Token(id)) => {
                    if d.keep {
                        let mut kept = platform::read_json::<Vec<KeptReport>>(KEPT_REPORTS_KEY).unwrap_or_default();
                        remember(&mut kept, KeptReport { id: id.clone(), service_name: service_name.unwrap_or_else(|| d.service_code.clone()), sent_at_ms: platform::now_ms() as f64 });
                        platform::write_json(KEPT_REPORTS_KEY, &kept);
                    }
                    let _ = draft.try_set(ReportDraft::default());
                    platform::forget(REPORT_DRAFT_KEY);
                    navigate(&format!("{}?moi=1", report_path(&id)), Default::default());
                }
                Err(e) => {
                    let queued = e.is_transient();
                    let _ = draft.try_update(|d| {
                        d.queued = queued;
                        if matches!(e, ApiError::Client { status: 409, .. }) {
                            // The key went with another report: the next press is a new one.
                            d.idempotency_key = None;
                        }
                    });
                    let _ = refused.try_set(Some(e));
                    platform::focus("report-refused");
                }
            }
        });
    };
    // A waiting report goes as soon as the connection returns, and when the page opens online again
    // (once its questions are known, which say how the answers are sent).
    {
        let send = send.clone();
        let handle = window_event_listener(leptos::ev::online, move |_| {
            if draft.with_untracked(|d| d.queued) {
                send();
            }
        });
        on_cleanup(move || handle.remove());
    }
    {
        let send = send.clone();
        let tried = StoredValue::new(false);
        Effect::new(move |_| {
            let ready = services.get().is_some() && (service.get().is_empty() || definition.get().is_some());
            if ready && !tried.get_value() && draft.with_untracked(|d| d.queued) && platform::is_online() {
                tried.set_value(true);
                send();
            }
        });
    }

    let on_submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let def = definition.get_untracked().and_then(Result::ok).flatten();
        let found = draft.with_untracked(|d| check(lang, d, def.as_ref(), has_wards));
        let ok = found.is_empty();
        problems.set(found);
        if ok {
            send();
        }
    }};
    let start_over = move |_| {
        draft.set(ReportDraft::default());
        platform::forget(REPORT_DRAFT_KEY);
        restored.set(false);
        refused.set(None);
        problems.set(vec![]);
        platform::focus("report-title");
    };

    let message_for = move |id: String| move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(id.clone())).map(|p| p.message.clone()));
    let group = move |id: &'static str| move || if message_for(id.to_string())().is_some() { "form-group form-group--error" } else { "form-group" };
    let inline = move |id: &'static str| move || message_for(id.to_string())().map(|message| view! { <InlineError id=format!("{id}-error") message/> });
    let text_field = move |get: fn(&ReportDraft) -> &String, set: fn(&mut ReportDraft, String)| {
        (move || draft.with(|d| get(d).clone()), move |ev: leptos::ev::Event| draft.update(|d| set(d, event_target_value(&ev))))
    };
    let (description_value, description_input) = text_field(|d| &d.description, |d, v| d.description = v);
    let (address_value, address_input) = text_field(|d| &d.address, |d, v| d.address = v);
    let (name_value, name_input) = text_field(|d| &d.name, |d, v| d.name = v);
    let (phone_value, phone_input) = text_field(|d| &d.phone, |d, v| d.phone = v);
    let ward_value = move || draft.with(|d| d.ward.clone());
    let photos_full = move || draft.with(|d| d.photos.len() >= MAX_PHOTOS);

    // The rest of the form is drawn a task after the services are known (see below): drawn with the
    // area's start it made one task of ≈ 140 ms at 4× CPU, a slow phone's input waiting that long.
    let drawn = RwSignal::new(false);
    Effect::new(move |_| {
        if services.with(Option::is_some) && !drawn.get_untracked() {
            set_timeout(
                move || {
                    let _ = drawn.try_set(true);
                },
                Duration::ZERO,
            );
        }
    });
    let rest = move || {
        let (send, add_photo, wards) = (send.clone(), add_photo.clone(), wards.clone());
        view! {
            {move || match definition.get() {
                Some(Ok(Some(def))) => questions(def, draft, problems, i18n.lang.get()).into_any(),
                Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| definition.refetch())/> }.into_any(),
                _ => ().into_any(),
            }}
            <div class=group(DESCRIPTION_ID)>
                <label class="label" for=DESCRIPTION_ID>{i18n.text(Msg::ReportDescription)}</label>
                <p class="hint" id="report-description-hint">{i18n.text(Msg::ReportDescriptionHint)}</p>
                {inline(DESCRIPTION_ID)}
                <textarea class="textarea" id=DESCRIPTION_ID name="description" rows="5" aria-describedby="report-description-hint report-description-count"
                    prop:value=description_value on:input=description_input></textarea>
                <p class="hint" id="report-description-count" aria-live="polite">
                    {move || format!("{} / {} {}", draft.with(|d| d.description.chars().count()), DESCRIPTION_MAX, i18n.tr(Msg::ReportCharacters))}
                </p>
            </div>
            <div class="form-group">
                <label class="label" for=PHOTO_ID>{i18n.text(Msg::ReportPhotos)}</label>
                <p class="hint" id="report-photo-hint">{i18n.text(Msg::ReportPhotosHint)}</p>
                <ul class="report-photos">
                    {move || draft.with(|d| d.photos.clone()).into_iter().enumerate().map(|(i, p)| view! {
                        <li>{p.name.clone()} " "
                            <button class="button button--secondary button--small" type="button"
                                on:click=move |_| { draft.update(|d| { d.photos.remove(i); }); platform::focus(PHOTO_ID); }>
                                {i18n.tr(Msg::ReportPhotoRemove)} <span class="visually-hidden">" " {p.name.clone()}</span>
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
                <p role="status" aria-live="polite" id="report-photo-status">{move || photo_state.get()}</p>
                <input class="file-upload" type="file" id=PHOTO_ID accept="image/jpeg,image/png,image/webp" aria-describedby="report-photo-hint"
                    disabled=photos_full on:change=add_photo/>
                {move || photos_full().then(|| view! { <p class="hint">{i18n.tr(Msg::ReportPhotosFull)}</p> })}
            </div>
            <fieldset class="fieldset form-group">
                <legend class="label">{i18n.text(Msg::ReportPlace)}</legend>
                <p class="hint" id="report-place-hint">{i18n.text(Msg::ReportPlaceHint)}</p>
                <p>
                    <button class="button button--secondary" type="button" id="report-locate" on:click=locate disabled=move || locating.get()>
                        {i18n.text(Msg::ReportUseLocation)}
                    </button>
                </p>
                {move || match sketch.get() {
                    Some(Ok(map)) => pick_map(map, draft, i18n.tr(Msg::ReportMapLabel).to_string(), "report-map-hint").into_any(),
                    _ => ().into_any(),
                }}
                {move || sketch.get().is_some_and(|s| s.is_ok()).then(|| view! { <p class="hint" id="report-map-hint">{i18n.tr(Msg::ReportMapHint)}</p> })}
                <p role="status" aria-live="polite" id="report-location-status">
                    {move || if locating.get() {
                        i18n.tr(Msg::ReportLocating).to_string()
                    } else if let Some((lat, long, accuracy)) = point.get() {
                        let said = if draft.with(|d| d.on_map) { Msg::ReportOnMap } else { Msg::ReportLocated };
                        format!("{} ({})", within(said, accuracy, i18n.lang.get()), coordinates(lat, long))
                    } else if no_location.get() {
                        i18n.tr(Msg::ReportLocationUnavailable).to_string()
                    } else {
                        String::new()
                    }}
                </p>
                {move || point.get().map(|_| view! {
                    <p><button class="button button--secondary button--small" type="button" on:click=move |_| { draft.update(|d| { d.point = None; d.on_map = false; }); platform::focus("report-locate"); }>
                        {i18n.tr(Msg::ReportForgetLocation)}
                    </button></p>
                })}
                <div class=group(ADDRESS_ID)>
                    <label class="label" for=ADDRESS_ID>{i18n.text(Msg::ReportAddress)}</label>
                    <p class="hint" id="report-address-hint">{i18n.text(Msg::ReportAddressHint)}</p>
                    {inline(ADDRESS_ID)}
                    <input class="input" id=ADDRESS_ID name="address" autocomplete="street-address" aria-describedby="report-address-hint"
                        prop:value=address_value on:input=address_input/>
                </div>
                {has_wards.then(|| view! {
                    <div class=group(WARD_ID)>
                        <label class="label" for=WARD_ID>{i18n.text(Msg::ReportWard)}</label>
                        {inline(WARD_ID)}
                        <select class="select" id=WARD_ID name="ward" prop:value=ward_value on:change=move |ev| draft.update(|d| d.ward = event_target_value(&ev))>
                            <option value="">{i18n.text(Msg::ReportWardNone)}</option>
                            {wards.iter().map(|w| view! { <option value=w.clone() selected={let w = w.clone(); move || ward_value() == w}>{w.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                })}
            </fieldset>
            {move || match nearby.get() {
                Some(Ok(list)) if !list.is_empty() => {
                    let lang = i18n.lang.get();
                    view! {
                        <section class="panel panel--nearby" aria-labelledby="nearby-title">
                            <h2 class="subheading" id="nearby-title">{Msg::ReportNearbyTitle.text(lang)}</h2>
                            <p>{Msg::ReportNearbyIntro.text(lang)}</p>
                            <ul>{list.into_iter().map(|r| view! {
                                <li><a href=report_path(&r.service_request_id)>
                                    {r.service_name.clone().unwrap_or_default()} " · " {r.description.clone().unwrap_or_default()}
                                </a></li>
                            }).collect_view()}</ul>
                        </section>
                    }.into_any()
                }
                _ => ().into_any(),
            }}
            <fieldset class="fieldset form-group">
                <legend class="label">{i18n.text(Msg::ReportContact)}</legend>
                <p class="hint">{i18n.text(Msg::ReportContactHint)}</p>
                <div class="form-group">
                    <label class="label" for="report-name">{i18n.text(Msg::ReportName)}</label>
                    <input class="input" id="report-name" name="name" autocomplete="name" prop:value=name_value on:input=name_input/>
                </div>
                <div class=group(PHONE_ID)>
                    <label class="label" for=PHONE_ID>{i18n.text(Msg::ReportPhone)}</label>
                    {inline(PHONE_ID)}
                    <input class="input input--phone" id=PHONE_ID name="phone" type="tel" autocomplete="tel" inputmode="tel"
                        prop:value=phone_value on:input=phone_input/>
                </div>
            </fieldset>
            <div class="form-group checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id="report-keep" prop:checked=move || draft.with(|d| d.keep)
                    on:change=move |ev| draft.update(|d| d.keep = event_target_checked(&ev))/>
                <label class="checkboxes__label" for="report-keep">{i18n.text(Msg::ReportKeep)}</label>
            </div>
            <div id="report-refused" tabindex="-1" role="alert">
                {move || {
                    let lang = i18n.lang.get();
                    let send = send.clone();
                    if draft.with(|d| d.queued) {
                        let kept = draft.with(|d| d.keep);
                        Some(view! {
                            <div class="notice notice--queued">
                                <p>{Msg::ReportQueued.text(lang)}</p>
                                <p>{if kept { Msg::ReportQueuedKept.text(lang) } else { Msg::ReportQueuedPage.text(lang) }}</p>
                                <button class="button button--secondary" type="button" on:click=move |_| send()>{Msg::ReportSendNow.text(lang)}</button>
                            </div>
                        }.into_any())
                    } else {
                        refused.get().map(|e| view! { <div class="error-panel"><p>{e.user_message(lang)}</p></div> }.into_any())
                    }
                }}
            </div>
            <button class="button" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { i18n.tr(Msg::ReportSending) } else { i18n.tr(Msg::ReportSend) }}
            </button>
        }
    };

    view! {
        <ErrorSummary problems=problems.into()/>
        <h1 class="page-title" id="report-title" tabindex="-1">{i18n.text(Msg::AreaReports)}</h1>
        {move || restored.get().then(|| view! {
            <div class="notice notice--restored">
                <p>{i18n.tr(Msg::ReportRestored)}</p>
                <button class="button button--secondary button--small" type="button" on:click=start_over>{i18n.tr(Msg::ReportStartOver)}</button>
            </div>
        })}
        <p>{i18n.text(Msg::ReportsIntro)}</p>
        <p><a href=REPORTS_LIST>{i18n.text(Msg::ReportListLink)}</a></p>
        <form novalidate on:submit=on_submit>
            {move || match services.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| services.refetch())/> }.into_any(),
                Some(Ok(list)) => service_choice(list, draft, problems, i18n.lang.get()).into_any(),
            }}
            // The rest of the form waits for the services above it, so it does not jump down when their
            // list arrives (tests/e2e/shell.spec.ts).
            <div hidden=move || services.with(Option::is_none)>
                {move || drawn.get().then(rest.clone())}
            </div>
        </form>
    }
}

/// The city's services as radios, in their groups (one fieldset each) when the server groups them.
fn service_choice(list: Vec<Service>, draft: RwSignal<ReportDraft>, problems: RwSignal<Vec<Problem>>, lang: Lang) -> impl IntoView {
    let error = move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field("svc-0".into())).map(|p| p.message.clone()));
    let mut groups: Vec<(String, Vec<(usize, Service)>)> = Vec::new();
    for (i, s) in list.into_iter().enumerate() {
        match groups.iter_mut().find(|(g, _)| *g == s.group) {
            Some((_, items)) => items.push((i, s)),
            None => groups.push((s.group.clone(), vec![(i, s)])),
        }
    }
    let grouped = groups.len() > 1 || groups.first().is_some_and(|(g, _)| !g.is_empty());
    let radios = move |items: Vec<(usize, Service)>| {
        let items = items.into_iter().map(|(i, s)| {
            let id = format!("svc-{i}");
            let code = s.service_code.clone();
            let checked = { let code = code.clone(); move || draft.with(|d| d.service_code == code) };
            view! {
                <div class="radios__item">
                    <input class="radios__input" type="radio" name="service" id=id.clone() value=code.clone() prop:checked=checked
                        on:change=move |_| draft.update(|d| { d.service_code = code.clone(); d.answers.clear(); })/>
                    <label class="radios__label" for=id>{s.service_name.clone()}</label>
                </div>
            }
        }).collect_view();
        view! { <div class="radios">{items}</div> }
    };
    let body = groups
        .into_iter()
        .map(|(name, items)| {
            if grouped {
                view! {
                    <fieldset class="fieldset fieldset--group">
                        <legend class="label label--group">{if name.is_empty() { Msg::ReportOtherGroup.text(lang).to_string() } else { name }}</legend>
                        {radios(items)}
                    </fieldset>
                }
                .into_any()
            } else {
                radios(items).into_any()
            }
        })
        .collect_view();
    view! {
        <div class=move || if error().is_some() { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset" aria-describedby=move || error().map(|_| "svc-0-error")>
                <legend class="label">{Msg::ReportService.text(lang)}</legend>
                {move || error().map(|message| view! { <InlineError id="svc-0-error".to_string() message/> })}
                {body}
            </fieldset>
        </div>
    }
}

/// What the form must have before it is sent: the server checks again, in the same terms.
fn check(lang: Lang, d: &ReportDraft, def: Option<&ServiceDefinition>, has_wards: bool) -> Vec<Problem> {
    let problem = |id: String, msg: Msg| Problem { target: ProblemTarget::Field(id), message: msg.text(lang).to_string() };
    let mut out = Vec::new();
    if d.service_code.is_empty() {
        out.push(problem("svc-0".into(), Msg::ReportServiceRequired));
    }
    for a in def.iter().flat_map(|d| &d.attributes) {
        let given: Vec<&String> = d.answers.get(&a.code).into_iter().flatten().filter(|v| !v.trim().is_empty()).collect();
        let target = if matches!(a.datatype, Datatype::Singlevaluelist | Datatype::Multivaluelist) { format!("{}-0", question_id(&a.code)) } else { question_id(&a.code) };
        if given.is_empty() && a.required {
            out.push(Problem { target: ProblemTarget::Field(target), message: format!("{}: {}", Msg::ReportAnswerRequired.text(lang), a.description) });
        } else if a.datatype == Datatype::Number && given.first().is_some_and(|v| v.trim().parse::<f64>().is_err()) {
            out.push(problem(target, Msg::ReportNumberInvalid));
        }
    }
    if d.description.chars().count() > DESCRIPTION_MAX {
        out.push(problem(DESCRIPTION_ID.into(), Msg::ReportDescriptionTooLong));
    }
    if d.point.is_none() {
        if d.address.trim().is_empty() {
            out.push(problem(ADDRESS_ID.into(), Msg::ReportPlaceRequired));
        }
        // An address is found by the ward's staff with its ward.
        if has_wards && d.ward.is_empty() {
            out.push(problem(WARD_ID.into(), Msg::ReportWardRequired));
        }
    }
    if !d.phone.trim().is_empty() && mytho_core::validate::phone::normalize(&d.phone).is_err() {
        out.push(problem(PHONE_ID.into(), Msg::ReportPhoneInvalid));
    }
    out
}

/// The service's own questions, each as its datatype asks.
fn questions(def: ServiceDefinition, draft: RwSignal<ReportDraft>, problems: RwSignal<Vec<Problem>>, lang: Lang) -> impl IntoView {
    def.attributes.into_iter().map(move |a| question(a, draft, problems, lang)).collect_view()
}

fn question(a: Attribute, draft: RwSignal<ReportDraft>, problems: RwSignal<Vec<Problem>>, lang: Lang) -> impl IntoView {
    let id = question_id(&a.code);
    let list = matches!(a.datatype, Datatype::Singlevaluelist | Datatype::Multivaluelist);
    let target = if list { format!("{id}-0") } else { id.clone() };
    let error = { let target = target.clone(); move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(target.clone())).map(|p| p.message.clone())) };
    let error_id = format!("{target}-error");
    let label = if a.required { a.description.clone() } else { format!("{} {}", a.description, Msg::ReportOptional.text(lang)) };
    let code = a.code.clone();
    let set_one = { let code = code.clone(); move |v: String| draft.update(|d| { d.answers.insert(code.clone(), vec![v]); }) };
    let value = { let code = code.clone(); move || draft.with(|d| d.answers.get(&code).and_then(|v| v.first().cloned()).unwrap_or_default()) };
    let described = { let (error, error_id) = (error.clone(), error_id.clone()); move || error().map(|_| error_id.clone()) };
    let inline = { let (error, error_id) = (error.clone(), error_id.clone()); move || error().map(|message| view! { <InlineError id=error_id.clone() message/> }) };
    let class = { let error = error.clone(); move || if error().is_some() { "form-group form-group--error" } else { "form-group" } };
    let control = match a.datatype {
        Datatype::Singlevaluelist | Datatype::Multivaluelist => {
            let multi = a.datatype == Datatype::Multivaluelist;
            let items = a.values.into_iter().enumerate().map(|(i, v)| {
                let item_id = format!("{id}-{i}");
                let (code, key) = (code.clone(), v.key.clone());
                let checked = { let (code, key) = (code.clone(), key.clone()); move || draft.with(|d| d.answers.get(&code).is_some_and(|vs| vs.contains(&key))) };
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    draft.update(|d| {
                        let vs = d.answers.entry(code.clone()).or_default();
                        if multi {
                            vs.retain(|x| x != &key);
                            if on { vs.push(key.clone()); }
                        } else {
                            *vs = vec![key.clone()];
                        }
                    });
                };
                let (class, kind) = if multi { ("checkboxes__input", "checkbox") } else { ("radios__input", "radio") };
                view! {
                    <div class=if multi { "checkboxes__item" } else { "radios__item" }>
                        <input class=class type=kind name=id.clone() id=item_id.clone() value=v.key.clone() prop:checked=checked on:change=toggle/>
                        <label class=if multi { "checkboxes__label" } else { "radios__label" } for=item_id>{v.name.clone()}</label>
                    </div>
                }
            }).collect_view();
            view! {
                <fieldset class="fieldset" aria-describedby=described>
                    <legend class="label">{label}</legend>
                    {inline}
                    <div class=if multi { "checkboxes" } else { "radios" }>{items}</div>
                </fieldset>
            }.into_any()
        }
        Datatype::Text => view! {
            <label class="label" for=id.clone()>{label}</label>
            {inline}
            <textarea class="textarea" id=id.clone() rows="3" aria-describedby=described prop:value=value on:input=move |ev| set_one(event_target_value(&ev))></textarea>
        }.into_any(),
        kind => {
            let (input_type, mode) = match kind {
                Datatype::Number => ("text", "decimal"),
                Datatype::Datetime => ("datetime-local", "text"),
                _ => ("text", "text"),
            };
            view! {
                <label class="label" for=id.clone()>{label}</label>
                {inline}
                <input class="input" type=input_type inputmode=mode id=id.clone() aria-describedby=described prop:value=value on:input=move |ev| set_one(event_target_value(&ev))/>
            }.into_any()
        }
    };
    view! { <div class=class>{control}</div> }
}
