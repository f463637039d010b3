//! The readers in SQL: which source columns make each field, trimming and missing markers
//! (`trimmed`, `cells`) and value parsing (`parts`, `parsed`); the accepted rows follow in
//! [`super::records`].

use crate::demo::COLUMNS;
use crate::field::{Field, FieldKind};
use crate::ingest::values::DEFAULT_MISSING;
use crate::ingest::Mapping;

use super::dialect::Dialect;
use super::records::records;
use super::values::{boolean, datetime_pieces, datetime_secs, number, seconds, DATETIME, DURATION};
use super::{Cte, SqlError, SqlRequest};

/// Unicode white space as `str::trim` knows it: ASCII controls, NEL and the separators.
const BLANK: &str = r"[\t\n\x0B\f\r\x{85}\p{Z}]";
/// The fields the `records` CTE has: mapped ones and those derived from them.
pub(crate) struct Present(Vec<Field>);

impl Present {
    pub fn has(&self, field: Field) -> bool {
        field == Field::Answered || self.0.contains(&field)
    }
}

/// The source columns of each mapped field, in canonical order.
fn mapped_columns(mapping: Option<&Mapping>) -> Result<Vec<(Field, Vec<String>)>, SqlError> {
    let Some(mapping) = mapping.filter(|m| !m.columns.is_empty()) else {
        return Ok(COLUMNS
            .iter()
            .map(|field| (*field, vec![field.name().to_string()]))
            .collect());
    };
    if mapping.datetime_format.is_some() {
        return Err(SqlError::Unsupported(
            "the mapping's datetime_format (the SQL reads the common date-time shapes only, \
             e.g. 2021-01-31 09:05:00 or 31/01/2021 09:05): remove it, or convert the \
             column to one of those shapes in the warehouse"
                .to_string(),
        ));
    }
    let mut columns = Vec::new();
    for field in Field::MAPPABLE {
        if let Some(spec) = mapping.columns.get(&field) {
            if spec.headers().is_empty() {
                return Err(SqlError::Invalid(format!(
                    "bad mapping: {} is mapped to an empty list of headers",
                    field.name()
                )));
            }
            columns.push((field, spec.headers().to_vec()));
        }
    }
    if mapping.columns.contains_key(&Field::ResolutionSecs) {
        return Err(SqlError::Invalid(
            "bad mapping: resolution_secs is derived from resolved_at and cannot be mapped".into(),
        ));
    }
    for required in [Field::Agent, Field::OpenedAt] {
        if !columns.iter().any(|(field, _)| *field == required) {
            return Err(SqlError::Invalid(format!(
                "the mapping has no column for required field {}",
                required.name()
            )));
        }
    }
    Ok(columns)
}

/// The reader CTEs and the fields `records` has.
pub(crate) fn ctes(
    d: Dialect,
    table: &str,
    mapping: Option<&Mapping>,
    request: &SqlRequest,
) -> Result<(Vec<Cte>, Present), SqlError> {
    let columns = mapped_columns(mapping)?;
    let default = Mapping::default();
    let mapping = mapping.unwrap_or(&default);
    let mapped = |field: Field| columns.iter().any(|(f, _)| *f == field);
    let mut present: Vec<Field> = columns.iter().map(|(f, _)| *f).collect();
    if mapped(Field::FirstResponseAt) {
        present.push(Field::FirstResponseSecs);
    }
    if mapped(Field::ResolvedAt) {
        present.extend([Field::Resolved, Field::ResolutionSecs]);
    }
    let ctes = vec![
        trimmed(d, table, &columns),
        cells(d, &columns, mapping),
        parts(d, &columns),
        parsed(d, &columns, mapping),
        records(d, &columns, request.by, request.period),
    ];
    Ok((ctes, Present(present)))
}

/// `trimmed`: each source cell as text, trimmed as `str::trim` trims.
fn trimmed(d: Dialect, table: &str, columns: &[(Field, Vec<String>)]) -> Cte {
    let edge = format!("^{BLANK}|{BLANK}$");
    let core = format!("(?s)^{BLANK}*(.*?){BLANK}*$");
    let (mut raw, mut select) = (Vec::new(), Vec::new());
    for (field, headers) in columns {
        for (part, header) in headers.iter().enumerate() {
            let name = part_name(*field, part);
            raw.push(format!(
                "COALESCE(CAST({} AS {}), '') AS {name}",
                d.ident(header),
                d.text_type()
            ));
            // Most cells have no blank at either end: test that first, it is much cheaper.
            select.push(format!(
                "CASE WHEN {} THEN {} ELSE {name} END AS {name}",
                d.matches(&name, &edge),
                d.extract(&name, &core, 1)
            ));
        }
    }
    Cte {
        name: "trimmed",
        comment: "Every mapped source column as text, without surrounding white space.".to_string(),
        body: format!(
            "  SELECT\n    {}\n  FROM (SELECT\n    {}\n  FROM {table}) AS raw",
            select.join(",\n    "),
            raw.join(",\n    ")
        ),
    }
}

