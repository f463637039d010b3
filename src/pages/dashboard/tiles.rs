//! The headline tiles' comparison: "vs 2026-05: 21 +3" under a figure, and the grade
//! distribution of both periods side by side.

use std::cmp::Ordering;

use carescore_engine::scorecard::Grade;
use leptos::prelude::*;

use crate::components::GradeBadge;
use crate::i18n::I18n;
use carescore_workspace::compare::PeriodSummary;

/// Up, down or level, for the colour of a difference.
pub(super) fn direction(diff: Option<f64>) -> Ordering {
    match diff {
        Some(d) if d >= 0.05 => Ordering::Greater,
        Some(d) if d <= -0.05 => Ordering::Less,
        _ => Ordering::Equal,
    }
}

pub(super) fn change_class(direction: Ordering) -> &'static str {
    match direction {
        Ordering::Greater => "num change up",
        Ordering::Less => "num change down",
        Ordering::Equal => "num change",
    }
}

/// "vs 2026-05: 21 +3" under a tile's figure.
pub(super) fn compare_note(
    i18n: I18n,
    period: &str,
    value: String,
    diff: String,
    direction: Ordering,
) -> impl IntoView {
    view! {
        <div class="compare-delta muted small" data-testid="compare-delta">
            {i18n.tf("dashboard.vs_period", &[("period", period), ("value", &value)])}
            " "
            <span class=change_class(direction)>{diff}</span>
        </div>
    }
}

/// Agents per grade in the selected period, and in the compared one beside each count.
pub(super) fn grade_tile(
    i18n: I18n,
    now: &PeriodSummary,
    then: Option<&PeriodSummary>,
) -> impl IntoView {
    // Not coloured: more agents in a grade is good news or bad depending on the grade.
    let compared = |before: Option<usize>| {
        then.zip(before).map(|(t, b)| {
            let title = i18n.tf(
                "dashboard.grade_vs_title",
                &[("n", &b.to_string()), ("period", &t.period)],
            );
            view! {
                <span class="grade-compared small num" title=title data-testid="grade-compared">
                    {i18n.tf("dashboard.grade_vs", &[("n", &b.to_string())])}
                </span>
            }
        })
    };
    let ungraded_then = then.map_or(0, |t| t.grades.ungraded);
    view! {
        <div class="stat-tile stat-grades">
            <div class="stat-caption">{i18n.t("dashboard.grade_distribution")}</div>
            <ul class="grade-distribution" data-testid="grade-distribution">
                {Grade::ALL
                    .into_iter()
                    .map(|grade| {
                        let n = now.grades.count(grade);
                        view! {
                            <li data-grade=grade.id()>
                                <GradeBadge grade=Some(grade)/>
                                <span class="grade-counts">
                                    <span class="num grade-count">{n}</span>
                                    {compared(then.map(|t| t.grades.count(grade)))}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
                {(now.grades.ungraded > 0 || ungraded_then > 0).then(|| view! {
                    <li data-grade="none">
                        <span class="grade-badge grade-none">{i18n.t("common.no_grade")}</span>
                        <span class="grade-counts">
                            <span class="num grade-count">{now.grades.ungraded}</span>
                            {compared(then.map(|_| ungraded_then))}
                        </span>
                    </li>
                })}
            </ul>
        </div>
    }
}
