use leptos::prelude::*;

/// One row of a GOV.UK summary list: a key and its value (inside a `<dl class="summary-list">`).
pub fn summary_row(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}
