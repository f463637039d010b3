//! The data-quality report of an import, built before anything is applied: bad imports
//! distort every score, so the user sees what was rejected and why, what would be skipped
//! as a duplicate or would replace an earlier record, how many values are missing, and
//! which durations are implausibly long.
//!
//! Outliers follow Tukey's far-out rule: a duration above `Q3 + 3 × IQR` of its field
//! (quartiles by linear interpolation, as [`crate::stats`]). They are reported, never
//! dropped: a four-hour call may be real.

use serde::{Deserialize, Serialize};

use crate::field::Field;
use crate::records::dedupe::{classify_import, ImportClass};
use crate::records::keys::record_key;
use crate::records::{RecordStore, NO_COUNT, NO_TEXT, TRI_UNKNOWN};
use crate::stats::percentile;

use super::preview::shown_fields;
use super::{IngestResult, RejectKind};

/// Examples kept per kind of issue.
pub const EXAMPLES_PER_KIND: usize = 20;

/// The outlier rule, as the report names it.
pub const OUTLIER_RULE: &str =
    "Tukey's far-out rule: a duration above Q3 + 3 × IQR (interquartile range) of its field";

/// Duration fields checked for outliers.
const DURATION_FIELDS: [Field; 3] = [
    Field::FirstResponseSecs,
    Field::HandleSecs,
    Field::ResolutionSecs,
];

/// A kind of problem the report counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Rejected: a value that cannot be read (text in a number column, a bad date).
    Unreadable,
    /// Rejected: a value that cannot be true (negative duration, resolved before opened,
    /// CSAT outside 1 to 5).
    Impossible,
    /// Rejected: a wrong number of cells, or a row that is not a flat record.
    WrongCells,
    /// Rejected: no agent or no opened_at.
    MissingRequired,
    /// Accepted, but the same key appeared earlier in this file: skipped on import.
    DuplicateInFile,
    /// Accepted, but already imported with the same values: skipped on import.
    DuplicateOfExisting,
    /// Accepted; same id as an imported record with other values: replaces it.
    Updated,
    /// Accepted; a duration above the far-out fence.
    Outlier,
}

impl IssueKind {
    pub fn name(self) -> &'static str {
        match self {
            IssueKind::Unreadable => "unreadable",
            IssueKind::Impossible => "impossible",
            IssueKind::WrongCells => "wrong_cells",
            IssueKind::MissingRequired => "missing_required",
            IssueKind::DuplicateInFile => "duplicate_in_file",
            IssueKind::DuplicateOfExisting => "duplicate_of_existing",
            IssueKind::Updated => "updated",
            IssueKind::Outlier => "outlier",
        }
    }

    fn of_rejection(kind: RejectKind) -> IssueKind {
        match kind {
            RejectKind::Unreadable => IssueKind::Unreadable,
            RejectKind::Impossible => IssueKind::Impossible,
            RejectKind::Malformed => IssueKind::WrongCells,
            RejectKind::MissingRequired => IssueKind::MissingRequired,
        }
    }
}

/// One example of an issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Spreadsheet row (header = 1); JSON: position in the array.
    pub row: usize,
    /// The canonical field, `columns` for the row as a whole, `key` for duplicates.
    pub field: String,
    /// The cell's text (shortened), the record key for duplicates, when known.
    pub value: Option<String>,
    pub reason: String,
}

/// How often one kind of issue occurred, with the first examples in row order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueGroup {
    pub kind: IssueKind,
    pub count: usize,
    pub examples: Vec<Issue>,
}

/// Missing values of one field among the accepted records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissingValues {
    pub field: Field,
    pub missing: usize,
    /// `missing` over accepted records, 0 to 1.
    pub share: f64,
}

/// The far-out fence of one duration field and how many values lie above it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutlierFence {
    pub field: Field,
    /// Values the quartiles were computed from.
    pub values: usize,
    pub q1: f64,
    pub q3: f64,
    /// `q3 + 3 × (q3 - q1)`, seconds.
    pub upper_fence: f64,
    pub count: usize,
}

/// What an import would bring in. See the module documentation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    pub rows_read: usize,
    pub accepted: usize,
    pub rejected: usize,
    /// Every kind that occurred, in [`IssueKind`] order.
    pub groups: Vec<IssueGroup>,
    /// Per field the file provides (all but `answered`, whose missing value reads as
    /// answered), in canonical order.
    pub missing: Vec<MissingValues>,
    /// [`OUTLIER_RULE`].
    pub outlier_rule: String,
    /// Per duration field the file provides with at least four values.
    pub outliers: Vec<OutlierFence>,
    /// File-level remarks in plain English (e.g. the file has no data rows).
    pub notes: Vec<String>,
}

