//! `records`: the rows the readers accept, with their derived fields, group and period.
//!
//! A row is dropped where the readers reject it: no agent (or an Excel error value such as
//! `#N/A`), no readable `opened_at`, or any mapped value that is present but does not read
//! (a boolean that is no yes/no spelling, a negative duration, a CSAT outside 1-5, a
//! `resolved_at` before `opened_at`...). Each such check is one condition of the filter,
//! `<field>_text IS NULL OR <parsed value is good>`.

use crate::field::Field;
use crate::metrics::{GroupBy, NO_TEAM_GROUP};
use crate::period::PeriodKind;

use super::dialect::Dialect;
use super::Cte;

const EXCEL_ERRORS: [&str; 9] = [
    "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!",
];

/// `records`: the accepted rows, with derived fields, group and period.
pub(crate) fn records(
    d: Dialect,
    columns: &[(Field, Vec<String>)],
    by: GroupBy,
    period: PeriodKind,
) -> Cte {
    let mapped = |field: Field| columns.iter().any(|(f, _)| *f == field);
    let f32_secs = |value: &str| format!("CAST(CAST({value} AS FLOAT) AS DOUBLE)");
    let mut select = vec!["agent_text AS agent".to_string()];
    let mut accept = vec![
        "agent_text IS NOT NULL".to_string(),
        format!(
            "NOT {}",
            d.is_in("agent_text", &EXCEL_ERRORS.map(|e| d.string(e)))
        ),
        "opened_at IS NOT NULL".to_string(),
    ];
    for (field, _) in columns {
        let name = field.name();
        let text = format!("{name}_text");
        match field {
            Field::Agent | Field::OpenedAt | Field::FirstResponseAt | Field::ResolvedAt => {}
            Field::Id | Field::Team | Field::Channel | Field::Topic => {
                select.push(format!("{text} AS {name}"));
            }
            Field::Answered | Field::FirstContactResolved | Field::Complaint | Field::SlaMet => {
                accept.push(format!("({text} IS NULL OR {name} IS NOT NULL)"));
                if *field != Field::Answered {
                    select.push(name.to_string());
                }
            }
            Field::Resolved => accept.push(format!("({text} IS NULL OR {name} IS NOT NULL)")),
            Field::FirstResponseSecs | Field::HandleSecs => {
                accept.push(format!("({text} IS NULL OR {name} >= 0e0)"));
                if *field == Field::HandleSecs {
                    select.push(format!("{} AS {name}", f32_secs(name)));
                }
            }
            Field::ReopenCount | Field::ReassignCount => {
                accept.push(format!(
                    "({text} IS NULL OR ({name} >= 0e0 AND {name} % 1e0 = 0e0))"
                ));
                // Counts are stored in 16 bits: larger ones saturate.
                select.push(format!(
                    "(CASE WHEN {name} > 65534e0 THEN 65534e0 ELSE {name} END) AS {name}"
                ));
            }
            Field::Csat => {
                accept.push(format!(
                    "({text} IS NULL OR ({name} BETWEEN 1e0 AND 5e0 AND {name} % 1e0 = 0e0))"
                ));
                select.push(name.to_string());
            }
            Field::ResolutionSecs => {}
        }
    }
    select.push("opened_at".to_string());
    select.push(format!(
        "{} AS answered",
        if mapped(Field::Answered) {
            "COALESCE(answered, TRUE)"
        } else {
            "TRUE"
        }
    ));
    // First response: its own column, else first_response_at - opened_at (read only then).
    let from_at = "CAST(first_response_at - opened_at AS DOUBLE)";
    match (
        mapped(Field::FirstResponseSecs),
        mapped(Field::FirstResponseAt),
    ) {
        (true, true) => {
            select.push(format!(
                "{} AS first_response_secs",
                f32_secs(&format!("COALESCE(first_response_secs, {from_at})"))
            ));
            accept.push(
                "(first_response_secs IS NOT NULL OR first_response_at_text IS NULL OR \
                 first_response_at >= opened_at)"
                    .to_string(),
            );
        }
        (true, false) => select.push(format!(
            "{} AS first_response_secs",
            f32_secs("first_response_secs")
        )),
        (false, true) => {
            select.push(format!("{} AS first_response_secs", f32_secs(from_at)));
            accept.push(
                "(first_response_at_text IS NULL OR first_response_at >= opened_at)".to_string(),
            );
        }
        (false, false) => {}
    }
    if mapped(Field::ResolvedAt) {
        accept.push("(resolved_at_text IS NULL OR resolved_at >= opened_at)".to_string());
        select.push(format!(
            "{} AS resolution_secs",
            f32_secs("CAST(resolved_at - opened_at AS DOUBLE)")
        ));
    }
    // A resolution time says resolved; without a resolved column, none says not resolved.
    match (mapped(Field::Resolved), mapped(Field::ResolvedAt)) {
        (true, true) => select.push(
            "COALESCE(resolved, CASE WHEN resolved_at IS NOT NULL THEN TRUE END) AS resolved"
                .to_string(),
        ),
        (true, false) => select.push("resolved".to_string()),
        (false, true) => select.push("(resolved_at IS NOT NULL) AS resolved".to_string()),
        (false, false) => {}
    }
    select.push(format!(
        "{} AS group_name",
        group_expr(d, by, mapped(Field::Team))
    ));
    // The day of the stored time, not of the text: a leap second 23:59:60 is the next day.
    let day = d.epoch_date("floor(opened_at / 86400e0)");
    select.push(format!("{} AS period_label", period_label(d, period, &day)));
    select.push(format!("{} AS period_start", period_start(d, period, &day)));
    Cte {
        name: "records",
        comment: "The records the readers accept (each condition below is one reason they \
                  reject a row), with derived fields:\nanswered defaults to true, first \
                  response may come from first_response_at, resolution time is resolved_at - \
                  opened_at;\ndurations are stored as 32-bit floats, as the engine stores them."
            .to_string(),
        body: format!(
            "  SELECT\n    {}\n  FROM parsed\n  WHERE {}",
            select.join(",\n    "),
            accept.join("\n    AND ")
        ),
    }
}

