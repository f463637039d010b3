//! Awards (评优): 服务之星 and friends for the selected month. One panel per award: its
//! rule in words, the winners with the reasons they qualified, the candidates who would
//! have won but were not eligible (and why), and a form that edits the rule. Every valid
//! edit is saved through the state at once and the winners follow; an invalid one shows
//! the problem and is not saved. The engine decides ([`carescore_engine::awards`]); this
//! page only translates its structured reasons.
//!
//! - [`text`]: rules, reasons and failures in words
//! - [`outcome`]: one award's panel: winners and the not-eligible list
//! - [`editor`]: the rule form

mod editor;
mod outcome;
mod text;

use carescore_engine::awards::{
    default_awards, AwardRule, Eligibility, RankedBy, Scope, Selection,
};
use carescore_engine::scorecard::{Label, Scorecard, ScorecardHistory};
use leptos::prelude::*;

use crate::components::{NoWorkspace, PeriodSelect};
use crate::i18n::{translate, use_i18n, I18n, Locale};
use crate::state::{use_app_state, AppState};
use outcome::award_panel;
pub use text::{award_name, failure_text, reason_text, rule_text};

#[component]
pub fn AwardsPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    // Only whether there are scores: editing an award must not rebuild the page.
    let has_scores = Memo::new(move |_| state.scored().is_some());
    view! {
        <section class="page page-awards" data-testid="page-awards">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("awards.title")}</h1>
                {move || has_scores.get().then(|| view! { <PeriodSelect/> })}
            </header>
            <p class="muted awards-intro">{move || i18n.t("awards.intro")}</p>
            {move || {
                if has_scores.get() {
                    awards_body(i18n, state).into_any()
                } else {
                    view! { <NoWorkspace/> }.into_any()
                }
            }}
        </section>
    }
}

fn awards_body(i18n: I18n, state: AppState) -> impl IntoView {
    // Bumped by "Reset to defaults": the panels are rebuilt, so their forms show the
    // defaults rather than the values typed before.
    let generation = RwSignal::new(0u32);
    let add = move |_| {
        let mut awards = state.awards_untracked();
        awards.push(new_award(&awards));
        state.set_awards(awards);
    };
    let reset = move |_| {
        state.set_awards(default_awards());
        generation.update(|g| *g += 1);
    };
    view! {
        <div class="button-row awards-toolbar">
            <button type="button" class="button" data-testid="awards-add" on:click=add>
                {move || i18n.t("awards.add")}
            </button>
            <button type="button" class="button" data-testid="awards-reset" on:click=reset>
                {move || i18n.t("awards.reset")}
            </button>
        </div>
        {move || {
            state
                .awards()
                .is_empty()
                .then(|| view! { <p class="muted" data-testid="awards-none">{i18n.t("awards.none")}</p> })
        }}
        <For
            each=move || {
                let g = generation.get();
                state.awards().into_iter().map(move |a| (g, a.id)).collect::<Vec<_>>()
            }
            key=|key| key.clone()
            children=move |(_, id)| award_panel(i18n, state, id)
        />
    }
}

/// A new user-defined award with an unused id: top 1 by total, no conditions yet.
fn new_award(existing: &[AwardRule]) -> AwardRule {
    let id = (1..)
        .map(|k| format!("custom_{k}"))
        .find(|id| !existing.iter().any(|a| &a.id == id))
        .expect("an unused id");
    AwardRule {
        id,
        label: Some(Label::new(
            &translate(Locale::En, "awards.new_name"),
            &translate(Locale::ZhCn, "awards.new_name"),
        )),
        ranked_by: RankedBy::Total,
        scope: Scope::Centre,
        selection: Selection::TopN { n: 1 },
        eligibility: Eligibility::default(),
        enabled: true,
    }
}

/// The card in force for a period (dimension and metric names, what can rank an award).
fn card_for(history: &ScorecardHistory, period: Option<&str>) -> Scorecard {
    period
        .and_then(|p| history.for_period(p))
        .or(history.versions.last())
        .map(|v| v.scorecard.clone())
        .expect("a validated history has a version")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_awards_get_unused_ids() {
        let mut awards = default_awards();
        let first = new_award(&awards);
        assert_eq!(first.id, "custom_1");
        assert!(first.validate().is_ok());
        awards.push(first);
        assert_eq!(new_award(&awards).id, "custom_2");
        let label = new_award(&awards).label.unwrap();
        assert!(label.en.is_some() && label.zh.is_some());
        assert_ne!(label.en, label.zh, "both languages are translated");
    }
}
