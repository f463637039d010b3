//! The standard contact metrics, as plain [`MetricDef`]s in their public order.

use crate::field::Field;
use crate::metric_def::{Aggregate, Direction, MetricDef, Population, Source, Unit};

/// The public ids of the standard metrics, in order.
pub const STANDARD_IDS: [&str; 17] = [
    "contacts",
    "answered_rate",
    "resolved_rate",
    "fcr_rate",
    "first_response_secs_mean",
    "first_response_secs_median",
    "first_response_secs_p90",
    "handle_secs_mean",
    "resolution_secs_mean",
    "resolution_secs_median",
    "csat_mean",
    "csat_top2_rate",
    "csat_rated_rate",
    "complaint_rate",
    "reopen_rate",
    "reassign_rate",
    "sla_met_rate",
];

fn def(
    id: &str,
    label: &str,
    aggregate: Aggregate,
    field: Option<Field>,
    population: Population,
    unit: Unit,
    direction: Direction,
) -> MetricDef {
    MetricDef {
        id: id.to_string(),
        label: label.to_string(),
        source: Source::Contacts,
        aggregate,
        field,
        population,
        filters: Vec::new(),
        unit,
        direction,
    }
}

/// The standard metrics. Notes on the less obvious ones:
/// - `answered_rate` is a rate of the `answered` field over all records (missing = true);
/// - `csat_rated_rate` (rated / answered) is [`Aggregate::Rate`] over `csat`: a rate over a
///   field that is neither boolean nor a count is the share of the population that has a
///   value (see [`crate::metrics`]);
/// - `csat_top2_rate` is the share of ratings within 4..=5 among rated records;
/// - `reopen_rate` and `reassign_rate` are rates over counts: the share above zero.
pub fn definitions() -> Vec<MetricDef> {
    use Aggregate::{Count, Mean, Median, Percentile, Rate};
    use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};
    use Population::{All, Answered, Resolved};
    vec![
        def(
            "contacts",
            "Contacts",
            Count,
            None,
            All,
            Unit::Count,
            Higher,
        ),
        def(
            "answered_rate",
            "Answered rate",
            Rate,
            Some(Field::Answered),
            All,
            Unit::Ratio,
            Higher,
        ),
        def(
            "resolved_rate",
            "Resolved rate",
            Rate,
            Some(Field::Resolved),
            Answered,
            Unit::Ratio,
            Higher,
        ),
        def(
            "fcr_rate",
            "First-contact resolution rate",
            Rate,
            Some(Field::FirstContactResolved),
            Answered,
            Unit::Ratio,
            Higher,
        ),
        def(
            "first_response_secs_mean",
            "First response, mean",
            Mean,
            Some(Field::FirstResponseSecs),
            Answered,
            Unit::Seconds,
            Lower,
        ),
        def(
            "first_response_secs_median",
            "First response, median",
            Median,
            Some(Field::FirstResponseSecs),
            Answered,
            Unit::Seconds,
            Lower,
        ),
        def(
            "first_response_secs_p90",
            "First response, 90th percentile",
            Percentile { p: 90.0 },
            Some(Field::FirstResponseSecs),
            Answered,
            Unit::Seconds,
            Lower,
        ),
        def(
            "handle_secs_mean",
            "Handling time, mean",
            Mean,
            Some(Field::HandleSecs),
            Answered,
            Unit::Seconds,
            Lower,
        ),
        def(
            "resolution_secs_mean",
            "Resolution time, mean",
            Mean,
            Some(Field::ResolutionSecs),
            Resolved,
            Unit::Seconds,
            Lower,
        ),
        def(
            "resolution_secs_median",
            "Resolution time, median",
            Median,
            Some(Field::ResolutionSecs),
            Resolved,
            Unit::Seconds,
            Lower,
        ),
        def(
            "csat_mean",
            "CSAT, mean",
            Mean,
            Some(Field::Csat),
            All,
            Unit::Rating,
            Higher,
        ),
        def(
            "csat_top2_rate",
            "CSAT 4-5 share",
            Aggregate::ShareWithin {
                min: Some(4.0),
                max: Some(5.0),
            },
            Some(Field::Csat),
            All,
            Unit::Ratio,
            Higher,
        ),
        def(
            "csat_rated_rate",
            "Rated share",
            Rate,
            Some(Field::Csat),
            Answered,
            Unit::Ratio,
            Higher,
        ),
        def(
            "complaint_rate",
            "Complaint rate",
            Rate,
            Some(Field::Complaint),
            Answered,
            Unit::Ratio,
            Lower,
        ),
        def(
            "reopen_rate",
            "Reopen rate",
            Rate,
            Some(Field::ReopenCount),
            Resolved,
            Unit::Ratio,
            Lower,
        ),
        def(
            "reassign_rate",
            "Reassign rate",
            Rate,
            Some(Field::ReassignCount),
            All,
            Unit::Ratio,
            Lower,
        ),
        def(
            "sla_met_rate",
            "SLA met rate",
            Rate,
            Some(Field::SlaMet),
            All,
            Unit::Ratio,
            Higher,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_follow_the_public_order_and_round_trip() {
        let defs = definitions();
        let ids: Vec<&str> = defs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, STANDARD_IDS);
        for def in &defs {
            assert_eq!(
                def.field.is_none(),
                def.aggregate == Aggregate::Count,
                "{}",
                def.id
            );
            let json = serde_json::to_string(def).unwrap();
            assert_eq!(&serde_json::from_str::<MetricDef>(&json).unwrap(), def);
        }
    }
}
