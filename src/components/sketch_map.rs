//! The city map, drawn by the app from the content's sketch (water, islets, roads): no tile server, so
//! it works on a captive Wi-Fi page and offline. Numbered links are laid over the drawing: the guide's
//! places, the public list's reports.

use leptos::prelude::*;
use mytho_core::text::decimal;
use mytho_core::tourism::{spread_markers, MapSketch};

/// Drawing units across the whole sketch.
pub const WIDTH: f64 = 800.0;
/// Centre to centre, at least: a 28 px marker, its border and a little air.
const MARKER_GAP: f64 = 34.0;

/// Part of the drawing: `x`, `y`, width, height in drawing units.
pub type Frame = (f64, f64, f64, f64);

/// A numbered link on the map.
pub struct Pin {
    pub at: [f64; 2],
    pub href: String,
    pub label: String,
    pub number: usize,
}

/// The map's width in pixels: the page's column (at most 60rem, 1rem padding each side) less its border.
fn map_width() -> f64 {
    let window = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|v| v.as_f64()).unwrap_or(360.0);
    let rem = crate::platform::root_font_px();
    (window.min(60.0 * rem) - 2.0 * rem - 2.0).max(200.0)
}

fn points(map: &MapSketch, line: &[[f64; 2]]) -> String {
    line.iter()
        .map(|p| {
            let (x, y) = map.project(*p, WIDTH);
            format!("{},{}", decimal(x, 1), decimal(y, 1))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The drawing of `frame`, as wide as its container; hidden from assistive technology (the links and
/// the text around it say what it shows).
pub fn sketch_svg(map: &MapSketch, (x0, y0, w, h): Frame) -> impl IntoView {
    let shapes = |list: &[Vec<[f64; 2]>], class: &'static str| {
        list.iter().map(|poly| view! { <polygon class=class points=points(map, poly)/> }).collect_view()
    };
    let roads = map.roads.iter().map(|r| view! { <polyline class="map__road" points=points(map, &r.points)/> }).collect_view();
    view! {
        <svg class="map__drawing" viewBox=format!("{} {} {} {}", decimal(x0, 1), decimal(y0, 1), decimal(w, 1), decimal(h, 1)) aria-hidden="true" focusable="false">
            <rect class="map__land" x=decimal(x0, 1) y=decimal(y0, 1) width=decimal(w, 1) height=decimal(h, 1)/>
            {shapes(&map.water, "map__water")}
            {shapes(&map.islets, "map__islet")}
            {roads}
        </svg>
    }
}

/// Where a point falls on the frame, as shares of its width and height.
pub fn share_of(map: &MapSketch, (x0, y0, w, h): Frame, at: [f64; 2]) -> (f64, f64) {
    let (x, y) = map.project(at, WIDTH);
    ((x - x0) / w, (y - y0) / h)
}

/// A position set through the CSSOM (`style:`), which a strict CSP allows; a style attribute it would not.
pub fn percent(share: f64) -> String {
    format!("{}%", decimal(share * 100.0, 2))
}

/// The map with numbered links: spread apart where points are close, so each is its own target
/// (≥ 28 px, none over another), recomputed when the window changes size.
pub fn sketch_map(map: &MapSketch, frame: Frame, pins: Vec<Pin>, note_id: &'static str) -> impl IntoView {
    let width = RwSignal::new(map_width());
    let resize = window_event_listener(leptos::ev::resize, move |_| width.set(map_width()));
    on_cleanup(move || resize.remove());
    let spots: Vec<(f64, f64)> = pins.iter().map(|p| share_of(map, frame, p.at)).collect();
    let ratio = frame.3 / frame.2;
    let markers = move || {
        let (pw, ph) = (width.get(), width.get() * ratio);
        let px: Vec<(f64, f64)> = spots.iter().map(|(fx, fy)| (fx * pw, fy * ph)).collect();
        spread_markers(&px, MARKER_GAP, pw, ph, MARKER_GAP / 2.0)
            .into_iter()
            .zip(&pins)
            .map(|((x, y), pin)| {
                view! { <a class="map__marker" href=pin.href.clone() style:left=percent(x / pw) style:top=percent(y / ph) aria-label=pin.label.clone() title=pin.label.clone()>{pin.number}</a> }
            })
            .collect_view()
    };
    view! {
        <div class="map" role="group" aria-describedby=note_id>
            <div class="map__canvas">
                {sketch_svg(map, frame)}
                {markers}
            </div>
        </div>
    }
}
