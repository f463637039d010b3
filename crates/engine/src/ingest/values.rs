//! Reading one cell's text as a value. Callers trim the text and test for missing markers
//! first; these parsers return `None` for text they cannot read.
//!
//! Date-times have a hand-written fast path for the common shapes (`2021-01-31 09:05:00`,
//! ISO 8601 with `T`, fraction and offset, `31/01/2021 9:05`, `2021/01/31`), because a
//! million rows must import in well under a second; a mapping's own `datetime_format` goes
//! through chrono, its items parsed once.

use chrono::format::{parse as chrono_parse, Item, Parsed, StrftimeItems};
use chrono::NaiveDateTime;

use crate::records::naive_to_secs;

/// Markers that always mean "no value" (compared without regard to ASCII case).
pub const DEFAULT_MISSING: [&str; 5] = ["", "NA", "N/A", "null", "-"];

/// Whether `text` (already trimmed) is a missing marker, built-in or the mapping's own.
#[inline(always)]
pub fn is_missing(text: &str, extra: &[String]) -> bool {
    is_default_missing(text)
        || extra
            .iter()
            .any(|marker| marker.trim().eq_ignore_ascii_case(text))
}

/// [`DEFAULT_MISSING`], decided by length first: the markers all differ in length, and
/// most cells are longer than any of them.
#[inline(always)]
fn is_default_missing(text: &str) -> bool {
    match text.len() {
        0 => true,
        1 => text == "-",
        2 => text.eq_ignore_ascii_case("NA"),
        3 => text.eq_ignore_ascii_case("N/A"),
        4 => text.eq_ignore_ascii_case("null"),
        _ => false,
    }
}

/// Y/N, yes/no, true/false, 1/0, 是/否 (ASCII case-insensitive), plus the mapping's own
/// true and false spellings.
pub fn parse_bool(text: &str, extra_true: &[String], extra_false: &[String]) -> Option<bool> {
    // A built-in true word wins over any extra; a built-in false word only when no extra
    // true word could claim it first.
    match builtin_bool(text) {
        Some(true) => return Some(true),
        Some(false) if extra_true.is_empty() => return Some(false),
        _ => {}
    }
    let matches_extra = |list: &[String]| list.iter().any(|w| w.trim().eq_ignore_ascii_case(text));
    if matches_extra(extra_true) {
        Some(true)
    } else if builtin_bool(text) == Some(false) || matches_extra(extra_false) {
        Some(false)
    } else {
        None
    }
}

/// The built-in spellings: the usual lower-case ones matched whole, then any case.
#[inline(always)]
fn builtin_bool(text: &str) -> Option<bool> {
    match text.as_bytes() {
        b"true" | b"1" | b"y" | b"yes" => return Some(true),
        b"false" | b"0" | b"n" | b"no" => return Some(false),
        _ => {}
    }
    let is = |word: &str| text.eq_ignore_ascii_case(word);
    match text.len() {
        1 if is("y") || is("1") => Some(true),
        1 if is("n") || is("0") => Some(false),
        2 if is("no") => Some(false),
        3 if is("yes") || text == "是" => Some(true),
        3 if text == "否" => Some(false),
        4 if is("true") => Some(true),
        5 if is("false") => Some(false),
        _ => None,
    }
}

/// A duration in seconds: a plain number (`42`, `42.5`, `-3` reads as -3 and is the
/// caller's to reject), `mm:ss` or `h:mm:ss` (the last part may carry a fraction).
#[inline]
pub fn parse_seconds(text: &str) -> Option<f64> {
    if !text.as_bytes().contains(&b':') {
        return parse_number(text);
    }
    let mut parts = text.split(':');
    let (first, second, third) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    let whole = |part: &str| -> Option<f64> {
        (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<f64>().ok())
            .flatten()
    };
    let fraction_ok = |part: &str| -> Option<f64> {
        let value = parse_number(part)?;
        ((0.0..60.0).contains(&value) && !part.starts_with(['+', '-'])).then_some(value)
    };
    match third {
        None => {
            let minutes = whole(first)?;
            Some(minutes * 60.0 + fraction_ok(second)?)
        }
        Some(third) => {
            let (hours, minutes) = (whole(first)?, whole(second)?);
            (minutes < 60.0).then_some(())?;
            Some(hours * 3600.0 + minutes * 60.0 + fraction_ok(third)?)
        }
    }
}

/// A plain decimal number (no exponent games: `inf`/`nan` are refused; `-0` reads as 0).
#[inline]
pub fn parse_number(text: &str) -> Option<f64> {
    // Most cells are small whole numbers: read them without the float parser.
    let bytes = text.as_bytes();
    if !bytes.is_empty() && bytes.len() <= 15 && bytes.iter().all(u8::is_ascii_digit) {
        let whole = bytes
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
        return Some(whole as f64);
    }
    let value: f64 = text.parse().ok()?;
    // `+ 0.0` turns -0 into 0: a negative zero would be written back as `-0`.
    value.is_finite().then_some(value + 0.0)
}