impl QualityReport {
    /// How many issues of `kind` there were.
    pub fn count(&self, kind: IssueKind) -> usize {
        self.group(kind).map_or(0, |group| group.count)
    }

    pub fn group(&self, kind: IssueKind) -> Option<&IssueGroup> {
        self.groups.iter().find(|group| group.kind == kind)
    }

    /// The examples as CSV (`kind,row,field,value,reason`) for download. A cell starting
    /// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, so a
    /// spreadsheet never runs a value from the imported file as a formula.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let write = |writer: &mut csv::Writer<Vec<u8>>, cells: [&str; 5]| {
            let cells = cells.map(defuse_formula);
            writer.write_record(&cells).expect("writing to memory");
        };
        write(&mut writer, ["kind", "row", "field", "value", "reason"]);
        for group in &self.groups {
            for issue in &group.examples {
                write(
                    &mut writer,
                    [
                        group.kind.name(),
                        &issue.row.to_string(),
                        &issue.field,
                        issue.value.as_deref().unwrap_or(""),
                        &issue.reason,
                    ],
                );
            }
        }
        let bytes = writer.into_inner().expect("writing to memory");
        String::from_utf8(bytes).expect("the cells are UTF-8")
    }
}

/// `cell`, with an apostrophe in front when a spreadsheet would read it as a formula.
fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The report for `result` (one file as read), against the records already imported.
pub fn quality_report(result: &IngestResult, existing: Option<&RecordStore>) -> QualityReport {
    let store = &result.store;
    let rows = accepted_rows(result);
    let mut groups = Groups::default();
    for rejected in &result.rejected {
        groups.add(IssueKind::of_rejection(rejected.kind), || Issue {
            row: rejected.row,
            field: rejected.field.clone(),
            value: rejected.value.clone(),
            reason: rejected.reason.clone(),
        });
    }
    duplicates(store, existing, &rows, &mut groups);
    let outliers = outliers(store, &rows, &mut groups);
    let mut notes = Vec::new();
    if result.rows_read == 0 {
        notes.push("the file has no data rows".to_string());
    } else if store.is_empty() {
        notes.push(format!(
            "none of the {} data rows could be read: check the mapping and the first rejected rows",
            result.rows_read
        ));
    }
    QualityReport {
        rows_read: result.rows_read,
        accepted: store.len(),
        rejected: result.rejected.len(),
        groups: groups.finish(),
        missing: missing_values(store),
        outlier_rule: OUTLIER_RULE.to_string(),
        outliers,
        notes,
    }
}

/// Issues by kind: counts and the first examples.
#[derive(Default)]
struct Groups(Vec<IssueGroup>);

impl Groups {
    /// Counts one issue; builds its example only while fewer than the limit are kept.
    fn add(&mut self, kind: IssueKind, issue: impl FnOnce() -> Issue) {
        let index = match self.0.iter().position(|group| group.kind == kind) {
            Some(index) => index,
            None => {
                self.0.push(IssueGroup {
                    kind,
                    count: 0,
                    examples: Vec::new(),
                });
                self.0.len() - 1
            }
        };
        let group = &mut self.0[index];
        group.count += 1;
        if group.examples.len() < EXAMPLES_PER_KIND {
            group.examples.push(issue());
        }
    }

    fn finish(mut self) -> Vec<IssueGroup> {
        self.0.sort_by_key(|group| group.kind);
        for group in &mut self.0 {
            group.examples.sort_by_key(|issue| issue.row);
        }
        self.0
    }
}

/// The file row of each accepted record: the rows read, in order, less the rejected ones.
fn accepted_rows(result: &IngestResult) -> Vec<usize> {
    let first = match result.first_row {
        0 => 2,
        first => first,
    };
    let mut rejected = result.rejected.iter().map(|r| r.row).peekable();
    (first..first + result.rows_read)
        .filter(|&row| {
            while rejected.next_if(|&r| r < row).is_some() {}
            rejected.next_if_eq(&row).is_none()
        })
        .collect()
}

fn duplicates(
    store: &RecordStore,
    existing: Option<&RecordStore>,
    rows: &[usize],
    groups: &mut Groups,
) {
    for (index, class) in classify_import(existing, store).into_iter().enumerate() {
        let (kind, reason) = match class {
            ImportClass::New => continue,
            ImportClass::DuplicateInFile { first } => (
                IssueKind::DuplicateInFile,
                format!(
                    "same record key as row {}: only the first is imported",
                    rows[first]
                ),
            ),
            ImportClass::Duplicate { .. } => (
                IssueKind::DuplicateOfExisting,
                "already imported with the same values: skipped".to_string(),
            ),
            ImportClass::Updated { .. } => (
                IssueKind::Updated,
                "same id as an imported record but other values: replaces it".to_string(),
            ),
        };
        groups.add(kind, || Issue {
            row: rows[index],
            field: "key".to_string(),
            value: Some(record_key(store, index)),
            reason,
        });
    }
}

