//! One renderer per field type of a form definition: label, hint, inline error and the input(s), with
//! the value written to the draft as the user types.

use super::attachment::attachment;
use super::draft::DraftStore;
use super::ward::ward_picker;
use crate::components::InlineError;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::forms::{self, ChoiceStyle, FieldDef, FieldKind};
use mytho_core::i18n::Msg;
use mytho_core::validate::{self, Invalid};

/// The DOM id of a field or of a date's part (`child_dob.day` → `f-child_dob-day`).
pub fn dom_id(target: &str) -> String {
    format!("f-{}", target.replace('.', "-"))
}

/// Draws one field; `error` is its message, if any.
pub fn field_view(field: &FieldDef, store: DraftStore, error: Signal<Option<String>>) -> AnyView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let id = dom_id(&field.id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let label = field.label.clone();
    let optional = !field.required;
    let label_text = move || {
        let l = label.get(lang()).to_string();
        if optional { format!("{l} {}", Msg::Optional.text(lang())) } else { l }
    };
    let hint = field.hint.clone();
    let default_hint = match field.kind {
        FieldKind::Date { .. } => Some(Msg::DateHint),
        FieldKind::File => Some(Msg::FileHint),
        _ => None,
    };
    let has_hint = hint.is_some() || default_hint.is_some();
    let hint_view = {
        let hint_id = hint_id.clone();
        has_hint.then(move || {
            view! {
                <p class="hint" id=hint_id>
                    {move || match (&hint, default_hint) {
                        (Some(h), _) => h.get(lang()).to_string(),
                        (None, Some(m)) => m.text(lang()).to_string(),
                        (None, None) => String::new(),
                    }}
                </p>
            }
        })
    };
    // A file the browser refused is explained at once, before Continue.
    let refused = RwSignal::new(None::<Invalid>);
    let error = {
        let label = field.label.clone();
        Signal::derive(move || refused.with(|r| r.as_ref().map(|i| i.message(lang(), label.get(lang())))).or_else(|| error.get()))
    };
    let error_view = {
        let error_id = error_id.clone();
        move || error.get().map(|message| view! { <InlineError id=error_id.clone() message/> })
    };
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let group_class = move || if error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" };
    let key = field.id.clone();

    match &field.kind {
        FieldKind::Date { .. } => {
            let parts = [("day", Msg::DateDay, 2), ("month", Msg::DateMonth, 2), ("year", Msg::DateYear, 4)].map(|(part, name, width)| {
                let key = format!("{key}.{part}");
                let input_id = dom_id(&key);
                let value = store.answer(&key);
                let class = move || {
                    let base = if width == 4 { "input input--4" } else { "input input--2" };
                    if error.with(Option::is_some) { format!("{base} input--error") } else { base.to_string() }
                };
                view! {
                    <div class="date-input__item">
                        <label class="label" for=input_id.clone()>{move || name.text(lang())}</label>
                        <input class=class id=input_id name=key.clone() inputmode="numeric" autocomplete="off"
                            prop:value=value on:input=move |ev| store.set_answer(&key, event_target_value(&ev))/>
                    </div>
                }
            });
            view! {
                <div class=group_class>
                    <fieldset class="fieldset" role="group" aria-describedby=described>
                        <legend class="label">{label_text}</legend>
                        {hint_view}
                        {error_view}
                        <div class="date-input">{parts.into_iter().collect_view()}</div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        FieldKind::Choice { options, style: style @ (ChoiceStyle::Radio | ChoiceStyle::Checkboxes) } => {
            let many = *style == ChoiceStyle::Checkboxes;
            let (input_type, kind) = if many { ("checkbox", "checkboxes") } else { ("radio", "radios") };
            let values: Vec<String> = options.iter().map(|o| o.value.clone()).collect();
            let items = options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    // The first input carries the field's id, so the error summary can focus it.
                    let item_id = if i == 0 { id.clone() } else { format!("{id}-{}", i + 1) };
                    let value = option.value.clone();
                    let current = store.answer(&key);
                    let checked = if many { forms::ticked(&current).any(|v| v == value) } else { current == value };
                    let (name, key, values, label) = (key.clone(), key.clone(), values.clone(), option.label.clone());
                    let on_change = move |ev| {
                        if !many {
                            return store.set_answer(&key, value.clone());
                        }
                        // Ticked boxes are kept in the options' order, whatever order they are ticked in.
                        let on = event_target_checked(&ev);
                        let current = store.answer(&key);
                        let kept: Vec<&str> =
                            values.iter().map(String::as_str).filter(|v| if *v == value { on } else { forms::ticked(&current).any(|c| c == *v) }).collect();
                        store.set_answer(&key, kept.join(","));
                    };
                    view! {
                        <div class=format!("{kind}__item")>
                            <input class=format!("{kind}__input") type=input_type id=item_id.clone() name=name value=option.value.clone()
                                prop:checked=checked on:change=on_change/>
                            <label class=format!("{kind}__label") for=item_id>{move || label.get(lang()).to_string()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class=group_class>
                    <fieldset class="fieldset" aria-describedby=described>
                        <legend class="label">{label_text}</legend>
                        {hint_view}
                        {error_view}
                        <div class=kind>{items}</div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        FieldKind::Choice { options, style: ChoiceStyle::Select } => {
            let current = store.answer(&key);
            let options = options.clone();
            let choices = move || {
                let lang = lang();
                let prompt = view! { <option value="">{Msg::SelectPrompt.text(lang)}</option> };
                let rest = options
                    .iter()
                    .map(|o| view! { <option value=o.value.clone() selected=o.value == current>{o.label.get(lang).to_string()}</option> })
                    .collect_view();
                (prompt, rest)
            };
            view! {
                <div class=group_class>
                    <label class="label" for=id.clone()>{label_text}</label>
                    {hint_view}
                    {error_view}
                    <select class="select" id=id name=key.clone() aria-describedby=described
                        on:change=move |ev| store.set_answer(&key, event_target_value(&ev))>
                        {choices}
                    </select>
                </div>
            }
            .into_any()
        }
        FieldKind::Ward => view! {
            <div class=group_class>
                <fieldset class="fieldset" aria-describedby=described>
                    <legend class="label">{label_text}</legend>
                    {hint_view}
                    {error_view}
                    {ward_picker(key, id, store)}
                </fieldset>
            </div>
        }
        .into_any(),
        FieldKind::File => view! {
            <div class=group_class>
                <label class="label" for=id.clone()>{label_text}</label>
                {hint_view}
                {error_view}
                {attachment(key, id, store, refused, Signal::derive(described))}
            </div>
        }
        .into_any(),
        FieldKind::LongText { max } => {
            let value = store.answer(&key);
            let max = *max;
            // The limit said as people type, not only once they are over it (GOV.UK character count).
            let count_id = format!("{id}-count");
            let typed = {
                let key = key.clone();
                move || store.draft.with(|d| d.answers.get(&key).cloned().unwrap_or_default())
            };
            let (left, over) = {
                let again = typed.clone();
                (move || validate::characters_left(&typed(), max, i18n.lang.get()), move || again().chars().count() > max)
            };
            let described = {
                let count_id = count_id.clone();
                move || Some(match described() { Some(d) => format!("{d} {count_id}"), None => count_id.clone() })
            };
            view! {
                <div class=group_class>
                    <label class="label" for=id.clone()>{label_text}</label>
                    {hint_view}
                    {error_view}
                    <textarea class="textarea" id=id name=key.clone() rows="5" aria-describedby=described
                        prop:value=value on:input=move |ev| store.set_answer(&key, event_target_value(&ev))></textarea>
                    <p class="hint character-count" id=count_id aria-live="polite" class:error-message=over>{left}</p>
                </div>
            }
            .into_any()
        }
        kind => {
            let (input_type, inputmode, autocomplete) = input_attrs(kind);
            let value = store.answer(&key);
            let class = move || if error.with(Option::is_some) { "input input--error" } else { "input" };
            view! {
                <div class=group_class>
                    <label class="label" for=id.clone()>{label_text}</label>
                    {hint_view}
                    {error_view}
                    <input class=class type=input_type id=id name=key.clone() inputmode=inputmode autocomplete=autocomplete
                        spellcheck="false" aria-describedby=described
                        prop:value=value on:input=move |ev| store.set_answer(&key, event_target_value(&ev))/>
                </div>
            }
            .into_any()
        }
    }
}

/// Input type, keyboard and autofill for a one-line field.
fn input_attrs(kind: &FieldKind) -> (&'static str, Option<&'static str>, &'static str) {
    match kind {
        FieldKind::Number { .. } | FieldKind::IdNumber { .. } => ("text", Some("numeric"), "off"),
        FieldKind::Phone => ("tel", None, "tel"),
        FieldKind::Email => ("email", None, "email"),
        _ => ("text", None, "off"),
    }
}