/// A non-negative whole count (`3`, `3.0`).
#[inline]
pub fn parse_count(text: &str) -> Option<f64> {
    let value = parse_number(text)?;
    (value.fract() == 0.0).then_some(value)
}

/// Seconds since the epoch of the local wall time in `text`, reading the common shapes:
/// `Y-m-d`, `Y/m/d`, `d/m/Y` (also with `.` or `-` between day, month and year), then
/// optionally `T` or spaces and `H:M`, `H:M:S` or `H:M:S.fff`, then optionally `Z` or an
/// offset (`+08:00`, `+0800`, `+08`) that is read and ignored: the wall time as written is
/// kept. A date alone is midnight. Fractions of a second are truncated.
pub fn parse_datetime_auto(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if let Some(secs) = parse_canonical_datetime(bytes) {
        return Some(secs);
    }
    let mut pos = 0;
    let (first, first_len) = digits(bytes, &mut pos, 4)?;
    let separator = *bytes.get(pos)?;
    if !matches!(separator, b'-' | b'/' | b'.') {
        return None;
    }
    pos += 1;
    let (month, month_len) = digits(bytes, &mut pos, 2)?;
    if bytes.get(pos) != Some(&separator) || month_len == 0 {
        return None;
    }
    pos += 1;
    let (third, third_len) = digits(bytes, &mut pos, 4)?;
    let (year, day) = if first_len == 4 && third_len <= 2 {
        (first, third)
    } else if third_len == 4 && first_len <= 2 {
        (third, first)
    } else {
        return None;
    };
    let days = days_from_civil(year as i64, month, day)?;
    let mut secs = 0;
    if pos < bytes.len() {
        match bytes[pos] {
            b'T' | b't' => pos += 1,
            b' ' => {
                while bytes.get(pos) == Some(&b' ') {
                    pos += 1;
                }
            }
            _ => return None,
        }
        let (hour, hour_len) = digits(bytes, &mut pos, 2)?;
        if bytes.get(pos) != Some(&b':') || hour_len == 0 || hour > 23 {
            return None;
        }
        pos += 1;
        let (minute, minute_len) = digits(bytes, &mut pos, 2)?;
        if minute_len != 2 || minute > 59 {
            return None;
        }
        let mut second = 0;
        if bytes.get(pos) == Some(&b':') {
            pos += 1;
            let (value, len) = digits(bytes, &mut pos, 2)?;
            // 60 is a leap second as written; keep it as the next second.
            if len != 2 || value > 60 {
                return None;
            }
            second = value;
            if matches!(bytes.get(pos), Some(b'.' | b',')) {
                pos += 1;
                let (_, fraction_len) = digits(bytes, &mut pos, 9)?;
                if fraction_len == 0 {
                    return None;
                }
            }
        }
        secs = i64::from(hour * 3600 + minute * 60 + second);
        skip_offset(bytes, &mut pos)?;
    }
    (pos == bytes.len()).then_some(days * 86_400 + secs)
}

/// `YYYY-MM-DD HH:MM:SS` (or with `T`) exactly, the shape of the canonical CSV: fixed
/// positions, no scanning. `None` when the text has another shape or an impossible value;
/// the general parser then decides, so both always agree.
fn parse_canonical_datetime(bytes: &[u8]) -> Option<i64> {
    let &[y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, b' ' | b'T', h1, h2, b':', mi1, mi2, b':', s1, s2] =
        bytes
    else {
        return None;
    };
    let digit = |byte: u8| byte.is_ascii_digit().then(|| u32::from(byte - b'0'));
    let pair = |tens: u8, ones: u8| Some(digit(tens)? * 10 + digit(ones)?);
    let year = pair(y1, y2)? * 100 + pair(y3, y4)?;
    let (month, day) = (pair(mo1, mo2)?, pair(d1, d2)?);
    let (hour, minute, second) = (pair(h1, h2)?, pair(mi1, mi2)?, pair(s1, s2)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day)?;
    Some(days * 86_400 + i64::from(hour * 3600 + minute * 60 + second))
}

/// Reads an optional `Z` or `±hh[:mm]` / `±hhmm` (with an optional space before it).
fn skip_offset(bytes: &[u8], pos: &mut usize) -> Option<()> {
    if *pos < bytes.len() && bytes[*pos] == b' ' {
        *pos += 1;
    }
    match bytes.get(*pos) {
        None => Some(()),
        Some(b'Z' | b'z') => {
            *pos += 1;
            Some(())
        }
        Some(b'+' | b'-') => {
            *pos += 1;
            let (_, hours_len) = digits(bytes, pos, 4)?;
            match hours_len {
                4 => Some(()),
                2 if bytes.get(*pos) == Some(&b':') => {
                    *pos += 1;
                    let (_, minutes_len) = digits(bytes, pos, 2)?;
                    (minutes_len == 2).then_some(())
                }
                2 => Some(()),
                _ => None,
            }
        }
        Some(_) => None,
    }
}

