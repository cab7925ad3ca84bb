//! The city map, drawn by the app from the content's sketch (water, islets, roads): no tile server, so
//! it works on a captive Wi-Fi page and offline. Places are numbered links laid over the drawing.

use leptos::prelude::*;
use mytho_core::text::decimal;
use mytho_core::i18n::Lang;
use mytho_core::routes::place_path;
use mytho_core::tourism::{spread_markers, Tourism};

/// Drawing units across the whole sketch.
const WIDTH: f64 = 800.0;
/// Room around the outermost places, in drawing units.
const MARGIN: f64 = 30.0;
/// Centre to centre, at least: a 28 px marker, its border and a little air.
const MARKER_GAP: f64 = 34.0;

/// The map's width in pixels: the page's column (at most 60rem, 1rem padding each side) less its border.
fn map_width() -> f64 {
    let window = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(360.0);
    let rem = crate::platform::root_font_px();
    (window.min(60.0 * rem) - 2.0 * rem - 2.0).max(200.0)
}

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
    // Where each marker goes on the map as wide as the page: spread apart where places are close, so
    // each is its own target (≥ 28 px, none over another), recomputed when the window changes size.
    let width = RwSignal::new(map_width());
    let resize = window_event_listener(leptos::ev::resize, move |_| width.set(map_width()));
    on_cleanup(move || resize.remove());
    let spots: Vec<(f64, f64)> = t.places.iter().map(|p| {
        let (x, y) = t.map.project([p.lat, p.lon], WIDTH);
        ((x - x0) / w, (y - y0) / h)
    }).collect();
    let labels: Vec<(String, String)> = t.places.iter().enumerate().map(|(i, p)| (place_path(&p.id), format!("{}. {}", i + 1, p.name.get(lang)))).collect();
    let markers = move || {
        let (pw, ph) = (width.get(), width.get() * h / w);
        let px: Vec<(f64, f64)> = spots.iter().map(|(fx, fy)| (fx * pw, fy * ph)).collect();
        spread_markers(&px, MARKER_GAP, pw, ph, MARKER_GAP / 2.0)
            .into_iter()
            .zip(labels.clone())
            .enumerate()
            .map(|(i, ((x, y), (href, label)))| {
                // Set through the CSSOM (`style:`), which a strict CSP allows; a style attribute it would not.
                let (left, top) = (format!("{}%", decimal(x / pw * 100.0, 2)), format!("{}%", decimal(y / ph * 100.0, 2)));
                view! { <a class="map__marker" href=href style:left=left style:top=top aria-label=label.clone() title=label>{i + 1}</a> }
            })
            .collect_view()
    };
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
