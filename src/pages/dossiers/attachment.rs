//! The inside of a file field (its label, hint and error are the form engine's): the picker, then the
//! photo made smaller, the upload with a progress bar, and what is attached. A refused file is
//! explained at once; a lost connection keeps the prepared file for "Try again".

use super::draft::DraftStore;
use super::step::StepErrors;
use crate::api::{PracticeUploads, UploadBackend};
use crate::files::{self, Ready};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mytho_core::api::ApiError;
use mytho_core::i18n::Msg;
use mytho_core::validate::{upload::size_text, Invalid};
use std::sync::Arc;
use web_sys::HtmlInputElement;

#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    Scaling,
    Uploading(u32),
    /// Not sent: the connection or the server failed; the prepared file is kept for another try.
    NotSent(ApiError),
    /// The server refused the file (its own message).
    Refused(ApiError),
}

pub fn attachment(key: String, input_id: String, store: DraftStore, refused: RwSignal<Option<Invalid>>, described: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    // A practice copy's files are checked and scaled like real ones, and never leave the device.
    let backend: Arc<dyn UploadBackend> = if store.is_practice() { Arc::new(PracticeUploads) } else { expect_context() };
    let phase = RwSignal::new(Phase::Idle);
    let pending = StoredValue::new_local(None::<(Ready, String)>);
    let (name_key, size_key) = (format!("{key}.name"), format!("{key}.size"));
    let step_errors = use_context::<StepErrors>();

    let attached = {
        let (key, name_key, size_key) = (key.clone(), name_key.clone(), size_key.clone());
        move || {
            store.draft.with(|d| {
                d.answers.get(&key).filter(|v| !v.is_empty())?;
                let name = d.answers.get(&name_key).cloned().unwrap_or_default();
                let size = d.answers.get(&size_key).and_then(|s| s.parse().ok()).map(|b| size_text(b, i18n.lang.get()));
                Some(match size {
                    Some(size) => format!("{name} ({size})"),
                    None => name,
                })
            })
        }
    };
    let send = {
        let (key, name_key, size_key) = (key.clone(), name_key.clone(), size_key.clone());
        move || {
            let Some((mime, bytes, name)) = pending.with_value(|p| p.as_ref().map(|(r, n)| (r.mime, r.bytes.clone(), n.clone()))) else { return };
            let (backend, key, name_key, size_key) = (backend.clone(), key.clone(), name_key.clone(), size_key.clone());
            phase.set(Phase::Uploading(0));
            spawn_local(async move {
                let progress = Box::new(move |p| {
                    let _ = phase.try_set(Phase::Uploading(p));
                });
                let result = backend.upload(mime, &bytes, progress).await;
                match result {
                    Ok(up) => {
                        store.set_answer(&key, up.id);
                        store.set_answer(&name_key, name);
                        store.set_answer(&size_key, up.bytes.to_string());
                        pending.try_set_value(None);
                        phase.try_set(Phase::Idle);
                        if let Some(StepErrors(errors)) = step_errors {
                            errors.try_update(|es| es.retain(|e| e.field != key));
                        }
                    }
                    Err(e @ ApiError::Client { .. }) => {
                        phase.try_set(Phase::Refused(e));
                    }
                    Err(e) => {
                        phase.try_set(Phase::NotSent(e));
                    }
                }
            });
        }
    };
    let on_change = {
        let send = send.clone();
        move |ev: leptos::ev::Event| {
            let input: HtmlInputElement = event_target(&ev);
            let Some(file) = input.files().and_then(|list| list.get(0)) else { return };
            refused.set(None);
            phase.set(Phase::Scaling);
            let send = send.clone();
            spawn_local(async move {
                match files::prepare(&file).await {
                    Ok(ready) => {
                        pending.try_set_value(Some((ready, file.name())));
                        send();
                    }
                    Err(e) => {
                        refused.try_set(Some(Invalid::Upload(e)));
                        phase.try_set(Phase::Idle);
                    }
                }
            });
        }
    };
    let remove = {
        let keys = [key.clone(), name_key, size_key];
        move |_| {
            for k in &keys {
                store.set_answer(k, String::new());
            }
        }
    };
    let status = {
        let attached = attached.clone();
        move || {
        let lang = i18n.lang.get();
        match phase.get() {
            Phase::Scaling => Some(Msg::FileScaling.text(lang).to_string()),
            Phase::Uploading(_) => Some(format!("{}…", Msg::FileUploading.text(lang))),
            _ => attached().map(|a| format!("{}: {a}", Msg::FileAttached.text(lang))),
        }
        }
    };
    let below = move || {
        let lang = i18n.lang.get();
        match phase.get() {
            Phase::Uploading(p) => view! {
                <p class="file-progress">
                    <progress max="100" value=p aria-label=Msg::FileUploading.text(lang)>{p} "%"</progress>
                    " " {p} "%"
                </p>
            }
            .into_any(),
            Phase::NotSent(e) => {
                let send = send.clone();
                view! {
                    <p class="error-message">{e.user_message(lang)} " " {Msg::FileOffline.text(lang)}</p>
                    <p><button type="button" class="button button--secondary" on:click=move |_| send()>{Msg::FileRetry.text(lang)}</button></p>
                }
                .into_any()
            }
            Phase::Refused(e) => view! { <p class="error-message">{e.user_message(lang)}</p> }.into_any(),
            Phase::Idle | Phase::Scaling => {
                let remove = remove.clone();
                attached()
                    .map(|_| view! { <p><button type="button" class="button button--secondary" on:click=remove>{Msg::FileRemove.text(lang)}</button></p> })
                    .into_any()
            }
        }
    };
    view! {
        <p class="file-status" role="status">{status}</p>
        <input class="file-upload" type="file" id=input_id name=key.clone() accept="image/*,application/pdf" aria-describedby=described
            on:change=on_change/>
        {below}
    }
}
