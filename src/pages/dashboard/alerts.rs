//! The "needs attention" panel: the last import's data-quality note, then the agents'
//! alerts (guard rails, missing scores, small samples).

use carescore_engine::metric_def::Direction;
use carescore_engine::scorecard::{GuardRail, Scorecard};
use leptos::prelude::*;

use crate::components::{dimension_name, metric_name};
use crate::i18n::{translate, translate_with, I18n, Locale};
use crate::router::Route;
use crate::state::Scores;
use carescore_workspace::compare::ImportQuality;
use carescore_workspace::display;
use carescore_workspace::scores::{Alert, AlertKind};

pub(super) fn alerts_view(
    i18n: I18n,
    scores: &Scores,
    period: &str,
    list: Vec<Alert>,
    import: Option<ImportQuality>,
) -> impl IntoView {
    let scheme_review_item = scheme_review_reminder(i18n);
    if list.is_empty() && import.is_none() && scheme_review_item.is_none() {
        return view! {
            <p class="muted" data-testid="alerts">{i18n.t("dashboard.no_alerts")}</p>
        }
        .into_any();
    }
    // Names of metrics and dimensions come from the card in force for the period.
    let card = scores
        .agents
        .scheme
        .history()
        .for_period(period)
        .map(|v| v.scorecard.clone());
    let import_item = import.map(|quality| {
        view! {
            <li class="alert alert-import" data-testid="import-alert">
                <span class="alert-text">
                    {import_text(i18n.locale(), &quality)}
                    " — "
                    <a href=Route::Data.to_hash()>{i18n.t("dashboard.import_see_data")}</a>
                </span>
            </li>
        }
    });
    let items = list
        .into_iter()
        .map(|alert| {
            let (class, text) = alert_text(i18n, card.as_ref(), &alert.kind);
            view! {
                <li class=class>
                    <a href=Route::Agent(alert.agent.clone()).to_hash()>{alert.agent.clone()}</a>
                    <span class="muted small">{alert.team.clone().unwrap_or_default()}</span>
                    <span class="alert-text">{text}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="alert-list" data-testid="alerts">{scheme_review_item}{import_item}{items}</ul> }
        .into_any()
}

/// The reminder that the scheme's periodic review (定期审查) is due or overdue. Read
/// untracked: the scheme review changes on its own page, never while the dashboard is shown.
fn scheme_review_reminder(i18n: I18n) -> Option<impl IntoView> {
    use carescore_workspace::scheme_review::DueStatus;
    let state = use_context::<crate::state::AppState>()?;
    let today = crate::download::today();
    let cycle = state
        .scheme_review_untracked()
        .cycle(&state.history_untracked(), today);
    let status = DueStatus::of(&cycle, today);
    status.needs_reminder().then(|| {
        let line = crate::components::scheme_due::status_text(i18n, status, cycle.next_due());
        let text = i18n.tf("scheme_review.reminder", &[("status", &line)]);
        view! {
            <li class="alert alert-review" data-testid="dashboard-scheme-review" data-due=status.token()>
                <span class="alert-text">
                    {text}
                    " — "
                    <a href=Route::SchemeReview.to_hash()>{i18n.t("scheme_review.reminder_open")}</a>
                </span>
            </li>
        }
    })
}

/// "Last import calls.csv: 12 rows rejected, 3 duplicates" (only the non-zero parts).
pub fn import_text(locale: Locale, quality: &ImportQuality) -> String {
    let part = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(translate(locale, one)),
        n => Some(translate_with(
            locale,
            many,
            &[("n", &display::count(n as u64))],
        )),
    };
    let details: Vec<String> = [
        part(
            quality.rejected,
            "dashboard.import_rejected_one",
            "dashboard.import_rejected",
        ),
        part(
            quality.duplicates,
            "dashboard.import_duplicates_one",
            "dashboard.import_duplicates",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    translate_with(
        locale,
        "dashboard.import_alert",
        &[("file", &quality.file), ("details", &details.join(", "))],
    )
}

/// The CSS class and sentence of one alert.
fn alert_text(i18n: I18n, card: Option<&Scorecard>, kind: &AlertKind) -> (&'static str, String) {
    let metric = |id: &str| {
        let label = card
            .and_then(|c| c.find_metric(id))
            .and_then(|(_, m)| m.label.clone());
        metric_name(i18n, id, label.as_ref())
    };
    let dimension = |id: &str| {
        let label = card
            .and_then(|c| c.dimensions.iter().find(|d| d.id == id))
            .and_then(|d| d.label.clone());
        dimension_name(i18n, id, label.as_ref())
    };
    match kind {
        AlertKind::GuardRail { rail, capped } => {
            let cap = display::score(Some(rail.cap()));
            let what = match rail {
                GuardRail::MetricCritical { metric_id, .. } => {
                    // Better-high metrics fire below their limit (scoring::guard_rails).
                    let below = card
                        .and_then(|c| c.find_metric(metric_id).map(|(_, m)| (c, m)))
                        .and_then(|(c, m)| c.direction_of(m).ok())
                        == Some(Direction::HigherIsBetter);
                    let key = if below {
                        "alert.metric_critical_below"
                    } else {
                        "alert.metric_critical"
                    };
                    i18n.tf(key, &[("metric", &metric(metric_id)), ("cap", &cap)])
                }
                GuardRail::DimensionFloor {
                    dimension: d,
                    below,
                    ..
                } => i18n.tf(
                    "alert.dimension_floor",
                    &[
                        ("dimension", &dimension(d)),
                        ("below", &display::score(Some(*below))),
                        ("cap", &cap),
                    ],
                ),
            };
            let suffix = if *capped {
                i18n.t("alert.capped")
            } else {
                String::new()
            };
            ("alert alert-rail", format!("{what}{suffix}"))
        }
        AlertKind::NoScore => ("alert alert-missing", i18n.t("alert.no_score")),
        AlertKind::SmallSample { metric_ids } => {
            let names: Vec<String> = metric_ids.iter().map(|id| metric(id)).collect();
            (
                "alert alert-sample",
                i18n.tf("alert.small_sample", &[("metrics", &names.join(", "))]),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_import_note_names_the_file_and_only_the_non_zero_losses() {
        let note = |rejected, duplicates| ImportQuality {
            file: "calls.csv".into(),
            rejected,
            duplicates,
        };
        assert_eq!(
            import_text(Locale::En, &note(12, 3)),
            "Last import calls.csv: 12 rows rejected, 3 duplicates"
        );
        assert_eq!(
            import_text(Locale::En, &note(1, 0)),
            "Last import calls.csv: 1 row rejected"
        );
        assert_eq!(
            import_text(Locale::En, &note(0, 1_200)),
            "Last import calls.csv: 1,200 duplicates"
        );
        let zh = import_text(Locale::ZhCn, &note(12, 3));
        assert!(
            zh.contains("calls.csv") && zh.contains("12") && zh.contains('3'),
            "{zh}"
        );
    }
}