fn missing_values(store: &RecordStore) -> Vec<MissingValues> {
    let accepted = store.len();
    shown_fields(store.present_fields())
        .into_iter()
        .filter(|field| *field != Field::Answered)
        .map(|field| {
            let missing = missing_count(store, field);
            MissingValues {
                field,
                missing,
                share: if accepted == 0 {
                    0.0
                } else {
                    missing as f64 / accepted as f64
                },
            }
        })
        .collect()
}

fn missing_count(store: &RecordStore, field: Field) -> usize {
    if field == Field::Id {
        return (0..store.len()).filter(|&i| store.id(i).is_none()).count();
    }
    if field == Field::Csat {
        return store.csat_column().iter().filter(|&&c| c == 0).count();
    }
    if let Some(column) = store.text_column(field) {
        return column.iter().filter(|&&id| id == NO_TEXT).count();
    }
    if let Some(column) = store.seconds_column(field) {
        return column.iter().filter(|v| v.is_nan()).count();
    }
    if let Some(column) = store.bool_column(field) {
        return column.iter().filter(|&&b| b == TRI_UNKNOWN).count();
    }
    if let Some(column) = store.count_column(field) {
        return column.iter().filter(|&&c| c == NO_COUNT).count();
    }
    if field == Field::ResolvedAt {
        return store
            .seconds_column(Field::ResolutionSecs)
            .map_or(0, |column| column.iter().filter(|v| v.is_nan()).count());
    }
    0
}

