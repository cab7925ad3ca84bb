use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::Msg;

/// One problem: the element (by DOM id) it is about, or another page's address, and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub target: ProblemTarget,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemTarget {
    /// A field on this page: the link moves focus to it.
    Field(String),
    /// A field on another page (a step of the form).
    Page(String),
}

pub const SUMMARY_ID: &str = "error-summary";

/// The GOV.UK error summary: a heading and a link per problem, focused when it appears so keyboard and
/// screen-reader users land on it.
#[component]
pub fn ErrorSummary(problems: Signal<Vec<Problem>>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        if !problems.with(Vec::is_empty) {
            platform::focus(SUMMARY_ID);
        }
    });
    move || {
        let list = problems.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|p| match p.target {
                    ProblemTarget::Field(id) => {
                        let href = format!("#{id}");
                        view! {
                            <li>
                                <a href=href on:click=move |ev| {
                                    ev.prevent_default();
                                    platform::focus(&id);
                                }>{p.message}</a>
                            </li>
                        }
                        .into_any()
                    }
                    ProblemTarget::Page(href) => view! { <li><a href=href>{p.message}</a></li> }.into_any(),
                })
                .collect_view();
            view! {
                <div class="error-summary" id=SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <h2 class="error-summary__title" id="error-summary-title">{i18n.text(Msg::ErrorSummaryTitle)}</h2>
                    <ul class="error-summary__list">{items}</ul>
                </div>
            }
        })
    }
}

/// The page title with "Lỗi: " in front while there are problems (GOV.UK).
pub fn title_with_errors(title: String, has_errors: bool, lang: mytho_core::i18n::Lang) -> String {
    if has_errors {
        format!("{}: {title}", Msg::ErrorTitlePrefix.text(lang))
    } else {
        title
    }
}

/// The message beside a field (GOV.UK): "Lỗi:" is read out by screen readers, not shown.
#[component]
pub fn InlineError(id: String, message: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="error-message" id=id>
            <span class="visually-hidden">{i18n.text(Msg::ErrorTitlePrefix)} ": "</span>{message}
        </p>
    }
}
