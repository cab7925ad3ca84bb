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
use mytho_core::open311::{form_body, report_fields, Attribute, Datatype, NewReport, Posted, ServiceDefinition, DESCRIPTION_MAX, MAX_PHOTOS};
use mytho_core::routes::{report_path, REPORTS_LIST};
use std::collections::BTreeMap;
use std::sync::Arc;
use web_sys::HtmlInputElement;

const DESCRIPTION_ID: &str = "report-description";
const PHOTO_ID: &str = "report-photo";
const ADDRESS_ID: &str = "report-address";
const PHONE_ID: &str = "report-phone";
/// How close an open report of the same kind must be to be offered instead of a new one.
const NEARBY_M: u32 = 200;
/// Where this gateway serves a report's photos (`open311::MEDIA` on the gateway).
const MEDIA_PATH: &str = "/open311/v2/media";

fn question_id(code: &str) -> String {
    format!("q-{code}")
}

#[derive(Clone, PartialEq)]
struct Photo {
    url: String,
    name: String,
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn ReportBackend>>();
    let uploads = expect_context::<Arc<dyn UploadBackend>>();
    let config = expect_context::<AppConfig>();
    // Photos go to this gateway's uploads, and are served from where the API is.
    let media_base = format!("{}{MEDIA_PATH}", config.api_origin().map_or_else(platform::origin, str::to_string));

