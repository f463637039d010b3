//! How numbers are written for people: metric values by unit, scores, changes, counts; and
//! what a scorecard says about showing one of its metrics (its label, its unit).
//! The pages and exports share them; no language enters (the digits read the same in
//! Chinese and English), so they live here rather than in the web crate.

use carescore_engine::metric_def::Unit;
use carescore_engine::scorecard::{Label, Scorecard, ScorecardMetric};

/// A metric's raw value in its unit: ratios as percentages, seconds as m:ss (h:mm:ss past
/// an hour), ratings with two decimals, counts with thousands separators.
pub fn metric_value(value: f64, unit: Unit) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    match unit {
        Unit::Ratio => percent(value),
        Unit::Seconds => duration(value),
        Unit::Count => count(value.round() as u64),
        Unit::Rating => format!("{value:.2}"),
        Unit::Points => format!("{value:.1}"),
        Unit::Number => format!("{value:.2}"),
    }
}

/// A 0-1 share as a percentage. Small shares (complaint rates) keep two decimals so 0.4%
/// and 0.45% stay distinguishable.
pub fn percent(share: f64) -> String {
    let pct = share * 100.0;
    if pct.abs() < 10.0 && pct != 0.0 {
        format!("{pct:.2}%")
    } else {
        format!("{pct:.1}%")
    }
}

/// Seconds as `m:ss`, or `h:mm:ss` from one hour.
pub fn duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A value typed the way [`metric_value`] writes it, back in the metric's unit: ratios as
/// percentages (`76.3%`, or `76.3` without the sign), seconds as `m:ss` or `h:mm:ss` (or a
/// plain number of seconds), counts with or without thousands separators. Outside counts a
/// comma is read as a decimal comma (`4,5`). None unless it is a finite number.
pub fn parse_metric_value(text: &str, unit: Unit) -> Option<f64> {
    let text = text.trim();
    let value = match unit {
        Unit::Ratio => number(text.strip_suffix('%').unwrap_or(text))? / 100.0,
        Unit::Seconds if text.contains(':') => parse_duration(text)?,
        Unit::Count => text.replace(',', "").trim().parse::<f64>().ok()?,
        _ => number(text)?,
    };
    value.is_finite().then_some(value)
}

/// `m:ss` or `h:mm:ss` as seconds; minutes and seconds after the first part stay under 60.
pub fn parse_duration(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut total = 0.0;
    for (i, part) in parts.iter().enumerate() {
        let part = part.trim();
        // Only the last part may carry decimals (`1:02.5`); no signs anywhere.
        let valid = !part.is_empty()
            && part.chars().all(|c| c.is_ascii_digit() || c == '.')
            && (i + 1 == parts.len() || !part.contains('.'));
        let value: f64 = part.parse().ok().filter(|_| valid)?;
        if i > 0 && value >= 60.0 {
            return None;
        }
        total = total * 60.0 + value;
    }
    Some(total)
}

/// A plain number, with `.` or `,` as the decimal mark.
fn number(text: &str) -> Option<f64> {
    text.trim().replace(',', ".").parse::<f64>().ok()
}

/// A count with thin thousands separators (`20,418`).
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A 0-100 score with one decimal; `—` when there is none (N/A).
pub fn score(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => format!("{v:.1}"),
        _ => "—".to_string(),
    }
}

/// A change in points with an explicit sign (`+2.4`, `−1.0`, `±0.0`); `—` without a
/// previous period.
pub fn change(delta: Option<f64>) -> String {
    match delta {
        Some(d) if d.is_finite() => {
            let rounded = (d * 10.0).round() / 10.0;
            if rounded > 0.0 {
                format!("+{rounded:.1}")
            } else if rounded < 0.0 {
                format!("−{:.1}", -rounded)
            } else {
                "±0.0".to_string()
            }
        }
        _ => "—".to_string(),
    }
}

/// A 0-1 share (a weight) as a whole or one-decimal percentage.
pub fn weight_percent(share: f64) -> String {
    let pct = share * 100.0;
    if (pct - pct.round()).abs() < 0.05 {
        format!("{:.0}%", pct.round())
    } else {
        format!("{pct:.1}%")
    }
}

