use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use mytho_core::config::AppConfig;
use mytho_core::faq::{FaqAction, FaqEntry};
use mytho_core::i18n::Msg;
use mytho_core::routes::Area;

/// An answer's steps and what it offers to do next, in the current language.
#[component]
pub fn AnswerBody(entry: FaqEntry) -> impl IntoView {
    let i18n = use_i18n();
    let hotline = expect_context::<AppConfig>().hotline;
    let steps = {
        let entry = entry.clone();
        move || {
            entry
                .text(i18n.lang.get())
                .answer
                .iter()
                .map(|step| view! { <li>{step.clone()}</li> })
                .collect_view()
        }
    };
    let actions = entry
        .actions
        .into_iter()
        .map(|action| {
            let path = action.path();
            let tel = format!("tel:{hotline}");
            let hotline = hotline.clone();
            let label = move || match &action {
                FaqAction::Procedure { .. } => i18n.tr(Msg::ActionApply).to_string(),
                FaqAction::Tutorial { .. } => i18n.tr(Msg::ActionTutorial).to_string(),
                FaqAction::Track => i18n.tr(Msg::AreaTracking).to_string(),
                FaqAction::Area { to } => Area::from_segment(to).map(|a| i18n.tr(a.name()).to_string()).unwrap_or_default(),
                FaqAction::Call => format!("{} {hotline}", i18n.tr(Msg::ActionCall)),
            };
            let view = match path {
                Some(path) => view! { <A href=path attr:class="action-link">{label}</A> }.into_any(),
                None => view! { <a href=tel class="action-link">{label}</a> }.into_any(),
            };
            view! { <li>{view}</li> }
        })
        .collect_view();
    view! {
        <ol class="steps">{steps}</ol>
        <ul class="actions">{actions}</ul>
    }
}
