//! `totals` (N/A dimension weight spread over the others, guard-rail caps), `ranks`
//! (competition ranks per period) and `grades` (thresholds, or forced distribution over the
//! ranks), as `scoring::compute` and `scoring::rank` do.

use crate::metric_def::Direction;
use crate::scorecard::{GradeScheme, GuardRail, Scorecard, ScorecardHistory};

use super::dialect::{double, Dialect};
use super::scores::{by_version, dimension_name, score_name};
use super::Cte;

/// The total before caps: the weighted mean of the dimensions that have a score.
fn uncapped(d: Dialect, card: &Scorecard) -> String {
    let score = |id: &str| d.ident(&dimension_name(id));
    let weighted: Vec<String> = card
        .dimensions
        .iter()
        .map(|dim| {
            format!(
                "CASE WHEN {s} IS NULL THEN 0e0 ELSE {} * {s} END",
                double(dim.weight),
                s = score(&dim.id)
            )
        })
        .collect();
    let counted: Vec<String> = card
        .dimensions
        .iter()
        .map(|dim| {
            format!(
                "CASE WHEN {} IS NULL THEN 0e0 ELSE {} END",
                score(&dim.id),
                double(dim.weight)
            )
        })
        .collect();
    format!(
        "((0e0 + {}) * (1e0 / NULLIF(0e0 + {}, 0e0)))",
        weighted.join(" + "),
        counted.join(" + ")
    )
}

/// The condition under which a guard rail fires. An N/A metric or dimension never fires
/// one, nor does a metric excluded for its small sample (it has no score).
fn fires(d: Dialect, card: &Scorecard, rail: &GuardRail) -> String {
    match rail {
        GuardRail::DimensionFloor {
            dimension, below, ..
        } => format!(
            "{} < {}",
            d.ident(&dimension_name(dimension)),
            double(*below)
        ),
        GuardRail::MetricCritical {
            metric_id,
            threshold,
            ..
        } => {
            let (dim, metric) = card
                .find_metric(metric_id)
                .expect("the history is validated");
            let direction = card.direction_of(metric).expect("the history is validated");
            let worse = match direction {
                Direction::LowerIsBetter => ">",
                Direction::HigherIsBetter => "<",
            };
            format!(
                "{} IS NOT NULL AND {} {worse} {}",
                d.ident(&score_name(&card.dimensions[dim].id, metric_id)),
                d.ident(metric_id),
                double(*threshold)
            )
        }
    }
}

/// The total after caps: the lowest cap of the rails that fire, if below the total.
fn capped(d: Dialect, card: &Scorecard) -> String {
    if card.guard_rails.is_empty() {
        return "uncapped_total".to_string();
    }
    // LEAST skips NULLs in both dialects: a rail that does not fire adds nothing.
    let caps: Vec<String> = card
        .guard_rails
        .iter()
        .map(|rail| {
            format!(
                "CASE WHEN {} THEN {} END",
                fires(d, card, rail),
                double(rail.cap())
            )
        })
        .collect();
    format!(
        "(CASE WHEN uncapped_total IS NULL THEN NULL ELSE LEAST(uncapped_total, {}) END)",
        caps.join(", ")
    )
}

/// The grade of a row under a card's grading.
fn grade(d: Dialect, grading: &GradeScheme) -> String {
    let names = ["excellent", "good", "pass", "needs_improvement"].map(|g| d.string(g));
    let (test, limits) = match *grading {
        GradeScheme::Thresholds {
            excellent,
            good,
            pass,
        } => ("total >= ".to_string(), [excellent, good, pass].map(double)),
        // A group gets a grade when the groups strictly ahead of it fill less than that
        // grade's cumulative share of the period's ranked groups.
        GradeScheme::ForcedDistribution {
            excellent,
            good,
            pass,
        } => (
            "rank - 1 < ".to_string(),
            [excellent, excellent + good, excellent + good + pass]
                .map(|share| format!("FLOOR({} * GREATEST(ranked, 1) + 1e-9)", double(share))),
        ),
    };
    let subject = if test.starts_with("total") {
        "total"
    } else {
        "rank"
    };
    format!(
        "(CASE WHEN {subject} IS NULL THEN NULL WHEN {test}{} THEN {} WHEN {test}{} THEN {} WHEN \
         {test}{} THEN {} ELSE {} END)",
        limits[0], names[0], limits[1], names[1], limits[2], names[2], names[3]
    )
}

/// `totals`, `ranks` and `grades`.
pub(crate) fn ctes(d: Dialect, history: &ScorecardHistory) -> Vec<Cte> {
    let period = d.ident("period");
    vec![
        Cte {
            name: "totals",
            comment: "The total: the weighted mean of the dimensions that have a score (an \
                      N/A dimension's weight spread over\nthe others), then capped by every \
                      guard rail that fires."
                .to_string(),
            body: format!(
                "  SELECT *, {} AS total\n  FROM (SELECT *, {} AS uncapped_total FROM \
                 dimension_scores) AS summed",
                by_version(history, |card| Some(capped(d, card))),
                by_version(history, |card| Some(uncapped(d, card)))
            ),
        },
        Cte {
            name: "ranks",
            comment: "Competition ranks of the totals within each period (ties share the \
                      best rank: 1, 1, 3); rows without a total get none."
                .to_string(),
            body: format!(
                "  SELECT *,\n    CASE WHEN total IS NULL THEN NULL ELSE RANK() OVER \
                 (PARTITION BY {period}, total IS NULL ORDER BY total DESC) END AS rank,\n    \
                 COUNT(total) OVER (PARTITION BY {period}) AS ranked\n  FROM totals"
            ),
        },
        Cte {
            name: "grades",
            comment: "Grades of the version in force: thresholds on the total, or forced \
                      distribution over the ranks."
                .to_string(),
            body: format!(
                "  SELECT *, {} AS grade\n  FROM ranks",
                by_version(history, |card| Some(grade(d, &card.grading)))
            ),
        },
    ]
}
