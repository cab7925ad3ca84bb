//! Prints the first screen of a bundle's page (`first-screen du-lich.html`): its heading, introduction
//! and a loading line, in Vietnamese, for `scripts/build-app.sh` to put in that page's `<main>`.

use mytho_core::i18n::{Lang, Msg};
use mytho_core::routes::Bundle;
use std::process::ExitCode;

fn main() -> ExitCode {
    let page = std::env::args().nth(1).unwrap_or_default();
    let Some((title, intro)) = Bundle::ALL.into_iter().find(|b| b.page() == page).and_then(Bundle::first_screen) else {
        eprintln!("first-screen: no bundle has the page {page:?} (or it is the shell's)");
        return ExitCode::from(2);
    };
    let text = |m: Msg| m.text(Lang::Vi).replace('&', "&amp;").replace('<', "&lt;");
    println!("      <h1 class=\"page-title\">{}</h1>", text(title));
    if let Some(intro) = intro {
        println!("      <p>{}</p>", text(intro));
    }
    println!("      <p class=\"notice\" role=\"status\">{}</p>", text(Msg::Loading));
    ExitCode::SUCCESS
}
