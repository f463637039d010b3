//! `measures`: each metric definition as aggregates over the accepted records of a (group,
//! period), with the semantics of `metrics::compute` (population, filters, value; N/A as
//! NULL, never 0). `agent_teams` gives an agent's most frequent team.

use crate::field::{Field, FieldKind};
use crate::ingest::values::{parse_bool, parse_number};
use crate::metric_def::{Aggregate, MetricDef, Population, Source};
use crate::metrics::GroupBy;
use crate::scorecard::{ScorecardHistory, SmallSamplePolicy};

use super::dialect::{double, Dialect};
use super::source::Present;
use super::{Cte, SqlRequest};

/// The `records` column holding a field's values (later event times are kept as durations
/// from opening, as in the engine's store).
fn column(field: Field) -> &'static str {
    match field {
        Field::FirstResponseAt => "first_response_secs",
        Field::ResolvedAt => "resolution_secs",
        other => other.name(),
    }
}

/// A field's value as a number for numeric aggregates (booleans 1/0; texts have none).
fn numeric(field: Field) -> String {
    let name = column(field);
    match field.kind() {
        FieldKind::Text => "CAST(NULL AS DOUBLE)".to_string(),
        FieldKind::Bool => format!("(CASE WHEN {name} THEN 1e0 WHEN NOT {name} THEN 0e0 END)"),
        _ => format!("CAST({name} AS DOUBLE)"),
    }
}

/// Whether a record has a value of the field.
fn has_value(field: Field) -> String {
    format!("{} IS NOT NULL", column(field))
}

/// The population and filters as one condition.
fn condition(d: Dialect, def: &MetricDef) -> String {
    let mut parts = vec![match def.population {
        Population::All => "TRUE".to_string(),
        Population::Answered => "answered".to_string(),
        Population::Resolved => "resolved".to_string(),
    }];
    for filter in &def.filters {
        let items: Vec<String> = match filter.field.kind() {
            FieldKind::Text => filter.values.iter().map(|v| d.string(v)).collect(),
            FieldKind::Bool => filter
                .values
                .iter()
                .filter_map(|v| parse_bool(v.trim(), &[], &[]))
                .map(|flag| flag.to_string().to_uppercase())
                .collect(),
            _ => filter
                .values
                .iter()
                .filter_map(|v| parse_number(v.trim()))
                .map(double)
                .collect(),
        };
        let value = match filter.field.kind() {
            FieldKind::Text | FieldKind::Bool => column(filter.field).to_string(),
            _ => numeric(filter.field),
        };
        // No value the filter can match (e.g. words for a number field): nothing is kept.
        parts.push(if items.is_empty() {
            "FALSE".to_string()
        } else {
            d.is_in(&value, &items)
        });
    }
    parts.join(" AND ")
}

/// `(value, sample)` expressions of one metric, or None when it is N/A everywhere (a field
/// it needs is not in the source).
fn aggregate(d: Dialect, def: &MetricDef, present: &Present) -> Option<(String, String)> {
    let needs_field = !matches!(def.aggregate, Aggregate::Count);
    let available = def.field.is_none_or(|f| present.has(f))
        && (def.population != Population::Resolved || present.has(Field::Resolved))
        && def.filters.iter().all(|f| present.has(f.field))
        && (def.field.is_some() || !needs_field)
        && def.source == Source::Contacts;
    if !available {
        return None;
    }
    let when = condition(d, def);
    let count = |extra: &str| format!("COUNT(CASE WHEN {when}{extra} THEN 1 END)");
    let ratio =
        |top: String, bottom: String| format!("CAST({top} AS DOUBLE) / NULLIF({bottom}, 0)");
    let field = def.field;
    let known = field.map(|f| count(&format!(" AND {}", has_value(f))));
    let number = field.map(|f| format!("CASE WHEN {when} THEN {} END", numeric(f)));
    let numbers = number.as_ref().map(|n| format!("COUNT({n})"));
    Some(match (def.aggregate, field) {
        (Aggregate::Count, None) => (format!("CAST({} AS DOUBLE)", count("")), count("")),
        (Aggregate::Count, Some(_)) => {
            let known = known.expect("a field");
            (format!("CAST({known} AS DOUBLE)"), known)
        }
        (Aggregate::Rate, Some(f)) => match f.kind() {
            FieldKind::Bool => {
                let hits = count(&format!(" AND {}", column(f)));
                let known = known.expect("a field");
                (ratio(hits, known.clone()), known)
            }
            FieldKind::Count => {
                let hits = count(&format!(" AND {} > 0", column(f)));
                let known = known.expect("a field");
                (ratio(hits, known.clone()), known)
            }
            // Any other field: has a value, among the whole population.
            _ => (ratio(known.expect("a field"), count("")), count("")),
        },
        (Aggregate::Mean, Some(_)) => {
            let (number, numbers) = (number?, numbers?);
            (ratio(format!("SUM({number})"), numbers.clone()), numbers)
        }
        (Aggregate::Sum, Some(_)) => (format!("SUM({})", number?), numbers?),
        (Aggregate::Median, Some(_)) => (d.percentile(&number?, 0.5), numbers?),
        (Aggregate::Percentile { p }, Some(_)) if !p.is_nan() => (
            d.percentile(&number?, p.clamp(0.0, 100.0) / 100.0),
            numbers?,
        ),
        (Aggregate::ShareWithin { min, max }, Some(_)) => {
            let number = number?;
            let mut within = Vec::new();
            if let Some(min) = min {
                within.push(format!("({number}) >= {}", double(min)));
            }
            if let Some(max) = max {
                within.push(format!("({number}) <= {}", double(max)));
            }
            within.push(format!("({number}) IS NOT NULL"));
            let hits = format!("COUNT(CASE WHEN {} THEN 1 END)", within.join(" AND "));
            (ratio(hits, numbers.clone()?), numbers?)
        }
        _ => return None,
    })
}

