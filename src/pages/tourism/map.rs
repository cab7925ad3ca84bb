//! The city map, drawn by the app from the content's sketch (water, islets, roads): no tile server, so
//! it works on a captive Wi-Fi page and offline. Places are numbered links laid over the drawing.

use leptos::prelude::*;
use mytho_core::text::decimal;
use mytho_core::i18n::Lang;
use mytho_core::routes::place_path;
use mytho_core::tourism::Tourism;

/// Drawing units across; the map is shown at least this many pixels wide (scrolling sideways on a
/// narrow phone, as maps may), so close places keep their markers apart.
const WIDTH: f64 = 800.0;

fn points(t: &Tourism, line: &[[f64; 2]]) -> String {
    line.iter()
        .map(|p| {
            let (x, y) = t.map.project(*p, WIDTH);
            format!("{},{}", decimal(x, 1), decimal(y, 1))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn map_view(t: &Tourism, lang: Lang) -> impl IntoView {
    let (_, height) = t.map.size(WIDTH);
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
            let (left, top) = (format!("{}%", decimal(x / WIDTH * 100.0, 2)), format!("{}%", decimal(y / height * 100.0, 2)));
            let label = format!("{}. {}", i + 1, p.name.get(lang));
            view! { <a class="map__marker" href=place_path(&p.id) style:left=left style:top=top aria-label=label.clone() title=label>{i + 1}</a> }
        })
        .collect_view();
    view! {
        <div class="map" role="group" aria-describedby="map-note">
            <div class="map__canvas">
                <svg class="map__drawing" viewBox=format!("0 0 {} {}", decimal(WIDTH, 0), decimal(height, 0)) aria-hidden="true" focusable="false">
                    <rect class="map__land" width="100%" height="100%"/>
                    {shapes(&t.map.water, "map__water")}
                    {shapes(&t.map.islets, "map__islet")}
                    {roads}
                </svg>
                {markers}
            </div>
        </div>
    }
}
