//! Choosing the place on the city sketch: a tap, or the arrow keys, puts the point. What it is worth
//! is said plainly: the accuracy shown is what a fingertip covers on the drawing.

use crate::components::{percent, share_of, sketch_svg, WIDTH};
use leptos::prelude::*;
use mytho_core::i18n::{Lang, Msg};
use mytho_core::text::decimal;
use mytho_core::report_draft::ReportDraft;
use mytho_core::tourism::MapSketch;
use wasm_bindgen::JsCast;

/// Half a fingertip, in pixels: how far off a tap may be.
const TAP_PX: f64 = 12.0;
/// One arrow key press moves the point this share of the map.
const STEP: f64 = 0.02;

pub fn pick_map(map: MapSketch, draft: RwSignal<ReportDraft>, label: String, hint_id: &'static str) -> impl IntoView {
    let (w, h) = map.size(WIDTH);
    let frame = (0.0, 0.0, w, h);
    let shown_px = RwSignal::new(w);
    let map = StoredValue::new(map);
    let put = move |fx: f64, fy: f64| {
        let (fx, fy) = (fx.clamp(0.0, 1.0), fy.clamp(0.0, 1.0));
        let (lat, lon, accuracy) = map.with_value(|m| {
            let [lat, lon] = m.unproject((fx * w, fy * h), WIDTH);
            (lat, lon, (m.metres_per_unit(WIDTH) * w / shown_px.get_untracked() * TAP_PX).round())
        });
        draft.update(|d| {
            d.point = Some((lat, lon, accuracy));
            d.on_map = true;
        });
    };
    // The point where it is drawn, when it is on the sketch.
    let at = move || {
        draft.with(|d| d.point).and_then(|(lat, lon, _)| map.with_value(|m| m.contains([lat, lon]).then(|| share_of(m, frame, [lat, lon]))))
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = el.get_bounding_client_rect();
        if rect.width() > 0.0 && rect.height() > 0.0 {
            shown_px.set(rect.width());
            put((ev.client_x() as f64 - rect.left()) / rect.width(), (ev.client_y() as f64 - rect.top()) / rect.height());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-STEP, 0.0),
            "ArrowRight" => (STEP, 0.0),
            "ArrowUp" => (0.0, -STEP),
            "ArrowDown" => (0.0, STEP),
            _ => return,
        };
        ev.prevent_default();
        let (fx, fy) = at().unwrap_or((0.5 - dx, 0.5 - dy));
        put(fx + dx, fy + dy);
    };
    view! {
        <div class="map map--pick">
            <div class="map__canvas" id="report-map" tabindex="0" role="application" aria-label=label aria-describedby=hint_id
                on:click=on_click on:keydown=on_key>
                {map.with_value(|m| sketch_svg(m, frame))}
                {move || at().map(|(x, y)| view! { <span class="map__pin" style:left=percent(x) style:top=percent(y) aria-hidden="true"></span> })}
            </div>
        </div>
    }
}

/// "… within 30 m": how sure a point is. Floats are written by `decimal` (integer arithmetic), which
/// keeps Rust's float formatting out of the wasm.
pub fn within(said: Msg, accuracy: f64, lang: Lang) -> String {
    format!("{} {} m", said.text(lang), decimal(accuracy, 0))
}

/// A point in words: latitude, longitude to 5 decimals (about a metre).
pub fn coordinates(lat: f64, long: f64) -> String {
    format!("{}, {}", decimal(lat, 5), decimal(long, 5))
}
