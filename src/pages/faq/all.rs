use super::answer::answer_body;
use super::FaqStore;
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Msg;

/// Every question, grouped by topic, each opening to its answer.
#[component]
pub fn FaqAll() -> impl IntoView {
    let i18n = use_i18n();
    let store = FaqStore::use_store();
    store.load();
    use_page_title(move || format!("{} – {}", i18n.tr(Msg::FaqAllTitle), i18n.tr(Msg::AreaFaq)));
    let hotline = expect_context::<AppConfig>().hotline;
    let groups = move || {
        let corpus = store.corpus.get()?.ok()?;
        let lang = i18n.lang.get();
        Some(
            corpus
                .data
                .groups
                .iter()
                .map(|group| {
                    let entries = corpus
                        .data
                        .entries
                        .iter()
                        .filter(|e| e.group == group.id)
                        .map(|e| {
                            let q = e.text(lang).question.clone();
                            view! {
                                <details class="faq-item" id=e.id.clone()>
                                    <summary>{q}</summary>
                                    {answer_body(e, lang, &hotline)}
                                </details>
                            }
                        })
                        .collect_view();
                    view! {
                        <section>
                            <h2 class="subheading">{group.name(lang).to_string()}</h2>
                            {entries}
                        </section>
                    }
                })
                .collect_view(),
        )
    };
    view! {
        <h1 class="page-title">{i18n.text(Msg::FaqAllTitle)}</h1>
        <p><a href="/hoi-dap">{i18n.text(Msg::FaqBackToChat)}</a></p>
        {move || store.corpus.get().is_none().then(|| view! { <p class="notice">{i18n.tr(Msg::Loading)}</p> })}
        {groups}
    }
}
