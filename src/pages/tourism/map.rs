//! The city map, drawn by the app from the content's sketch (water, islets, roads): no tile server, so
//! it works on a captive Wi-Fi page and offline. Places are numbered links laid over the drawing.

use leptos::prelude::*;
use mytho_core::text::decimal;
use mytho_core::i18n::Lang;
use mytho_core::routes::place_path;
use mytho_core::tourism::Tourism;

/// Drawing units across the whole sketch.
const WIDTH: f64 = 800.0;
/// Room around the outermost places, in drawing units.
const MARGIN: f64 = 30.0;

fn points(t: &Tourism, line: &[[f64; 2]]) -> String {
    line.iter()
        .map(|p| {
            let (x, y) = t.map.project(*p, WIDTH);
            format!("{},{}", decimal(x, 1), decimal(y, 1))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The map fits the screen: only the part of the sketch that holds the places is drawn, as wide as the
/// page, so every marker is in sight on a phone without scrolling.
pub fn map_view(t: &Tourism, lang: Lang) -> impl IntoView {
    let (x0, y0, w, h) = t.map.frame_of(&t.places, WIDTH, MARGIN);
    let shapes = |list: &[Vec<[f64; 2]>], class: &'static str| {
        list.iter().map(|poly| view! { <polygon class=class points=points(t, poly)/> }).collect_view()
    };
    let roads = t.map.roads.iter().map(|r| view! { <polyline class="map__road" points=points(t, &r.points)/> }).collect_view();
    let markers = t
        .places
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = t.map.project([p.lat, p.lon], WIDTH);
            // Set through the CSSOM (`style:`), which a strict CSP allows; a style attribute it would not.
            // Kept half a marker from each edge, so none is cut.
            let at = |v: f64| format!("clamp(15px, {}%, calc(100% - 15px))", decimal(v * 100.0, 2));
            let (left, top) = (at((x - x0) / w), at((y - y0) / h));
            let label = format!("{}. {}", i + 1, p.name.get(lang));
            view! { <a class="map__marker" href=place_path(&p.id) style:left=left style:top=top aria-label=label.clone() title=label>{i + 1}</a> }
        })
        .collect_view();
    view! {
        <div class="map" role="group" aria-describedby="map-note">
            <div class="map__canvas">
                <svg class="map__drawing" viewBox=format!("{} {} {} {}", decimal(x0, 1), decimal(y0, 1), decimal(w, 1), decimal(h, 1)) aria-hidden="true" focusable="false">
                    <rect class="map__land" x=decimal(x0, 1) y=decimal(y0, 1) width=decimal(w, 1) height=decimal(h, 1)/>
                    {shapes(&t.map.water, "map__water")}
                    {shapes(&t.map.islets, "map__islet")}
                    {roads}
                </svg>
                {markers}
            </div>
        </div>
    }
}
