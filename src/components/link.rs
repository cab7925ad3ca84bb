use leptos::prelude::*;
use mytho_core::routes::Bundle;

/// `rel="external"` for an address another bundle draws, so the router lets the browser load that
/// bundle's page instead of showing its own 404 page.
pub fn rel_for(path: &str) -> Option<&'static str> {
    let here = use_context::<Bundle>().unwrap_or(Bundle::Shell);
    (Bundle::of_path(path) != here).then_some("external")
}
