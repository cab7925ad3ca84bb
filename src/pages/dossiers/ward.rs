use super::draft::DraftStore;
use crate::api::SubmitBackend;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos::task::spawn_local;
use mytho_core::api::ApiError;
use mytho_core::config::AppConfig;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::wards::WardHit;
use std::sync::Arc;

/// The ward picker's inside (its fieldset, legend, hint and error are the form engine's): a search by
/// today's or an old name, and the matches as radios. Choosing one keeps its code and its name.
pub fn ward_picker(key: String, input_id: String, store: DraftStore) -> impl IntoView {
    let i18n = use_i18n();
    let backend = expect_context::<Arc<dyn SubmitBackend>>();
    let home = expect_context::<AppConfig>().home;
    let typed = RwSignal::new(String::new());
    let hits = RwSignal::new(None::<Result<Vec<WardHit>, ApiError>>);
    let name_key = format!("{key}.name");
    let chosen = {
        let name_key = name_key.clone();
        move || {
            store
                .draft
                .with(|d| d.answers.get(&name_key).filter(|n| !n.is_empty()).cloned())
        }
    };
    let search = move || {
        let q = typed.get_untracked();
        if q.trim().is_empty() {
            return;
        }
        let backend = backend.clone();
        spawn_local(async move {
            let r = backend.wards(&q).await;
            let _ = hits.try_set(Some(r));
        });
    };
    let on_key = {
        let search = search.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            // Enter searches here instead of sending the whole step.
            if ev.key() == "Enter" {
                ev.prevent_default();
                search();
            }
        }
    };
    let results = {
        let input_id = input_id.clone();
        move || {
            let lang = i18n.lang.get();
            hits.get().map(|r| match r {
            Ok(list) if list.is_empty() => view! { <p>{Msg::WardNoMatch.text(lang)}</p> }.into_any(),
            Ok(list) => {
                let current = store.draft.with_untracked(|d| d.answers.get(&key).cloned().unwrap_or_default());
                list.into_iter()
                    .enumerate()
                    .map(|(i, hit)| {
                        let id = format!("{input_id}-hit-{i}");
                        // Several towns had a "Phường 5": the city's own old units say whose they were.
                        let label = match (&hit.via_old_name, home.as_ref().filter(|_| hit.home)) {
                            (Some(old), Some(h)) => match lang {
                                Lang::Vi => format!("{} (gồm {old}, {} cũ)", hit.name, h.former.vi),
                                Lang::En => format!("{} (includes former {old} of {})", hit.name, h.former.en),
                            },
                            (Some(old), None) => format!("{} ({} {old} {})", hit.name, Msg::WardFormerly.text(lang), Msg::WardElsewhere.text(lang)),
                            (None, _) => hit.name.clone(),
                        };
                        let (key, name_key) = (key.clone(), name_key.clone());
                        let checked = current == hit.code;
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=format!("{key}-hits") prop:checked=checked
                                    on:change=move |_| {
                                        store.set_answer(&key, hit.code.clone());
                                        store.set_answer(&name_key, hit.name.clone());
                                    }/>
                                <label class="radios__label" for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }
            Err(e) => view! { <p class="error-message">{e.user_message(lang)}</p> }.into_any(),
        })
        }
    };
    view! {
        <p role="status">
            {move || chosen().map(|name| view! { {i18n.tr(Msg::WardChosen)} ": " <strong>{name}</strong> })}
        </p>
        <label class="label label--plain" for=input_id.clone()>{i18n.text(Msg::WardSearchLabel)}</label>
        <div class="search__row">
            <input class="input" type="text" id=input_id autocomplete="off" spellcheck="false"
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) on:keydown=on_key/>
            <button type="button" class="button button--secondary" on:click=move |_| search()>{i18n.text(Msg::SearchButton)}</button>
        </div>
        <div class="radios">{results}</div>
    }
}
