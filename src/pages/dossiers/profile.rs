use super::draft::read;
use crate::components::{summary_row, use_page_title};
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::profile::{Profile, ProfileItem, PROFILE_KEY};

/// The details the user agreed to keep on this device: seen, and erased on request; and everything else
/// the app keeps here, erased at once for a shared phone.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::ProfileTitle).to_string());
    let profile = RwSignal::new(read::<Profile>(PROFILE_KEY).unwrap_or_default());
    let deleted = RwSignal::new(false);
    let on_delete = move |_| {
        platform::forget(PROFILE_KEY);
        profile.set(Profile::default());
        deleted.set(true);
    };
    // Everything, for a shared phone: asked twice, since drafts and receipts cannot come back.
    let confirming = RwSignal::new(false);
    let erased = RwSignal::new(false);
    Effect::new(move |_| {
        if confirming.get() {
            platform::focus("erase-confirm");
        }
    });
    let on_erase = move |_| {
        platform::forget_users_data();
        profile.set(Profile::default());
        confirming.set(false);
        erased.set(true);
    };
    move || {
        let lang = i18n.lang.get();
        let p = profile.get();
        let rows = ProfileItem::ALL
            .into_iter()
            .filter_map(|item| p.display(item).map(|v| summary_row(item.label().text(lang), v)))
            .collect_view();
        view! {
            <h1 class="page-title">{Msg::ProfileTitle.text(lang)}</h1>
            <div role="status">{deleted.get().then(|| view! { <p class="notice">{Msg::ProfileDeleted.text(lang)}</p> })}</div>
            {if p.is_empty() {
                view! { <p>{Msg::ProfileEmpty.text(lang)}</p> }.into_any()
            } else {
                view! {
                    <p>{Msg::ProfileIntro.text(lang)}</p>
                    <dl class="summary-list">{rows}</dl>
                    <p><button type="button" class="button button--secondary" on:click=on_delete>{Msg::ProfileDelete.text(lang)}</button></p>
                }
                .into_any()
            }}
            <h2 class="subheading">{Msg::DeviceDataTitle.text(lang)}</h2>
            <p>{Msg::DeviceDataIntro.text(lang)}</p>
            <div role="status">{erased.get().then(|| view! { <p class="notice">{Msg::DeviceDataDeleted.text(lang)}</p> })}</div>
            {if confirming.get() {
                view! {
                    <div class="notice" id="erase-confirm" tabindex="-1">
                        <p>{Msg::DeviceDataConfirm.text(lang)}</p>
                        <p class="lesson-nav">
                            <button type="button" class="button button--warning" on:click=on_erase>{Msg::DeviceDataYes.text(lang)}</button>
                            <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>{Msg::DeviceDataNo.text(lang)}</button>
                        </p>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <p><button type="button" class="button button--warning" on:click=move |_| { erased.set(false); confirming.set(true); }>{Msg::DeviceDataDelete.text(lang)}</button></p>
                }
                .into_any()
            }}
        }
    }
}