/// The unit a metric's values are in (for the hints next to targets and floors).
pub fn unit_of(card: &Scorecard, metric_id: &str) -> Unit {
    card.metric_def(metric_id)
        .map(|d| d.unit)
        .or_else(|| {
            // The card only stores custom definitions; the catalogue has the rest.
            carescore_engine::metrics::standard::definitions()
                .into_iter()
                .find(|d| d.id == metric_id)
                .map(|d| d.unit)
        })
        .unwrap_or(Unit::Number)
}

/// A card metric's own label, else the label of its custom definition.
pub fn metric_label(card: &Scorecard, metric: &ScorecardMetric) -> Option<Label> {
    metric.label.clone().or_else(|| {
        card.custom_metrics
            .iter()
            .find(|d| d.id == metric.metric_id && !d.label.is_empty())
            .map(|d| Label {
                en: Some(d.label.clone()),
                zh: None,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_percentages_with_more_precision_when_small() {
        assert_eq!(metric_value(0.873, Unit::Ratio), "87.3%");
        assert_eq!(metric_value(0.0045, Unit::Ratio), "0.45%");
        assert_eq!(metric_value(0.0, Unit::Ratio), "0.0%");
    }

    #[test]
    fn seconds_are_minutes_and_seconds() {
        assert_eq!(metric_value(42.4, Unit::Seconds), "0:42");
        assert_eq!(metric_value(245.0, Unit::Seconds), "4:05");
        assert_eq!(metric_value(3725.0, Unit::Seconds), "1:02:05");
    }

    #[test]
    fn counts_have_separators_and_ratings_two_decimals() {
        assert_eq!(metric_value(20418.0, Unit::Count), "20,418");
        assert_eq!(metric_value(999.0, Unit::Count), "999");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(metric_value(4.256, Unit::Rating), "4.26");
    }

    #[test]
    fn typed_values_parse_back_in_the_unit_the_card_shows() {
        assert_eq!(parse_metric_value("10:22", Unit::Seconds), Some(622.0));
        assert_eq!(parse_metric_value(" 1:02:05 ", Unit::Seconds), Some(3725.0));
        assert_eq!(parse_metric_value("622", Unit::Seconds), Some(622.0));
        assert_eq!(parse_metric_value("0:42.5", Unit::Seconds), Some(42.5));
        assert_eq!(parse_metric_value("76.3%", Unit::Ratio), Some(0.763));
        assert_eq!(parse_metric_value("85 %", Unit::Ratio), Some(0.85));
        assert_eq!(parse_metric_value("85", Unit::Ratio), Some(0.85));
        assert_eq!(parse_metric_value("20,418", Unit::Count), Some(20418.0));
        assert_eq!(parse_metric_value("4,5", Unit::Rating), Some(4.5));
        for bad in ["", "abc", "1:75", "1:-5", "1:2:3:4", ":30", "1.5:30", "inf"] {
            assert_eq!(parse_metric_value(bad, Unit::Seconds), None, "{bad:?}");
        }
        assert_eq!(parse_metric_value("lots", Unit::Ratio), None);
        assert_eq!(parse_metric_value("NaN%", Unit::Ratio), None);
    }

    #[test]
    fn what_is_shown_parses_back_to_the_shown_value() {
        for (value, unit) in [
            (621.686, Unit::Seconds),
            (3725.0, Unit::Seconds),
            (0.7634, Unit::Ratio),
            (0.0045, Unit::Ratio),
            (20418.0, Unit::Count),
            (4.256, Unit::Rating),
        ] {
            let shown = metric_value(value, unit);
            let back = parse_metric_value(&shown, unit).expect(&shown);
            assert_eq!(metric_value(back, unit), shown, "{value} {unit:?}");
            assert!((back - value).abs() <= value.abs() * 0.001 + 0.5, "{shown}");
        }
    }

    #[test]
    fn changes_are_signed_and_missing_values_are_dashes() {
        assert_eq!(change(Some(2.44)), "+2.4");
        assert_eq!(change(Some(-1.0)), "−1.0");
        assert_eq!(change(Some(0.01)), "±0.0");
        assert_eq!(change(None), "—");
        assert_eq!(score(None), "—");
        assert_eq!(score(Some(87.46)), "87.5");
        assert_eq!(weight_percent(0.35), "35%");
        assert_eq!(weight_percent(0.1234), "12.3%");
    }
}
