//! Forms: the built-in templates by kind (customer survey, QA rubric, 360 per rater role,
//! scheme feedback), filling one in ([`fill`]), the responses saved so far ([`saved`]) and
//! the peer anonymity threshold. Saved responses join the scores at once (see
//! `state::feedback`).

mod calibration;
mod exchange;
mod fill;
mod saved;

use carescore_engine::feedback::anonymity::MIN_PEER_THRESHOLD;
use carescore_engine::feedback::{FormKind, FormTemplate};
use leptos::prelude::*;

pub use calibration::CalibrationPage;
pub use fill::{parse_answers, FormFill, Problem};
pub use saved::{rating_mean, SavedResponses};

use crate::components::label_text;
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::{use_app_state, AppState};
use carescore_workspace::feedback::FeedbackStore;

/// The kinds in the order the page lists them, with their heading keys.
const KINDS: [(&str, &str); 4] = [
    ("survey", "forms.kind_survey"),
    ("qa", "forms.kind_qa"),
    ("review360", "forms.kind_360"),
    ("scheme_feedback", "forms.kind_scheme"),
];

fn kind_id(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Survey => "survey",
        FormKind::Qa => "qa",
        FormKind::Review360 { .. } => "review360",
        FormKind::SchemeFeedback => "scheme_feedback",
    }
}

#[component]
pub fn FormsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let forms = StoredValue::new(FeedbackStore::forms());
    let open: RwSignal<Option<String>> = RwSignal::new(None);
    let saved_title: RwSignal<Option<String>> = RwSignal::new(None);
    let on_saved = move |id: String| {
        let title = forms.with_value(|forms| {
            forms
                .iter()
                .find(|f| f.id == id)
                .and_then(|f| label_text(i18n.locale(), &f.title))
        });
        saved_title.set(title);
        open.set(None);
    };
    let filling = move || {
        let id = open.get()?;
        let form = forms.with_value(|forms| forms.iter().find(|f| f.id == id).cloned())?;
        Some(view! { <FormFill form=form on_saved=on_saved on_cancel=move |_| open.set(None)/> })
    };
    view! {
        <section class="page page-forms" data-testid="page-forms">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("forms.title")}</h1>
                <p class="muted">{move || i18n.t("forms.intro")}</p>
                <a class="button" data-testid="calibration-link" href=Route::Calibration.to_hash()>
                    {move || i18n.t("calibration.open")}
                </a>
            </header>
            <p class="status" role="status" data-testid="forms-status">
                {move || saved_title.get().map(|title| i18n.tf("forms.saved", &[("form", &title)]))}
            </p>
            {move || state.workspace().is_none().then(|| view! {
                <p class="muted" data-testid="forms-no-workspace">{i18n.t("forms.no_workspace")}</p>
            })}
            {filling}
            <exchange::FormExchange/>
            <section class="panel" data-testid="form-templates">
                <h2 class="section-title">{move || i18n.t("forms.templates")}</h2>
                <div class="forms-kinds">
                    {KINDS.iter().map(|&(kind, key)| {
                        let list: Vec<FormTemplate> = forms.with_value(|forms| {
                            forms.iter().filter(|f| kind_id(f.kind) == kind).cloned().collect()
                        });
                        view! {
                            <div class="forms-kind" data-kind=kind>
                                <h3 class="forms-subtitle">{move || i18n.t(key)}</h3>
                                <ul class="plain-list forms-template-list">
                                    {list.into_iter().map(|form| template_row(i18n, form, open, saved_title)).collect_view()}
                                </ul>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </section>
            <section class="panel" data-testid="saved-responses">
                <h2 class="section-title">{move || i18n.t("forms.saved_title")}</h2>
                <SavedResponses/>
            </section>
            <section class="panel">
                <h2 class="section-title">{move || i18n.t("forms.anonymity_title")}</h2>
                {anonymity_setting(i18n, state)}
            </section>
        </section>
    }
}

fn template_row(
    i18n: I18n,
    form: FormTemplate,
    open: RwSignal<Option<String>>,
    saved_title: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = form.id.clone();
    let title = form.title.clone();
    let items = form.items().count();
    view! {
        <li class="forms-template">
            <span class="forms-template-title">{move || label_text(i18n.locale(), &title).unwrap_or_default()}</span>
            <span class="muted small">{move || i18n.tf("forms.item_count", &[("n", &items.to_string())])}</span>
            <button type="button" class="button small-button" data-fill=id.clone()
                on:click=move |_| {
                    saved_title.set(None);
                    open.set(Some(id.clone()));
                }>
                {move || i18n.t("forms.fill_in")}
            </button>
            <exchange::SendBlank form=form.clone()/>
        </li>
    }
}

/// The `k` of peer anonymity: peer comments show once at least `k` peers answered.
fn anonymity_setting(i18n: I18n, state: AppState) -> impl IntoView {
    let invalid = RwSignal::new(false);
    let min = MIN_PEER_THRESHOLD.to_string();
    view! {
        <label class="field" class:invalid=move || invalid.get()>
            <span class="field-label">{move || i18n.t("forms.anonymity_k")}</span>
            <input type="number" min=min step="1" data-testid="anonymity-k"
                prop:value=move || state.feedback().anonymity_k.to_string()
                on:change=move |ev| {
                    match event_target_value(&ev).trim().parse::<u32>() {
                        Ok(k) if k >= MIN_PEER_THRESHOLD => {
                            invalid.set(false);
                            let mut store = (*state.feedback_untracked().0).clone();
                            store.anonymity_k = k;
                            state.set_feedback(store);
                        }
                        _ => invalid.set(true),
                    }
                }/>
        </label>
        <p class="muted small">{move || i18n.t("forms.anonymity_help")}</p>
        {move || invalid.get().then(|| view! {
            <p class="form-problem">{i18n.tf("forms.anonymity_invalid", &[("min", &MIN_PEER_THRESHOLD.to_string())])}</p>
        })}
    }
}
