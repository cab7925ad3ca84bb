use super::draft::all_drafts;
use super::resume::ResumeOpen;
use super::PROFILE;
use crate::components::{use_page_title};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::draft::step_path;
use mytho_core::i18n::Msg;
use mytho_core::routes::PROCEDURES;

/// "Hồ sơ đang soạn": every draft kept on this device, to continue.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(move || i18n.tr(Msg::DraftsTitle).to_string());
    let drafts = all_drafts();
    let list = move || {
        let lang = i18n.lang.get();
        let items = drafts
            .iter()
            .map(|d| {
                let saved = js_sys::Date::new(&(d.saved_at_ms as f64).into());
                let saved = format!(
                    "{:02}/{:02}/{} {:02}:{:02}",
                    saved.get_date(), saved.get_month() + 1, saved.get_full_year(), saved.get_hours(), saved.get_minutes()
                );
                view! {
                    <li class="procedure-list__item">
                        <a href=step_path(&d.procedure_id, &d.step)>{d.procedure_name.get(lang).to_string()}</a>
                        <span class="hint">{Msg::DraftsSavedAt.text(lang)} " " {saved}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h1 class="page-title">{Msg::DraftsTitle.text(lang)}</h1>
            {drafts.is_empty().then(|| view! { <p>{Msg::DraftsEmpty.text(lang)}</p> })}
            <ul class="procedure-list">{items}</ul>
        }
    };
    // The code form stays outside the language's redraw, so what was typed survives a switch.
    view! {
        {list}
        <ResumeOpen/>
        <p><a href=PROFILE>{i18n.text(Msg::ProfileTitle)}</a></p>
        <p><a href=PROCEDURES>{i18n.text(Msg::BackToCatalogue)}</a></p>
    }
}
