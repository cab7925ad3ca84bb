//! The guide's map: the city sketch with every place as a numbered link.

use crate::components::{sketch_map, Pin, WIDTH};
use leptos::prelude::*;
use mytho_core::i18n::Lang;
use mytho_core::routes::place_path;
use mytho_core::tourism::Tourism;

/// Room around the outermost places, in drawing units.
const MARGIN: f64 = 30.0;

/// The map fits the screen: only the part of the sketch that holds the places is drawn, as wide as the
/// page, so every marker is in sight on a phone without scrolling.
pub fn map_view(t: &Tourism, lang: Lang) -> impl IntoView {
    let frame = t.map.frame_of(&t.places, WIDTH, MARGIN);
    let pins = t
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| Pin { at: [p.lat, p.lon], href: place_path(&p.id), label: format!("{}. {}", i + 1, p.name.get(lang)), number: i + 1 })
        .collect();
    sketch_map(&t.map, frame, pins, "map-note")
}