/// Up to `max` ASCII digits at `pos`; returns the value and how many were read. Fails when
/// more than `max` digits follow (so `20210` is not a year).
fn digits(bytes: &[u8], pos: &mut usize, max: usize) -> Option<(u32, usize)> {
    let start = *pos;
    let mut value: u32 = 0;
    while let Some(&byte) = bytes.get(*pos) {
        if !byte.is_ascii_digit() {
            break;
        }
        if *pos - start == max {
            return None;
        }
        value = value * 10 + u32::from(byte - b'0');
        *pos += 1;
    }
    Some((value, *pos - start))
}

/// Days since 1970-01-01 of a proleptic Gregorian date, or `None` when it does not exist
/// (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A mapping's `datetime_format` (chrono strftime syntax, including `%z`, `%a`, `%b`),
/// parsed once. Offsets are read and ignored: the wall time as written is kept. A format
/// with no time fields gives midnight.
#[derive(Clone, Debug)]
pub struct DateTimeFormat {
    items: Vec<Item<'static>>,
}

impl DateTimeFormat {
    /// Fails with chrono's message when the format itself is invalid.
    pub fn new(format: &str) -> Result<DateTimeFormat, String> {
        let items = StrftimeItems::new(format)
            .parse_to_owned()
            .map_err(|error| format!("invalid datetime_format {format:?}: {error}"))?;
        Ok(DateTimeFormat { items })
    }

    pub fn parse(&self, text: &str) -> Option<NaiveDateTime> {
        let mut parsed = Parsed::new();
        chrono_parse(&mut parsed, text, self.items.iter()).ok()?;
        // The offset, if any, is deliberately not applied.
        parsed
            .to_naive_datetime_with_offset(0)
            .ok()
            .or_else(|| Some(parsed.to_naive_date().ok()?.into()))
    }

