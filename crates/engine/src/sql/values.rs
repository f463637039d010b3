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
pub(crate) const DATETIME: &str = concat!(
    r"^([0-9]{1,4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,4})",
    r"(?:(?:[Tt]| +)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]{1,9})?)?",
    r" ?(?:[Zz]|[+-](?:[0-9]{4}|[0-9]{2}(?::[0-9]{2})?))?)?$",
);
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
    let among = |words: &[String]| {
        let items: Vec<String> = words
            .iter()
            .map(|w| d.string(&w.trim().to_ascii_lowercase()))
            .collect();
        d.is_in(&format!("lower({text})"), &items)
    };
    let builtin_true = ["true", "1", "y", "yes", "是"].map(String::from);
    let mut falses = ["false", "0", "n", "no", "否"].map(String::from).to_vec();
    falses.extend(mapping.false_values.iter().cloned());
    // A built-in true word wins, then the mapping's true words, then any false word.
    let extra_true = if mapping.true_values.is_empty() {
        String::new()
    } else {
        format!(" WHEN {} THEN TRUE", among(&mapping.true_values))
    };
    format!(
        "(CASE WHEN {} THEN TRUE{extra_true} WHEN {} THEN FALSE END)",
        among(&builtin_true),
        among(&falses)
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
        "(CASE WHEN {name}_text NOT LIKE '%:%' THEN {plain} WHEN {m} = '' THEN NULL \
         WHEN {secs} >= 60e0 THEN NULL WHEN {h} = '' THEN {mins} * 60e0 + {secs} \
         WHEN {mins} < 60e0 THEN {hours} * 3600e0 + {mins} * 60e0 + {secs} END)",
        plain = number(d, &format!("{name}_text")),
        mins = d.to_double(&m),
        hours = d.to_double(&h),
    )
}

/// The pieces of a date-time field as columns of `parts`, from its pattern's groups
/// (`group(k)` is group k's text): whether the shape holds (a first number and the same
/// separator twice), then year, month, day, hour, minute and second as integers (NULL when
/// absent). The year is the 4-digit number: first (Y-m-d) or last (d-m-Y) with a day of at
/// most 2 digits beside it.
pub(crate) fn datetime_pieces(name: &str, group: impl Fn(u32) -> String) -> Vec<String> {
    let int = |text: String| format!("CAST(NULLIF({text}, '') AS INTEGER)");
    let ymd = format!("length({}) = 4 AND length({}) <= 2", group(1), group(5));
    let dmy = format!("length({}) = 4 AND length({}) <= 2", group(5), group(1));
    vec![
        format!(
            "({} <> '' AND {} = {}) AS {name}_shape",
            group(1),
            group(2),
            group(4)
        ),
        format!(
            "(CASE WHEN {ymd} THEN {} WHEN {dmy} THEN {} END) AS {name}_year",
            int(group(1)),
            int(group(5))
        ),
        format!("{} AS {name}_month", int(group(3))),
        format!(
            "(CASE WHEN {ymd} THEN {} WHEN {dmy} THEN {} END) AS {name}_day",
            int(group(5)),
            int(group(1))
        ),
        format!("{} AS {name}_hour", int(group(6))),
        format!("{} AS {name}_minute", int(group(7))),
        format!("{} AS {name}_second", int(group(8))),
    ]
}

/// Whether a date-time field's pieces make a real date and time of day (a leap second
/// 60 is allowed).
fn valid_datetime(name: &str) -> String {
    let (year, month, day) = (
        format!("{name}_year"),
        format!("{name}_month"),
        format!("{name}_day"),
    );
    let leap = format!("(({year} % 4 = 0 AND {year} % 100 <> 0) OR {year} % 400 = 0)");
    format!(
        "({name}_shape AND {year} IS NOT NULL AND {month} BETWEEN 1 AND 12 AND {day} >= 1 AND \
         {day} <= (CASE WHEN {month} = 2 THEN (CASE WHEN {leap} THEN 29 ELSE 28 END) WHEN \
         {month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END) AND ({name}_hour IS NULL OR \
         ({name}_hour <= 23 AND {name}_minute <= 59 AND COALESCE({name}_second, 0) <= 60)))"
    )
}

/// Seconds since 1970-01-01 of a date-time field's wall time, NULL when it does not read;
/// a leap second 60 is kept as the next second.
pub(crate) fn datetime_secs(d: Dialect, name: &str) -> String {
    // CASE evaluates make_date only on rows where the date is real.
    let date = format!("make_date({name}_year, {name}_month, {name}_day)");
    format!(
        "(CASE WHEN {} THEN CAST({} AS BIGINT) * 86400 + COALESCE({name}_hour, 0) * 3600 + \
         COALESCE({name}_minute, 0) * 60 + COALESCE({name}_second, 0) END)",
        valid_datetime(name),
        d.epoch_days(&date)
    )
}