fn group_expr(d: Dialect, by: GroupBy, has_team: bool) -> String {
    match by {
        GroupBy::Agent => "agent_text".to_string(),
        GroupBy::Team if has_team => format!("COALESCE(team_text, {})", d.string(NO_TEAM_GROUP)),
        GroupBy::Team => d.string(NO_TEAM_GROUP),
        GroupBy::All => d.string("all"),
    }
}

/// The engine's period labels: `all`, `2021-01-31`, `2021-W05`, `2021-01`, `2021-Q1`.
fn period_label(d: Dialect, period: PeriodKind, day: &str) -> String {
    match period {
        PeriodKind::All => d.string("all"),
        PeriodKind::Day => {
            format!("printf('%04d-%02d-%02d', year({day}), month({day}), day({day}))")
        }
        PeriodKind::Week => format!(
            "printf('%04d-W%02d', {}, {})",
            d.iso_year(day),
            d.iso_week(day)
        ),
        PeriodKind::Month => format!("printf('%04d-%02d', year({day}), month({day}))"),
        PeriodKind::Quarter => format!("printf('%04d-Q%d', year({day}), quarter({day}))"),
    }
}

/// The first day of the period (NULL for `all`), which picks the scorecard version.
fn period_start(d: Dialect, period: PeriodKind, day: &str) -> String {
    match period {
        PeriodKind::All => "CAST(NULL AS DATE)".to_string(),
        PeriodKind::Day => day.to_string(),
        PeriodKind::Week => d.monday_of(day),
        PeriodKind::Month => format!("make_date(year({day}), month({day}), 1)"),
        PeriodKind::Quarter => {
            format!("make_date(year({day}), (quarter({day}) - 1) * 3 + 1, 1)")
        }
    }
}
