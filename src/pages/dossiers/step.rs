use super::check::CheckAnswers;
use super::draft::DraftStore;
use super::fields::{dom_id, field_view};
use super::practice::{lesson_return, practice_banner, PracticeDone};
use super::procedure::DELETED;
use super::resume::ResumeOffer;
use super::PROFILE;
use crate::components::{title_with_errors, use_page_title, ErrorSummary, Problem, ProblemTarget};
use crate::i18n::use_i18n;
use crate::pages::NotFound;
use crate::platform;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use mytho_core::draft::{next_step, CHECK_STEP, PRACTICE_DONE_STEP};
use mytho_core::forms::{self, FieldError, FormDef};
use mytho_core::i18n::{Lang, Msg};
use mytho_core::procedures::Procedure;
use mytho_core::routes::PROCEDURES;
use std::sync::Arc;

/// The problems found when the user last pressed Continue on this step (a field fixed later, such as
/// a file attached, takes its own off).
#[derive(Clone, Copy)]
pub struct StepErrors(pub RwSignal<Vec<FieldError>>);

/// `?tro-lai=kiem-tra`: the user came from a Change link and goes back to the check page.
pub const RETURN_TO_CHECK: &str = "tro-lai";

/// One page of the form engine: a step of the procedure's form, or the check page.
#[component]
pub fn FormStep() -> impl IntoView {
    let step = crate::routes::use_route_part(|r| r.step);
    let p = expect_context::<Arc<Procedure>>();
    move || {
        let step = step.get();
        let Some(def) = p.form.clone() else { return view! { <NotFound/> }.into_any() };
        if step == CHECK_STEP {
            return view! { <CheckAnswers/> }.into_any();
        }
        if step == PRACTICE_DONE_STEP && expect_context::<DraftStore>().is_practice() {
            return view! { <PracticeDone/> }.into_any();
        }
        match def.steps.iter().position(|s| s.id == step) {
            Some(index) => step_page(p.clone(), Arc::new(def), index).into_any(),
            None => view! { <NotFound/> }.into_any(),
        }
    }
}

fn step_page(p: Arc<Procedure>, def: Arc<FormDef>, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<DraftStore>();
    let query = use_query_map();
    let navigate = use_navigate();
    let step = def.steps[index].clone();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    provide_context(StepErrors(errors));
    store.draft.update(|d| d.step = step.id.clone());
    {
        let title = step.title.clone();
        use_page_title(move || title_with_errors(title.get(i18n.lang.get()).to_string(), !errors.with(Vec::is_empty), i18n.lang.get()));
    }
    // A new step starts at its heading, for screen readers and keyboards.
    Effect::new(move |_| platform::focus("step-heading"));

    let problems = {
        let def = def.clone();
        Signal::derive(move || {
            let lang = i18n.lang.get();
            errors.with(|es| es.iter().map(|e| Problem { target: ProblemTarget::Field(dom_id(&e.target)), message: e.message(&def, lang) }).collect())
        })
    };
    let fields = step
        .fields
        .iter()
        .map(|field| {
            let shown = {
                let (def, field) = (def.clone(), field.clone());
                Memo::new(move |_| store.draft.with(|d| def.is_shown(&field, &d.answers)))
            };
            let error = {
                let (def, id) = (def.clone(), field.id.clone());
                Signal::derive(move || {
                    let lang = i18n.lang.get();
                    errors.with(|es| es.iter().find(|e| e.field == id).map(|e| e.message(&def, lang)))
                })
            };
            let field = field.clone();
            view! { <Show when=move || shown.get()>{field_view(&field, store, error)}</Show> }
        })
        .collect_view();

    let on_continue = {
        let (def, step, p) = (def.clone(), step.clone(), p.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let checked = store.draft.with_untracked(|d| forms::validate(&def, step.fields.iter(), &d.answers, platform::today()));
            match checked {
                Err(found) => errors.set(found),
                Ok(_) => {
                    errors.set(Vec::new());
                    let back_to_check = query.read_untracked().get(RETURN_TO_CHECK).is_some();
                    let next = if back_to_check { CHECK_STEP.to_string() } else { next_step(&def, &step.id) };
                    navigate(&store.step_path(&p.id, &next), Default::default());
                }
            }
        }
    };
    let back_href = match index {
        0 if store.is_practice() => lesson_return(),
        0 => format!("{PROCEDURES}/{}", p.id),
        i => store.step_path(&p.id, &def.steps[i - 1].id),
    };
    let total = def.steps.len();
    let name = p.name.clone();
    let title = step.title.clone();
    view! {
        <p><a class="back-link" href=back_href.clone()>{i18n.text(Msg::Back)}</a></p>
        <ErrorSummary problems/>
        <p class="caption">{move || name.get(i18n.lang.get()).to_string()}</p>
        <p class="progress">{move || progress(i18n.lang.get(), index + 1, total)}</p>
        <h1 class="page-title" id="step-heading" tabindex="-1">{move || title.get(i18n.lang.get()).to_string()}</h1>
        {practice_banner(store)}
        {supplement_banner(store)}
        {store.prefilled.then(|| view! {
            <p class="notice">
                {i18n.text(Msg::ProfileFilled)} " "
                <a href=PROFILE>{i18n.text(Msg::ProfileTitle)}</a>
            </p>
        })}
        <form novalidate on:submit=on_continue>
            {fields}
            <button class="button" type="submit">{i18n.text(Msg::Continue)}</button>
        </form>
        <DraftNote/>
    }
}

/// "Bước 2 trên 4" / "Step 2 of 4".
fn progress(lang: Lang, n: usize, total: usize) -> String {
    format!("{} {n} {} {total}", Msg::StepWord.text(lang), Msg::StepOf.text(lang))
}

pub fn supplement_banner(store: DraftStore) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        store.draft.with(|d| d.supplement.is_some()).then(|| view! { <div class="notice">{i18n.tr(Msg::SupplementBanner)}</div> })
    }
}

/// Says that the draft is kept on this device, and lets the user delete it.
#[component]
pub fn DraftNote() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<DraftStore>();
    let p = expect_context::<Arc<Procedure>>();
    let on_delete = move |_| {
        store.delete(&p);
        // The procedure's page is another bundle's; a practice starts again.
        platform::go_to(&if store.is_practice() {
            store.step_path(&p.id, &store.draft.with_untracked(|d| d.step.clone()))
        } else {
            format!("{PROCEDURES}/{}?{DELETED}=1", p.id)
        });
    };
    view! {
        <aside class="draft-note">
            <p>{i18n.text(Msg::DraftNote)}</p>
            <p><button type="button" class="button button--secondary" on:click=on_delete>{i18n.text(Msg::DeleteDraft)}</button></p>
            // A practice is never sent, not even to continue elsewhere.
            {(!store.is_practice()).then(|| view! { <ResumeOffer/> })}
        </aside>
    }
}
