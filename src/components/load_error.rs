use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::api::ApiError;
use mytho_core::i18n::Msg;

/// What went wrong loading a page's data, in the user's language, with a way to try again.
#[component]
pub fn LoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-panel" role="alert">
            <p>{move || error.user_message(i18n.lang.get())}</p>
            <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>
                {i18n.text(Msg::TryAgain)}
            </button>
        </div>
    }
}

/// A polite "Loading…" for screen readers and sighted users alike.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice" role="status">{i18n.text(Msg::Loading)}</p> }
}
