//! How an action reads: its status, its numbers in the metric's unit, and the engine's
//! verdict on it ([`verify`]) against the workspace's measured table for the due period.
//! Shared by the plans page, the weekly review and the agent card.

use carescore_engine::feedback::plans::{verify, ActionStatus, ImprovementAction, Verification};
use carescore_engine::metric_def::Unit;
use leptos::prelude::*;

use crate::i18n::I18n;
use crate::router::Route;
use crate::state::Measured;
use carescore_workspace::display;
use carescore_workspace::plans::status_token;

use super::table_for;

/// "Planned", "In progress"... in the interface language.
pub fn status_label(i18n: I18n, status: ActionStatus) -> String {
    i18n.t(&format!("plans.status.{}", status_token(status)))
}

/// A value of the action's metric as the pages write it (`76.3%`, `0:45`).
pub fn value_text(value: f64, unit: Option<Unit>) -> String {
    display::metric_value(value, unit.unwrap_or(Unit::Number))
}

/// The engine's verdict for `action` in this workspace.
pub fn verdict_of(ws: &Measured, action: &ImprovementAction) -> Verification {
    verify(action, table_for(ws, &action.subject))
}

/// The verdict's token: `data-outcome` and the class suffix.
pub fn outcome_token(verdict: &Verification) -> &'static str {
    match verdict {
        Verification::Achieved { .. } => "achieved",
        Verification::NotAchieved { .. } => "not_achieved",
        Verification::NoDataYet => "no_data",
        Verification::NotApplicable { .. } => "not_applicable",
    }
}

/// The verdict in one sentence, with baseline, target and result.
pub fn verdict_text(
    i18n: I18n,
    action: &ImprovementAction,
    verdict: &Verification,
    unit: Option<Unit>,
) -> String {
    let numbers = |key: &str, baseline: f64, target: f64, result: f64, sample: u32| {
        i18n.tf(
            key,
            &[
                ("period", &action.due_period),
                ("baseline", &value_text(baseline, unit)),
                ("target", &value_text(target, unit)),
                ("result", &value_text(result, unit)),
                ("n", &display::count(u64::from(sample))),
            ],
        )
    };
    match verdict {
        Verification::Achieved {
            baseline,
            target,
            result,
            sample,
        } => numbers(
            "plans.verdict.achieved",
            *baseline,
            *target,
            *result,
            *sample,
        ),
        Verification::NotAchieved {
            baseline,
            target,
            result,
            sample,
        } => numbers(
            "plans.verdict.not_achieved",
            *baseline,
            *target,
            *result,
            *sample,
        ),
        Verification::NoDataYet => {
            i18n.tf("plans.verdict.no_data", &[("period", &action.due_period)])
        }
        Verification::NotApplicable { .. } if action.status == ActionStatus::Dropped => {
            i18n.t("plans.verdict.dropped")
        }
        Verification::NotApplicable { .. } => i18n.t("plans.verdict.not_measured"),
    }
}

/// The verdict as a badge-like line (`data-testid="verdict"`, `data-outcome`).
pub fn verdict_view(
    i18n: I18n,
    ws: &Measured,
    action: &ImprovementAction,
    unit: Option<Unit>,
) -> impl IntoView {
    let verdict = verdict_of(ws, action);
    let outcome = outcome_token(&verdict);
    let text = verdict_text(i18n, action, &verdict, unit);
    view! {
        <p class=format!("plan-verdict plan-verdict-{outcome}") data-testid="verdict" data-outcome=outcome>
            <span class="plan-verdict-caption">{i18n.t("plans.follow_up")}</span>
            " "
            {text}
        </p>
    }
}

/// "72.0% → 76.0%".
pub fn range_text(action: &ImprovementAction, unit: Option<Unit>) -> String {
    format!(
        "{} → {}",
        value_text(action.baseline, unit),
        value_text(action.target, unit)
    )
}

/// A link to the subject's page (an agent's card or a team's page), the name as text.
pub fn subject_link(action: &ImprovementAction) -> impl IntoView {
    use carescore_engine::feedback::plans::PlanSubject;
    let (route, name) = match &action.subject {
        PlanSubject::Agent { agent } => (Route::Agent(agent.clone()), agent.clone()),
        PlanSubject::Team { team } => (Route::Team(team.clone()), team.clone()),
    };
    view! { <a class="plan-subject" href=route.to_hash()>{name}</a> }
}
