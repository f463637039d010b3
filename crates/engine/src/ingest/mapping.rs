//! How a file's headers map to canonical fields, and how its values are spelled.
//!
//! ```json
//! {"columns": {"agent": "Agent", "opened_at": ["Date", "Time"]},
//!  "datetime_format": "%d/%m/%Y %H:%M", "missing": ["?"],
//!  "true_values": ["ok"], "false_values": ["ko"], "delimiter": ";"}
//! ```
//! Every key is optional. Without `columns` (or without a mapping at all), headers that are
//! canonical field names (`agent`, `opened_at`, ... compared without regard to case or
//! surrounding spaces) map to themselves. A list of headers is joined with single spaces,
//! e.g. a date column and a time column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field::Field;

use super::values::DateTimeFormat;
use super::IngestError;

/// One header, or several joined by a single space.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ColumnSpec {
    Header(String),
    Joined(Vec<String>),
}

impl ColumnSpec {
    pub fn headers(&self) -> &[String] {
        match self {
            ColumnSpec::Header(header) => std::slice::from_ref(header),
            ColumnSpec::Joined(headers) => headers,
        }
    }
}

/// A file's mapping (serde). See the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub columns: BTreeMap<Field, ColumnSpec>,
    /// chrono strftime syntax; `None` reads the common shapes (see
    /// [`super::values::parse_datetime_auto`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datetime_format: Option<String>,
    /// Extra missing markers, on top of "", NA, N/A, null and -.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub true_values: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub false_values: Vec<String>,
    /// CSV only; sniffed from the header line when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
}

impl Mapping {
    /// Parses a mapping file.
    pub fn from_json(text: &str) -> Result<Mapping, IngestError> {
        serde_json::from_str(text).map_err(|error| IngestError::BadMapping(error.to_string()))
    }
}

/// A mapping resolved against one file's headers: for each mapped field, the column
/// indices whose texts make its value.
#[derive(Clone, Debug)]
pub struct ResolvedMapping {
    pub columns: Vec<(Field, Vec<usize>)>,
    pub datetime_format: Option<DateTimeFormat>,
    pub missing: Vec<String>,
    pub true_values: Vec<String>,
    pub false_values: Vec<String>,
}

impl ResolvedMapping {
    /// Ties the mapping to `headers`. Errors name the header that is not in the file, or the
    /// required field that is not mapped.
    pub fn resolve(mapping: Option<&Mapping>, headers: &[String]) -> Result<Self, IngestError> {
        let default = Mapping::default();
        let mapping = mapping.unwrap_or(&default);
        let mut columns = Vec::new();
        if mapping.columns.is_empty() {
            for field in Field::MAPPABLE {
                if let Some(index) = find_header(headers, field.name()) {
                    columns.push((field, vec![unique(headers, index)?]));
                }
            }
        } else {
            for (&field, spec) in &mapping.columns {
                if field == Field::ResolutionSecs {
                    return Err(IngestError::BadMapping(
                        "resolution_secs is derived from resolved_at and cannot be mapped".into(),
                    ));
                }
                if spec.headers().is_empty() {
                    return Err(IngestError::BadMapping(format!(
                        "{} is mapped to an empty list of headers",
                        field.name()
                    )));
                }
                let indices = spec
                    .headers()
                    .iter()
                    .map(|header| {
                        let index = find_header(headers, header)
                            .ok_or_else(|| IngestError::MissingHeader(header.clone()))?;
                        unique(headers, index)
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                columns.push((field, indices));
            }
        }
        for required in [Field::Agent, Field::OpenedAt] {
            if !columns.iter().any(|(field, _)| *field == required) {
                return Err(IngestError::UnmappedField(required.name().to_string()));
            }
        }
        let datetime_format = mapping
            .datetime_format
            .as_deref()
            .map(DateTimeFormat::new)
            .transpose()
            .map_err(IngestError::BadMapping)?;
        Ok(ResolvedMapping {
            columns,
            datetime_format,
            missing: mapping.missing.clone(),
            true_values: mapping.true_values.clone(),
            false_values: mapping.false_values.clone(),
        })
    }

    pub fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|(mapped, _)| *mapped == field)
    }
}

/// `index`, unless another column has the same header: which one to read would be a guess.
fn unique(headers: &[String], index: usize) -> Result<usize, IngestError> {
    let name = headers[index].trim();
    match (0..headers.len())
        .find(|&other| other != index && headers[other].trim().eq_ignore_ascii_case(name))
    {
        None => Ok(index),
        Some(other) => Err(IngestError::BadFile(format!(
            "the header row (row 1) has column \"{name}\" twice (columns {} and {}): rename \
             one so it is clear which to read",
            index.min(other) + 1,
            index.max(other) + 1
        ))),
    }
}

/// Exact match first, then trimmed and ASCII case-insensitive.
fn find_header(headers: &[String], wanted: &str) -> Option<usize> {
    headers
        .iter()
        .position(|header| header == wanted)
        .or_else(|| {
            let wanted = wanted.trim();
            headers
                .iter()
                .position(|header| header.trim().eq_ignore_ascii_case(wanted))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn all_keys_are_optional() {
        let mapping = Mapping::from_json("{}").unwrap();
        assert_eq!(mapping, Mapping::default());
        let resolved =
            ResolvedMapping::resolve(Some(&mapping), &headers(&["Agent ", "opened_at", "CSAT"]))
                .unwrap();
        assert_eq!(
            resolved.columns,
            vec![
                (Field::Agent, vec![0]),
                (Field::OpenedAt, vec![1]),
                (Field::Csat, vec![2])
            ]
        );
    }

    #[test]
    fn two_headers_join_into_one_field() {
        let mapping = Mapping::from_json(
            r#"{"columns": {"agent": "Agent", "opened_at": ["Date", "Time"]},
                "missing": ["?"], "datetime_format": "%d/%m/%Y %H:%M"}"#,
        )
        .unwrap();
        assert_eq!(
            mapping.columns[&Field::OpenedAt],
            ColumnSpec::Joined(vec!["Date".into(), "Time".into()])
        );
        let resolved =
            ResolvedMapping::resolve(Some(&mapping), &headers(&["Time", "Agent", "Date"])).unwrap();
        assert_eq!(resolved.columns[1], (Field::OpenedAt, vec![2, 0]));
        assert_eq!(resolved.missing, ["?"]);
        assert!(resolved.datetime_format.is_some());
    }

    #[test]
    fn mapping_errors_name_the_header_or_field() {
        let mapping =
            Mapping::from_json(r#"{"columns": {"agent": "Agent", "opened_at": "When"}}"#).unwrap();
        let error =
            ResolvedMapping::resolve(Some(&mapping), &headers(&["Agent", "Date"])).unwrap_err();
        assert_eq!(error, IngestError::MissingHeader("When".into()));
        assert!(error.to_string().contains("\"When\""));
        let error = ResolvedMapping::resolve(None, &headers(&["agent", "date"])).unwrap_err();
        assert_eq!(error, IngestError::UnmappedField("opened_at".into()));
        assert!(Mapping::from_json(r#"{"columns": {"nope": "X"}}"#).is_err());
        assert!(
            Mapping::from_json(r#"{"colums": {}}"#).is_err(),
            "typos are refused"
        );
    }
}
