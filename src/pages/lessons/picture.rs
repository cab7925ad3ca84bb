//! A step's picture: a phone drawn in SVG with a sign on its screen. Decorative (the step's text says
//! it all), and a few hundred bytes instead of an image to download.

use leptos::prelude::*;

fn sign(picture: &str) -> &'static str {
    match picture {
        "back" => "←",
        "text" => "A+",
        "wifi" => "Wi-Fi",
        "shield" | "sms" => "OTP",
        "link" => ".gov.vn",
        "chat" => "?",
        "store" | "id" => "VNeID",
        "login" => "→]",
        "qr" => "QR",
        "search" => "Tìm",
        "form" => "≡",
        "check" | "receipt" => "✓",
        "camera" | "frame" | "light" => "◉",
        "money" | "card" => "đ",
        _ => "•",
    }
}

pub fn picture(picture: &str) -> impl IntoView {
    view! {
        <svg class="lesson-picture" viewBox="0 0 120 160" aria-hidden="true" focusable="false">
            <rect x="20" y="5" width="80" height="150" rx="12" class="lesson-picture__phone"/>
            <rect x="28" y="20" width="64" height="112" rx="4" class="lesson-picture__screen"/>
            <text x="60" y="84" text-anchor="middle" class="lesson-picture__sign">{sign(picture)}</text>
        </svg>
    }
}
