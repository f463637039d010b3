//! Value parsing in SQL, as `ingest::values` parses a cell's text: numbers, booleans,
//! durations and date-times. Each function returns one SQL expression over a field's
//! `cells` text (`<field>_text`) or its `parts` pieces (`<field>_1`...), NULL where the
//! readers could not read the text.

use crate::ingest::Mapping;

use super::dialect::Dialect;

/// A plain decimal number as `parse_number` reads it (no `inf`, `nan` or hex).
pub(crate) const NUMBER: &str = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$";
/// `mm:ss` or `h:mm:ss`; the seconds may carry a fraction but no sign.
pub(crate) const DURATION: &str =
    r"^(?:([0-9]+):)?([0-9]+):((?:[0-9]+[.]?[0-9]*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?)$";
/// The shapes of `parse_datetime_auto`: a date (Y-m-d, d/m/Y, any of `-/.` twice), then
/// optionally `T` or spaces and `H:M[:S[.fff]]`, then an optional offset that is ignored.
/// Groups: 1 first number, 2 separator, 3 month, 4 separator, 5 third number, 6 hour,
/// 7 minute, 8 second.
pub(crate) const DATETIME: &str = r"^([0-9]{1,4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,4})(?:(?:[Tt]| +)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]{1,9})?)? ?(?:[Zz]|[+-](?:[0-9]{4}|[0-9]{2}(?::[0-9]{2})?))?)?$";
/// The largest finite DOUBLE: `parse_number` refuses what overflows to infinity.
const MAX_DOUBLE: &str = "1.7976931348623157e308";
/// A plain number read from `text` as `parse_number` reads it, NULL otherwise.
pub(crate) fn number(d: Dialect, text: &str) -> String {
    format!(
        "(CASE WHEN {} THEN (CASE WHEN abs({value}) <= {MAX_DOUBLE} THEN {value} END) END)",
        d.matches(text, NUMBER),
        value = d.to_double(text)
    )
}

pub(crate) fn boolean(d: Dialect, text: &str, mapping: &Mapping) -> String {
    let list = |words: Vec<String>| {
        words
            .iter()
            .map(|w| d.string(&w.trim().to_ascii_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let builtin_true = ["true", "1", "y", "yes", "是"].map(String::from).to_vec();
    let mut falses = ["false", "0", "n", "no", "否"].map(String::from).to_vec();
    falses.extend(mapping.false_values.iter().cloned());
    // A built-in true word wins, then the mapping's true words, then any false word.
    let extra_true = if mapping.true_values.is_empty() {
        String::new()
    } else {
        format!(
            " WHEN lower({text}) IN ({}) THEN TRUE",
            list(mapping.true_values.clone())
        )
    };
    format!(
        "(CASE WHEN lower({text}) IN ({}) THEN TRUE{extra_true} WHEN lower({text}) IN ({}) THEN \
         FALSE END)",
        list(builtin_true),
        list(falses)
    )
}

/// Seconds from a plain number, `mm:ss` or `h:mm:ss` (minutes below 60 when hours are
/// given; seconds below 60 with a colon).
pub(crate) fn seconds(d: Dialect, name: &str) -> String {
    let (h, m, s) = (
        format!("{name}_1"),
        format!("{name}_2"),
        format!("{name}_3"),
    );
    let secs = d.to_double(&s);
    format!(
        "(CASE WHEN {name}_text NOT LIKE '%:%' THEN {plain} WHEN {m} = '' THEN NULL WHEN {secs} \
         >= 60e0 THEN NULL WHEN {h} = '' THEN {mins} * 60e0 + {secs} WHEN {mins} < 60e0 THEN {hours} \
         * 3600e0 + {mins} * 60e0 + {secs} END)",
        plain = number(d, &format!("{name}_text")),
        mins = d.to_double(&m),
        hours = d.to_double(&h),
    )
}

/// Year, month and day of a date-time field's date, NULL when the shape is not a date the
/// readers accept (Y-m-d with a 4-digit year first, or d-m-Y with it last; same separator).
fn date_parts(name: &str) -> (String, String, String, String) {
    let p = |group: u32| format!("{name}_{group}");
    let int = |text: String| format!("CAST(NULLIF({text}, '') AS INTEGER)");
    let ymd = format!("length({}) = 4 AND length({}) <= 2", p(1), p(5));
    let dmy = format!("length({}) = 4 AND length({}) <= 2", p(5), p(1));
    let year = format!(
        "(CASE WHEN {ymd} THEN {} WHEN {dmy} THEN {} END)",
        int(p(1)),
        int(p(5))
    );
    let day = format!(
        "(CASE WHEN {ymd} THEN {} WHEN {dmy} THEN {} END)",
        int(p(5)),
        int(p(1))
    );
    let month = int(p(3));
    let leap = format!("(({year} % 4 = 0 AND {year} % 100 <> 0) OR {year} % 400 = 0)");
    let valid = format!(
        "({} <> '' AND {} = {} AND {year} IS NOT NULL AND {month} BETWEEN 1 AND 12 AND {day} >= 1 \
         AND {day} <= (CASE WHEN {month} = 2 THEN (CASE WHEN {leap} THEN 29 ELSE 28 END) WHEN \
         {month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END) AND ({} = '' OR ({} <= 23 AND {} <= 59 \
         AND COALESCE({}, 0) <= 60)))",
        p(1),
        p(2),
        p(4),
        p(6),
        int(p(6)),
        int(p(7)),
        int(p(8)),
    );
    (valid, year, month, day)
}

/// The DATE of a date-time field, NULL when it does not read.
fn date(name: &str) -> String {
    let (valid, year, month, day) = date_parts(name);
    // Impossible parts never reach make_date: it may fail on them instead of giving NULL.
    let safe = |part: &str, otherwise: u32| {
        format!("(CASE WHEN {valid} THEN {part} ELSE {otherwise} END)")
    };
    format!(
        "(CASE WHEN {valid} THEN make_date({}, {}, {}) END)",
        safe(&year, 2000),
        safe(&month, 1),
        safe(&day, 1)
    )
}

/// Seconds since 1970-01-01 of a date-time field's wall time; a leap second 60 is kept as
/// the next second.
pub(crate) fn datetime_secs(d: Dialect, name: &str) -> String {
    let int = |group: u32| format!("COALESCE(CAST(NULLIF({name}_{group}, '') AS BIGINT), 0)");
    format!(
        "(CAST({} AS BIGINT) * 86400 + {} * 3600 + {} * 60 + {})",
        d.epoch_days(&date(name)),
        int(6),
        int(7),
        int(8)
    )
}