/// The sample column of a metric (read by small-sample exclusion).
pub(crate) fn sample_name(metric_id: &str) -> String {
    format!("{metric_id}__sample")
}

/// Metric ids whose sample the scores need: those with a `min_sample` under a card that
/// excludes small samples.
fn samples_needed(history: &ScorecardHistory) -> Vec<String> {
    let mut ids = Vec::new();
    for version in &history.versions {
        let card = &version.scorecard;
        if card.small_sample != SmallSamplePolicy::Exclude {
            continue;
        }
        for metric in card.dimensions.iter().flat_map(|d| &d.metrics) {
            if metric.min_sample > 0 && !ids.contains(&metric.metric_id) {
                ids.push(metric.metric_id.clone());
            }
        }
    }
    ids
}

/// `agent_teams` (grouping by agent with a team column) and `measures`.
pub(crate) fn ctes(
    d: Dialect,
    defs: &[MetricDef],
    present: &Present,
    history: &ScorecardHistory,
    request: &SqlRequest,
) -> Vec<Cte> {
    let mut ctes = Vec::new();
    let with_team = request.by == GroupBy::Agent && present.has(Field::Team);
    if with_team {
        ctes.push(Cte {
            name: "agent_teams",
            comment: "Each agent's most frequent team over all records (ties: the first name)."
                .to_string(),
            body: "  SELECT agent, team FROM (\n    SELECT agent, team, ROW_NUMBER() OVER \
                   (PARTITION BY agent ORDER BY contacts DESC, team) AS place\n    FROM \
                   (SELECT agent, team, COUNT(*) AS contacts FROM records WHERE team IS NOT \
                   NULL GROUP BY agent, team) AS counted\n  ) AS ranked\n  WHERE place = 1"
                .to_string(),
        });
    }
    let team = if with_team {
        "agent_teams.team"
    } else {
        "CAST(NULL AS STRING)"
    };
    let team = team.replace("STRING", d.text_type());
    let mut select = vec![
        format!("records.group_name AS {}", d.ident("group")),
        format!("{team} AS team"),
        format!("records.period_label AS {}", d.ident("period")),
        "MIN(records.period_start) AS period_start".to_string(),
        "COUNT(*) AS records".to_string(),
    ];
    let sampled = samples_needed(history);
    for def in defs {
        let (value, sample) = aggregate(d, def, present)
            .unwrap_or_else(|| ("CAST(NULL AS DOUBLE)".to_string(), "0".to_string()));
        select.push(format!("{value} AS {}", d.ident(&def.id)));
        if sampled.contains(&def.id) {
            select.push(format!("{sample} AS {}", d.ident(&sample_name(&def.id))));
        }
    }
    let join = if with_team {
        "\n  LEFT JOIN agent_teams ON agent_teams.agent = records.agent"
    } else {
        ""
    };
    ctes.push(Cte {
        name: "measures",
        comment: "Every metric per (group, period): rates over known values, means, sums, \
                  linear-interpolation medians and\npercentiles; NULL (N/A) when the \
                  denominator is empty or a field the metric needs is not in the source."
            .to_string(),
        body: format!(
            "  SELECT\n    {}\n  FROM records{join}\n  GROUP BY records.group_name, \
             records.period_label{}",
            select.join(",\n    "),
            if with_team { ", agent_teams.team" } else { "" }
        ),
    });
    ctes
}