fn outliers(store: &RecordStore, rows: &[usize], groups: &mut Groups) -> Vec<OutlierFence> {
    let mut fences = Vec::new();
    for field in DURATION_FIELDS {
        if !store.has_field(field) {
            continue;
        }
        let Some(column) = store.seconds_column(field) else {
            continue;
        };
        let mut values: Vec<f64> = column
            .iter()
            .filter(|v| !v.is_nan())
            .map(|&v| f64::from(v))
            .collect();
        if values.len() < 4 {
            continue;
        }
        let (Some(q1), Some(q3)) = (percentile(&mut values, 25.0), percentile(&mut values, 75.0))
        else {
            continue;
        };
        let upper_fence = q3 + 3.0 * (q3 - q1);
        let mut count = 0;
        for (index, &value) in column.iter().enumerate() {
            if f64::from(value) > upper_fence {
                count += 1;
                groups.add(IssueKind::Outlier, || Issue {
                    row: rows[index],
                    field: field.name().to_string(),
                    value: Some(format!("{value}")),
                    reason: format!(
                        "{} of {value} s is above the far-out fence of {upper_fence} s \
                         (Q3 {q3} + 3 × IQR {})",
                        field.name(),
                        q3 - q1
                    ),
                });
            }
        }
        fences.push(OutlierFence {
            field,
            values: values.len(),
            q1,
            q3,
            upper_fence,
            count,
        });
    }
    fences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_csv, read_json};

    const FILE: &str = "id,agent,opened_at,handle_secs,resolved_at,csat,team\n\
                        T1,Ann,2021-01-04 09:00,60,2021-01-04 09:30,5,A\n\
                        T2,Bo,2021-01-04 09:00,-5,,4,A\n\
                        T3,Cy,2021-01-04 09:00,70,2021-01-04 08:00,4,\n\
                        T4,Di,2021-01-04 09:00,65,,0,A\n\
                        T5,Ed,2021-01-04 09:00,62,,7,A\n\
                        T6,,2021-01-04 09:00,62,,3,A\n\
                        T7,Fa,yesterday,62,,3,A\n\
                        T8,Gu,2021-01-04 09:00,abc,,3,A\n\
                        T9,Ha,2021-01-04 09:00,62,,3\n\
                        T1,Ann,2021-01-04 09:00,60,2021-01-04 09:30,5,A\n\
                        T10,Ann,2021-01-04 09:00,68,,,\n\
                        T11,Bo,2021-01-04 09:00,64,,2,B\n\
                        T12,Bo,2021-01-04 09:00,=cmd|' /C calc'!A0,,2,B\n\
                        T13,Bo,2021-01-04 09:00,9000,,2,B\n";

    #[test]
    fn rejections_are_grouped_by_kind_with_rows_fields_and_values() {
        let result = read_csv(FILE.as_bytes(), None).unwrap();
        let report = quality_report(&result, None);
        assert_eq!(report.rows_read, 14);
        assert_eq!(report.rejected, 9);
        assert_eq!(report.accepted, 5);
        let rows_of = |kind| -> Vec<(usize, String)> {
            report
                .group(kind)
                .map(|g| {
                    g.examples
                        .iter()
                        .map(|i| (i.row, i.field.clone()))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(
            rows_of(IssueKind::Impossible),
            [
                (3, "handle_secs".to_string()),
                (4, "resolved_at".to_string()),
                (5, "csat".to_string()),
                (6, "csat".to_string())
            ]
        );
        assert_eq!(
            rows_of(IssueKind::Unreadable),
            [
                (8, "opened_at".to_string()),
                (9, "handle_secs".to_string()),
                (14, "handle_secs".to_string())
            ]
        );
        assert_eq!(
            rows_of(IssueKind::MissingRequired),
            [(7, "agent".to_string())]
        );
        assert_eq!(
            rows_of(IssueKind::WrongCells),
            [(10, "columns".to_string())]
        );
        let csat = &report.group(IssueKind::Impossible).unwrap().examples[2];
        assert_eq!(csat.value.as_deref(), Some("0"));
        // Accepted rows are numbered from the rejected ones: T1 at 2, its copy at 11.
        let duplicate = &report.group(IssueKind::DuplicateInFile).unwrap().examples[0];
        assert_eq!(
            (duplicate.row, duplicate.value.as_deref()),
            (11, Some("T1"))
        );
        assert!(duplicate.reason.contains("row 2"), "{}", duplicate.reason);
        // The nine-thousand-second call is far out; the rule is named.
        let outlier = &report.group(IssueKind::Outlier).unwrap().examples[0];
        assert_eq!((outlier.row, outlier.field.as_str()), (15, "handle_secs"));
        assert!(report.outlier_rule.contains("Q3 + 3 × IQR"));
        let fence = &report.outliers[0];
        assert_eq!((fence.field, fence.count), (Field::HandleSecs, 1));
        // Missing values: team is missing on T10, csat on T10.
        let team = report
            .missing
            .iter()
            .find(|m| m.field == Field::Team)
            .unwrap();
        assert_eq!(team.missing, 1);
        assert!((team.share - 0.2).abs() < 1e-9);
        assert!(report.missing.iter().all(|m| m.field != Field::Answered));
        let json = serde_json::to_string(&report).unwrap();
        let back: QualityReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn duplicates_of_existing_records_and_updates() {
        let existing = read_csv(FILE.as_bytes(), None).unwrap().store;
        let newer = "id,agent,opened_at,handle_secs\nT1,Ann,2021-01-04 09:00,60\n\
                     T11,Bo,2021-01-04 09:00,64\nT99,Zed,2021-01-05 09:00,1\n";
        let result = read_csv(newer.as_bytes(), None).unwrap();
        let report = quality_report(&result, Some(&existing));
        // T1 differs (no resolved_at, csat or team in the new file): an update.
        assert_eq!(report.count(IssueKind::Updated), 2);
        assert_eq!(report.count(IssueKind::DuplicateOfExisting), 0);
        let again = quality_report(&read_csv(FILE.as_bytes(), None).unwrap(), Some(&existing));
        assert_eq!(again.count(IssueKind::DuplicateOfExisting), 4);
        assert_eq!(again.count(IssueKind::DuplicateInFile), 1);
        assert_eq!(again.count(IssueKind::Updated), 0);
    }

    #[test]
    fn json_rows_count_from_one_and_an_empty_file_says_so() {
        let json = br#"[{"agent": "A", "opened_at": "2021-01-04"}, {"agent": "", "opened_at": "2021-01-04"},
                        {"agent": "A", "opened_at": "2021-01-04"}]"#;
        let report = quality_report(&read_json(json, None).unwrap(), None);
        assert_eq!(
            report.group(IssueKind::MissingRequired).unwrap().examples[0].row,
            2
        );
        assert_eq!(
            report.group(IssueKind::DuplicateInFile).unwrap().examples[0].row,
            3
        );
        let empty = quality_report(&read_csv(b"agent,opened_at\n", None).unwrap(), None);
        assert_eq!(empty.notes, ["the file has no data rows"]);
    }

    #[test]
    fn the_csv_download_never_holds_a_live_formula() {
        let report = quality_report(&read_csv(FILE.as_bytes(), None).unwrap(), None);
        let csv = report.to_csv();
        assert!(csv.starts_with("kind,row,field,value,reason\n"));
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let mut formula_seen = false;
        for record in reader.records() {
            let record = record.unwrap();
            for cell in record.iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
                formula_seen |= cell.starts_with("'=cmd");
            }
        }
        assert!(formula_seen, "{csv}");
        assert!(csv.contains("impossible,3,handle_secs,'-5,"), "{csv}");
    }
}
