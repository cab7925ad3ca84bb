//! Prints the first screen of a bundle's page (`first-screen du-lich.html`, see
//! `mytho_core::first_screen`), for `scripts/build-app.sh` to put in that page's `<main>`.

use mytho_core::routes::Bundle;
use std::process::ExitCode;

fn main() -> ExitCode {
    let page = std::env::args().nth(1).unwrap_or_default();
    match Bundle::ALL.into_iter().find(|b| b.page() == page).and_then(mytho_core::first_screen::html) {
        Some(html) => {
            print!("{html}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("first-screen: no bundle has the page {page:?} (or it is the shell's)");
            ExitCode::from(2)
        }
    }
}