    pub fn parse_secs(&self, text: &str) -> Option<i64> {
        self.parse(text).map(naive_to_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn secs(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
        naive_to_secs(
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, s)
                .unwrap(),
        )
    }

    #[test]
    fn booleans_in_every_spelling() {
        for text in ["Y", "y", "Yes", "TRUE", "1", "是"] {
            assert_eq!(parse_bool(text, &[], &[]), Some(true), "{text}");
        }
        for text in ["N", "no", "False", "0", "否"] {
            assert_eq!(parse_bool(text, &[], &[]), Some(false), "{text}");
        }
        assert_eq!(parse_bool("maybe", &[], &[]), None);
        assert_eq!(parse_bool("2", &[], &[]), None);
        let (yes, no) = (vec!["Ja".to_string()], vec!["nein".to_string()]);
        assert_eq!(parse_bool("ja", &yes, &no), Some(true));
        assert_eq!(parse_bool("NEIN", &yes, &no), Some(false));
    }

    #[test]
    fn missing_markers() {
        for text in ["", "NA", "n/a", "NULL", "-"] {
            assert!(is_missing(text, &[]), "{text}");
        }
        assert!(!is_missing("0", &[]));
        assert!(is_missing("?", &["?".to_string()]));
    }

    #[test]
    fn durations_as_seconds_or_clock_text() {
        assert_eq!(parse_seconds("42"), Some(42.0));
        assert_eq!(parse_seconds("42.5"), Some(42.5));
        assert_eq!(parse_seconds("-3"), Some(-3.0));
        assert_eq!(parse_seconds("0:02:23"), Some(143.0));
        assert_eq!(parse_seconds("1:00:00"), Some(3600.0));
        assert_eq!(parse_seconds("12:30"), Some(750.0));
        assert_eq!(parse_seconds("02:03.5"), Some(123.5));
        assert_eq!(parse_seconds("1:60:00"), None);
        assert_eq!(parse_seconds("1:-2:00"), None);
        assert_eq!(parse_seconds("1:2:3:4"), None);
        assert_eq!(parse_seconds("abc"), None);
        assert_eq!(parse_seconds("inf"), None);
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(parse_count("3"), Some(3.0));
        assert_eq!(parse_count("3.0"), Some(3.0));
        assert_eq!(parse_count("3.5"), None);
        assert_eq!(parse_number("007"), Some(7.0));
        assert_eq!(parse_number("123456789012345"), Some(123_456_789_012_345.0));
        assert_eq!(
            parse_number("1234567890123456"),
            Some(1_234_567_890_123_456.0)
        );
        assert_eq!(parse_number("+2.5"), Some(2.5));
        // A negative zero would write as `-0` and read back as another value's bytes.
        for zero in ["-0", "-0.0", "-0e5"] {
            let value = parse_number(zero).unwrap();
            assert!(value == 0.0 && value.is_sign_positive(), "{zero}");
        }
    }

    #[test]
    fn datetimes_in_the_common_shapes() {
        let expected = secs(2021, 1, 31, 9, 5, 7);
        for text in [
            "2021-01-31 09:05:07",
            "2021-01-31T09:05:07",
            "2021-01-31T09:05:07Z",
            "2021-01-31T09:05:07.250",
            "2021-01-31T09:05:07,5+08:00",
            "2021-01-31 09:05:07 -0500",
            "2021-01-31 9:05:07",
            "2021-1-31 09:05:07",
            "31/01/2021 09:05:07",
            "2021/01/31 09:05:07",
        ] {
            assert_eq!(parse_datetime_auto(text), Some(expected), "{text}");
        }
        assert_eq!(
            parse_datetime_auto("31/01/2021 09:05"),
            Some(secs(2021, 1, 31, 9, 5, 0))
        );
        assert_eq!(
            parse_datetime_auto("2021-01-31"),
            Some(secs(2021, 1, 31, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime_auto("2024-02-29"),
            Some(secs(2024, 2, 29, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime_auto("1969-12-31 23:59:59"),
            Some(-1),
            "before the epoch"
        );
        for bad in [
            "2021-02-29",
            "2021-13-01",
            "2021-01-31 24:00",
            "2021-01-31 09:5",
            "20210-01-31",
            "21-01-31",
            "2021-01-31 09:05:07 PM",
            "2021-01-31X09:05",
            "tomorrow",
            "",
        ] {
            assert_eq!(parse_datetime_auto(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_canonical_shape_agrees_with_the_general_parser() {
        for text in [
            "2026-07-01 00:00:06",
            "2021-01-31T09:05:60",
            "2024-02-29 23:59:59",
            "0001-01-01 00:00:00",
            "1969-12-31 23:59:59",
        ] {
            let general = parse_datetime_auto(&format!("{text} +00:00"));
            assert_eq!(parse_canonical_datetime(text.as_bytes()), general, "{text}");
            assert!(general.is_some(), "{text}");
        }
        for impossible in [
            "2021-02-29 00:00:00",
            "2021-01-31 24:00:00",
            "2021-01-31 09:60:00",
        ] {
            assert_eq!(parse_canonical_datetime(impossible.as_bytes()), None);
            assert_eq!(parse_datetime_auto(impossible), None, "{impossible}");
        }
        assert_eq!(parse_canonical_datetime(b"2021-01-31 9:05:07"), None);
    }

    #[test]
    fn built_in_booleans_give_way_only_to_extra_true_words() {
        let no = vec!["no".to_string()];
        assert_eq!(parse_bool("no", &no, &[]), Some(true));
        assert_eq!(parse_bool("yes", &[], &["yes".to_string()]), Some(true));
        assert_eq!(parse_bool("FALSE", &[], &[]), Some(false));
    }

    #[test]
    fn the_fast_path_agrees_with_chrono() {
        let format = DateTimeFormat::new("%Y-%m-%d %H:%M:%S").unwrap();
        for text in [
            "2000-02-29 23:59:59",
            "1999-12-31 00:00:00",
            "2100-03-01 12:00:00",
        ] {
            assert_eq!(parse_datetime_auto(text), format.parse_secs(text), "{text}");
        }
    }

    #[test]
    fn custom_formats_with_names_and_offsets() {
        let format = DateTimeFormat::new("%a %b %d %Y %H:%M:%S %z").unwrap();
        // The offset is read, and the wall time as written is kept.
        assert_eq!(
            format.parse_secs("Sun Jan 31 2021 09:05:07 +0800"),
            Some(secs(2021, 1, 31, 9, 5, 7))
        );
        // Wrong weekday for the date: chrono refuses it.
        assert_eq!(format.parse_secs("Mon Jan 31 2021 09:05:07 +0800"), None);
        let european = DateTimeFormat::new("%d/%m/%Y %H:%M").unwrap();
        assert_eq!(
            european.parse_secs("03/02/2021 14:30"),
            Some(secs(2021, 2, 3, 14, 30, 0))
        );
        let date_only = DateTimeFormat::new("%d.%m.%Y").unwrap();
        assert_eq!(
            date_only.parse_secs("03.02.2021"),
            Some(secs(2021, 2, 3, 0, 0, 0))
        );
        assert!(DateTimeFormat::new("%Q").is_err());
    }
}