    let service = RwSignal::new(String::new());
    let answers = RwSignal::new(BTreeMap::<String, Vec<String>>::new());
    let description = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<Photo>::new());
    let photo_state = RwSignal::new(None::<String>);
    let point = RwSignal::new(None::<(f64, f64, f64)>);
    let locating = RwSignal::new(false);
    let no_location = RwSignal::new(false);
    let address = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
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
                let q = format!("lat={lat:.6}&long={long:.6}&radius={NEARBY_M}&status=open&service_code={}&locale={}", code, lang.code());
                backend.requests(q).await
            }
        }
    });

    let locate = move |_| {
        locating.set(true);
        no_location.set(false);
        spawn_local(async move {
            let found = platform::locate().await;
            let _ = locating.try_set(false);
            let _ = point.try_set(found);
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
            let result = match files::prepare(&file).await {
                Ok(ready) => uploads.upload(ready.mime, &ready.bytes, Box::new(|_| {})).await.map_err(|e| e.user_message(lang)),
                Err(e) => Err(e.message(lang, Msg::ReportPhotos.text(lang))),
            };
            match result {
                Ok(up) => {
                    photos.try_update(|p| p.push(Photo { url: format!("{media_base}/{}", up.id), name }));
                    photo_state.try_set(None);
                }
                Err(message) => {
                    photo_state.try_set(Some(message));
                }
            }
        });
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang.get_untracked();
        let def = definition.get_untracked().and_then(Result::ok).flatten();
        let found = check(lang, &service.get_untracked(), def.as_ref(), &answers.get_untracked(), &description.get_untracked(), point.get_untracked().is_some(), &address.get_untracked(), &phone.get_untracked());
        let ok = found.is_empty();
        problems.set(found);
        if !ok {
            return;
        }
        let report = NewReport {
            service_code: service.get_untracked(),
            lat: point.get_untracked().map(|p| p.0),
            long: point.get_untracked().map(|p| p.1),
            address_string: Some(address.get_untracked()),
            description: description.get_untracked(),
            media_urls: photos.get_untracked().into_iter().map(|p| p.url).collect(),
            first_name: Some(name.get_untracked()),
            phone: Some(phone.get_untracked()),
            attributes: answers.get_untracked(),
            ..Default::default()
        };
        let multi: Vec<String> = def.iter().flat_map(|d| &d.attributes).filter(|a| a.datatype == Datatype::Multivaluelist).map(|a| a.code.clone()).collect();
        let multi: Vec<&str> = multi.iter().map(String::as_str).collect();
        let body = form_body(&report_fields(backend.api_key(), &report, &multi, lang));
        let (backend, navigate) = (backend.clone(), navigate.clone());
        busy.set(true);
        refused.set(None);
        spawn_local(async move {
            let result = backend.post(body).await;
            let _ = busy.try_set(false);
            match result {
                Ok(Posted::Id(id)) | Ok(Posted::Token(id)) => {
                    navigate(&format!("{}?moi=1", report_path(&id)), Default::default());
                }
                Err(e) => {
                    let _ = refused.try_set(Some(e));
                    platform::focus("report-refused");
                }
            }
        });
    };

    let message_for = move |id: String| move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(id.clone())).map(|p| p.message.clone()));
    let group = move |id: &'static str| move || if message_for(id.to_string())().is_some() { "form-group form-group--error" } else { "form-group" };
    let inline = move |id: &'static str| move || message_for(id.to_string())().map(|message| view! { <InlineError id=format!("{id}-error") message/> });

    view! {
        <ErrorSummary problems=problems.into()/>
        <h1 class="page-title">{move || i18n.tr(Msg::AreaReports)}</h1>
        <p>{move || i18n.tr(Msg::ReportsIntro)}</p>
        <p><a href=REPORTS_LIST>{move || i18n.tr(Msg::ReportListLink)}</a></p>
        <form novalidate on:submit=on_submit>
            {move || match services.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| services.refetch())/> }.into_any(),
                Some(Ok(list)) => {
                    let lang = i18n.lang.get();
                    let error = message_for("svc-0".into());
                    let (e1, e2, e3) = (error.clone(), error.clone(), error);
                    view! {
                        <div class=move || if e1().is_some() { "form-group form-group--error" } else { "form-group" }>
                            <fieldset class="fieldset" aria-describedby=move || e2().map(|_| "svc-0-error")>
                                <legend class="label">{Msg::ReportService.text(lang)}</legend>
                                {move || e3().map(|message| view! { <InlineError id="svc-0-error".to_string() message/> })}
                                <div class="radios">
                                    {list.into_iter().enumerate().map(|(i, s)| {
                                        let id = format!("svc-{i}");
                                        let code = s.service_code.clone();
                                        let checked = { let code = code.clone(); move || service.get() == code };
                                        view! {
                                            <div class="radios__item">
                                                <input class="radios__input" type="radio" name="service" id=id.clone() value=code.clone() prop:checked=checked
                                                    on:change=move |_| { service.set(code.clone()); answers.set(BTreeMap::new()); }/>
                                                <label class="radios__label" for=id>{s.service_name.clone()}
                                                    {(!s.group.is_empty()).then(|| view! { <span class="hint">" · " {s.group.clone()}</span> })}
                                                </label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        </div>
                    }.into_any()
                }
            }}
            {move || match definition.get() {
                Some(Ok(Some(def))) => questions(def, answers, problems, i18n.lang.get()).into_any(),
                Some(Err(error)) => view! { <LoadError error retry=Callback::new(move |_| definition.refetch())/> }.into_any(),
                _ => ().into_any(),
            }}
            <div class=group(DESCRIPTION_ID)>
                <label class="label" for=DESCRIPTION_ID>{move || i18n.tr(Msg::ReportDescription)}</label>
                <p class="hint" id="report-description-hint">{move || i18n.tr(Msg::ReportDescriptionHint)}</p>
                {inline(DESCRIPTION_ID)}
                <textarea class="textarea" id=DESCRIPTION_ID name="description" rows="5" aria-describedby="report-description-hint report-description-count"
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                <p class="hint" id="report-description-count" aria-live="polite">
                    {move || format!("{} / {} {}", description.with(|d| d.chars().count()), DESCRIPTION_MAX, i18n.tr(Msg::ReportCharacters))}
                </p>
            </div>
            <div class="form-group">
                <label class="label" for=PHOTO_ID>{move || i18n.tr(Msg::ReportPhotos)}</label>
                <p class="hint" id="report-photo-hint">{move || i18n.tr(Msg::ReportPhotosHint)}</p>
                <ul class="report-photos">
                    {move || photos.get().into_iter().enumerate().map(|(i, p)| view! {
                        <li>{p.name.clone()} " "
                            <button class="button button--secondary button--small" type="button"
                                on:click=move |_| { photos.update(|ps| { ps.remove(i); }); platform::focus(PHOTO_ID); }>
                                {i18n.tr(Msg::ReportPhotoRemove)} <span class="visually-hidden">" " {p.name.clone()}</span>
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
                <p role="status" aria-live="polite">{move || photo_state.get()}</p>
                <input class="file-upload" type="file" id=PHOTO_ID accept="image/jpeg,image/png,image/webp" aria-describedby="report-photo-hint"
                    disabled=move || photos.with(|p| p.len() >= MAX_PHOTOS) on:change=add_photo/>
                {move || photos.with(|p| p.len() >= MAX_PHOTOS).then(|| view! { <p class="hint">{i18n.tr(Msg::ReportPhotosFull)}</p> })}
            </div>
            <fieldset class="fieldset form-group">
                <legend class="label">{move || i18n.tr(Msg::ReportPlace)}</legend>
                <p class="hint">{move || i18n.tr(Msg::ReportPlaceHint)}</p>
                <p>
                    <button class="button button--secondary" type="button" id="report-locate" on:click=locate disabled=move || locating.get()>
                        {move || i18n.tr(Msg::ReportUseLocation)}
                    </button>
                </p>
                <p role="status" aria-live="polite" id="report-location-status">
                    {move || if locating.get() {
                        i18n.tr(Msg::ReportLocating).to_string()
                    } else if let Some((lat, long, accuracy)) = point.get() {
                        format!("{} {} m ({lat:.5}, {long:.5})", i18n.tr(Msg::ReportLocated), accuracy.round())
                    } else if no_location.get() {
                        i18n.tr(Msg::ReportLocationUnavailable).to_string()
                    } else {
                        String::new()
                    }}
                </p>
                {move || point.get().map(|_| view! {
                    <p><button class="button button--secondary button--small" type="button" on:click=move |_| { point.set(None); platform::focus("report-locate"); }>
                        {i18n.tr(Msg::ReportForgetLocation)}
                    </button></p>
                })}
                <div class=group(ADDRESS_ID)>
                    <label class="label" for=ADDRESS_ID>{move || i18n.tr(Msg::ReportAddress)}</label>
                    <p class="hint" id="report-address-hint">{move || i18n.tr(Msg::ReportAddressHint)}</p>
                    {inline(ADDRESS_ID)}
                    <input class="input" id=ADDRESS_ID name="address" autocomplete="street-address" aria-describedby="report-address-hint"
                        prop:value=move || address.get() on:input=move |ev| address.set(event_target_value(&ev))/>
                </div>
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
                <legend class="label">{move || i18n.tr(Msg::ReportContact)}</legend>
                <p class="hint">{move || i18n.tr(Msg::ReportContactHint)}</p>
                <div class="form-group">
                    <label class="label" for="report-name">{move || i18n.tr(Msg::ReportName)}</label>
                    <input class="input" id="report-name" name="name" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class=group(PHONE_ID)>
                    <label class="label" for=PHONE_ID>{move || i18n.tr(Msg::ReportPhone)}</label>
                    {inline(PHONE_ID)}
                    <input class="input input--phone" id=PHONE_ID name="phone" type="tel" autocomplete="tel" inputmode="tel"
                        prop:value=move || phone.get() on:input=move |ev| phone.set(event_target_value(&ev))/>
                </div>
            </fieldset>
            <div id="report-refused" tabindex="-1" role="alert">
                {move || refused.get().map(|e| view! { <div class="error-panel"><p>{e.user_message(i18n.lang.get())}</p></div> })}
            </div>
            <button class="button" type="submit" disabled=move || busy.get()>
                {move || if busy.get() { i18n.tr(Msg::ReportSending) } else { i18n.tr(Msg::ReportSend) }}
            </button>
        </form>
    }
}

/// What the form must have before it is sent: the server checks again, in the same terms.
#[allow(clippy::too_many_arguments)]
fn check(
    lang: Lang,
    service: &str,
    def: Option<&ServiceDefinition>,
    answers: &BTreeMap<String, Vec<String>>,
    description: &str,
    has_point: bool,
    address: &str,
    phone: &str,
) -> Vec<Problem> {
    let problem = |id: String, msg: Msg| Problem { target: ProblemTarget::Field(id), message: msg.text(lang).to_string() };
    let mut out = Vec::new();
    if service.is_empty() {
        out.push(problem("svc-0".into(), Msg::ReportServiceRequired));
    }
    for a in def.iter().flat_map(|d| &d.attributes) {
        let given: Vec<&String> = answers.get(&a.code).into_iter().flatten().filter(|v| !v.trim().is_empty()).collect();
        let target = if matches!(a.datatype, Datatype::Singlevaluelist | Datatype::Multivaluelist) { format!("{}-0", question_id(&a.code)) } else { question_id(&a.code) };
        if given.is_empty() && a.required {
            out.push(Problem { target: ProblemTarget::Field(target), message: format!("{}: {}", Msg::ReportAnswerRequired.text(lang), a.description) });
        } else if a.datatype == Datatype::Number && given.first().is_some_and(|v| v.trim().parse::<f64>().is_err()) {
            out.push(problem(target, Msg::ReportNumberInvalid));
        }
    }
    if description.chars().count() > DESCRIPTION_MAX {
        out.push(problem(DESCRIPTION_ID.into(), Msg::ReportDescriptionTooLong));
    }
    if !has_point && address.trim().is_empty() {
        out.push(problem(ADDRESS_ID.into(), Msg::ReportPlaceRequired));
    }
    if !phone.trim().is_empty() && mytho_core::validate::phone::normalize(phone).is_err() {
        out.push(problem(PHONE_ID.into(), Msg::ReportPhoneInvalid));
    }
    out
}

/// The service's own questions, each as its datatype asks.
fn questions(def: ServiceDefinition, answers: RwSignal<BTreeMap<String, Vec<String>>>, problems: RwSignal<Vec<Problem>>, lang: Lang) -> impl IntoView {
    def.attributes.into_iter().map(move |a| question(a, answers, problems, lang)).collect_view()
}

fn question(a: Attribute, answers: RwSignal<BTreeMap<String, Vec<String>>>, problems: RwSignal<Vec<Problem>>, lang: Lang) -> impl IntoView {
    let id = question_id(&a.code);
    let list = matches!(a.datatype, Datatype::Singlevaluelist | Datatype::Multivaluelist);
    let target = if list { format!("{id}-0") } else { id.clone() };
    let error = { let target = target.clone(); move || problems.with(|ps| ps.iter().find(|p| p.target == ProblemTarget::Field(target.clone())).map(|p| p.message.clone())) };
    let error_id = format!("{target}-error");
    let label = if a.required { a.description.clone() } else { format!("{} {}", a.description, Msg::ReportOptional.text(lang)) };
    let code = a.code.clone();
    let set_one = { let code = code.clone(); move |v: String| answers.update(|m| { m.insert(code.clone(), vec![v]); }) };
    let value = { let code = code.clone(); move || answers.with(|m| m.get(&code).and_then(|v| v.first().cloned()).unwrap_or_default()) };
    let described = { let (error, error_id) = (error.clone(), error_id.clone()); move || error().map(|_| error_id.clone()) };
    let inline = { let (error, error_id) = (error.clone(), error_id.clone()); move || error().map(|message| view! { <InlineError id=error_id.clone() message/> }) };
    let class = { let error = error.clone(); move || if error().is_some() { "form-group form-group--error" } else { "form-group" } };
    let control = match a.datatype {
        Datatype::Singlevaluelist | Datatype::Multivaluelist => {
            let multi = a.datatype == Datatype::Multivaluelist;
            let items = a.values.into_iter().enumerate().map(|(i, v)| {
                let item_id = format!("{id}-{i}");
                let (code, key) = (code.clone(), v.key.clone());
                let checked = { let (code, key) = (code.clone(), key.clone()); move || answers.with(|m| m.get(&code).is_some_and(|vs| vs.contains(&key))) };
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    answers.update(|m| {
                        let vs = m.entry(code.clone()).or_default();
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