fn part_name(field: Field, part: usize) -> String {
    format!("{}_{part}", field.name())
}

/// `cells`: one text per field, NULL when missing; several headers joined by spaces.
fn cells(d: Dialect, columns: &[(Field, Vec<String>)], mapping: &Mapping) -> Cte {
    let mut markers: Vec<String> = DEFAULT_MISSING
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .collect();
    markers.extend(
        mapping
            .missing
            .iter()
            .map(|m| m.trim().to_ascii_lowercase()),
    );
    let markers: Vec<String> = markers.iter().map(|m| d.string(m)).collect();
    let present = |text: &str| {
        format!(
            "CASE WHEN {} THEN NULL ELSE {text} END",
            d.is_in(&format!("lower({text})"), &markers)
        )
    };
    let select: Vec<String> = columns
        .iter()
        .map(|(field, headers)| {
            let text = if headers.len() == 1 {
                present(&part_name(*field, 0))
            } else {
                let parts: Vec<String> = (0..headers.len())
                    .map(|part| present(&part_name(*field, part)))
                    .collect();
                present(&format!("concat_ws(' ', {})", parts.join(", ")))
            };
            format!("{text} AS {}_text", field.name())
        })
        .collect();
    Cte {
        name: "cells",
        comment: "One text per field, NULL when missing (\"\", NA, N/A, null, - and the \
                  mapping's own markers,\nany case); a field read from several columns joins \
                  their present texts with single spaces."
            .to_string(),
        body: format!("  SELECT\n    {}\n  FROM trimmed", select.join(",\n    ")),
    }
}

/// `parts`: the pieces of durations and date-times, cut out by their patterns.
fn parts(d: Dialect, columns: &[(Field, Vec<String>)]) -> Cte {
    let (mut inner, mut select) = (vec!["*".to_string()], vec!["*".to_string()]);
    for (field, _) in columns {
        let name = field.name();
        let text = format!("{name}_text");
        let (pattern, groups) = match field.kind() {
            FieldKind::Seconds => (DURATION, 3),
            FieldKind::DateTime => (DATETIME, 8),
            _ => continue,
        };
        // Group k's text: a field of one struct of all groups, or its own extraction.
        let group = |g: u32| match d.extract_groups(&text, pattern, groups) {
            Some(_) => format!("{name}_groups.g{g}"),
            None => format!("{name}_g{g}"),
        };
        match d.extract_groups(&text, pattern, groups) {
            Some(all) => inner.push(format!("{all} AS {name}_groups")),
            None => inner.extend(
                (1..=groups).map(|g| format!("{} AS {name}_g{g}", d.extract(&text, pattern, g))),
            ),
        }
        if field.kind() == FieldKind::DateTime {
            select.extend(datetime_pieces(name, group));
        } else {
            select.extend((1..=groups).map(|g| format!("{} AS {name}_{g}", group(g))));
        }
    }
    Cte {
        name: "parts",
        comment: "Durations (mm:ss, h:mm:ss) cut into their numbers ('' where absent), and \
                  date-times into year, month,\nday, hour, minute and second (NULL where \
                  absent)."
            .to_string(),
        body: format!(
            "  SELECT\n    {}\n  FROM (SELECT\n    {}\n  FROM cells) AS matched",
            select.join(",\n    "),
            inner.join(",\n    ")
        ),
    }
}

/// `parsed`: typed values; NULL where the text is missing or does not read.
fn parsed(d: Dialect, columns: &[(Field, Vec<String>)], mapping: &Mapping) -> Cte {
    let mut select = Vec::new();
    for (field, _) in columns {
        let name = field.name();
        let text = format!("{name}_text");
        select.push(text.clone());
        let value = match field.kind() {
            FieldKind::Text => continue,
            FieldKind::Bool => boolean(d, &text, mapping),
            FieldKind::Seconds => seconds(d, name),
            FieldKind::Count | FieldKind::Rating => number(d, &text),
            FieldKind::DateTime => datetime_secs(d, name),
        };
        select.push(format!("{value} AS {name}"));
    }
    Cte {
        name: "parsed",
        comment: "Typed values: booleans from Y/N, yes/no, true/false, 1/0, 是/否 and the \
                  mapping's words; durations in seconds;\ndate-times as seconds since \
                  1970-01-01 of the wall time as written (offsets ignored)."
            .to_string(),
        body: format!("  SELECT\n    {}\n  FROM parts", select.join(",\n    ")),
    }
}
