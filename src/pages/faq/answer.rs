use leptos::prelude::*;
use mytho_core::faq::{FaqAction, FaqEntry};
use mytho_core::i18n::{Lang, Msg};
use mytho_core::routes::Area;

/// An answer's steps and what it offers to do next. Plain texts: the page draws it again when the
/// language changes (one reactive node per text would cost the bundle far more).
pub fn answer_body(entry: &FaqEntry, lang: Lang, hotline: &str) -> impl IntoView {
    let steps = entry.text(lang).answer.iter().map(|step| view! { <li>{step.clone()}</li> }).collect_view();
    let actions = entry
        .actions
        .iter()
        .map(|action| {
            let label = match action {
                FaqAction::Procedure { .. } => Msg::ActionApply.text(lang).to_string(),
                FaqAction::Tutorial { .. } => Msg::ActionTutorial.text(lang).to_string(),
                FaqAction::Track => Msg::AreaTracking.text(lang).to_string(),
                FaqAction::Area { to } => Area::from_segment(to).map(|a| a.name().text(lang).to_string()).unwrap_or_default(),
                FaqAction::Call => format!("{} {hotline}", Msg::ActionCall.text(lang)),
            };
            let href = action.path().unwrap_or_else(|| format!("tel:{hotline}"));
            view! { <li><a href=href class="action-link">{label}</a></li> }
        })
        .collect_view();
    view! {
        <ol class="steps">{steps}</ol>
        <ul class="actions">{actions}</ul>
    }
}
