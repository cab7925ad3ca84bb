use crate::api::CityBackend;
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::api::ApiError;
use std::sync::Arc;

/// Tells people at once when they are offline or the city's server does not answer, so a failure
/// later in a form is never a surprise. Announced politely to screen readers.
#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(platform::is_online());
    let _ = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));

    let backend = expect_context::<Arc<dyn CityBackend>>();
    // Checked again whenever the device comes back online.
    let health = LocalResource::new(move || {
        let backend = backend.clone();
        let is_online = online.get();
        async move {
            if !is_online {
                return Err(ApiError::Offline);
            }
            backend.health().await.map(|_| ())
        }
    });

    let problem = move || -> Option<ApiError> {
        if !online.get() {
            return Some(ApiError::Offline);
        }
        health.get().and_then(|r| r.err())
    };
    view! {
        <div class="connection-banner-region" role="status" aria-live="polite">
            {move || {
                problem()
                    .map(|err| {
                        view! {
                            <p class="connection-banner">{err.user_message(i18n.lang.get())}</p>
                        }
                    })
            }}
        </div>
    }
}
