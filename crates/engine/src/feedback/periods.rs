//! Period arithmetic the feedback module needs beyond [`crate::period`]: where a period
//! ends, whether one period lies inside another, and which comes first.

use chrono::{Days, Months, NaiveDate};

use crate::period::PeriodKind;

/// The last day of the period of `kind` starting on `start` (`None` for `all`).
pub(crate) fn period_end(kind: PeriodKind, start: NaiveDate) -> Option<NaiveDate> {
    match kind {
        PeriodKind::All => None,
        PeriodKind::Day => Some(start),
        PeriodKind::Week => start.checked_add_days(Days::new(6)),
        PeriodKind::Month => start.checked_add_months(Months::new(1))?.pred_opt(),
        PeriodKind::Quarter => start.checked_add_months(Months::new(3))?.pred_opt(),
    }
}

/// First and last day of a labelled period (`None` for `all` or a bad label).
pub(crate) fn label_range(label: &str) -> Option<(NaiveDate, NaiveDate)> {
    let kind = PeriodKind::of_label(label)?;
    let start = kind.start_of_label(label)?;
    Some((start, period_end(kind, start)?))
}

/// The label of the `kind` period containing the period `label`, if exactly one does
/// (`2026-03` lies in `2026-Q1`; `2026-Q1` lies in no single month).
pub(crate) fn place_period(kind: PeriodKind, label: &str) -> Option<String> {
    let source = PeriodKind::of_label(label)?;
    if source == kind {
        return Some(label.to_string());
    }
    if kind == PeriodKind::All {
        return Some("all".to_string());
    }
    let (start, end) = label_range(label)?;
    let placed = kind.label_of(start);
    (kind.label_of(end) == placed).then_some(placed)
}

/// `later` starts after `earlier` has ended (labels of any kinds; false when either is
/// not a dated period label).
pub(crate) fn is_after(later: &str, earlier: &str) -> bool {
    match (label_range(later), label_range(earlier)) {
        (Some((later_start, _)), Some((_, earlier_end))) => later_start > earlier_end,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_placed_only_when_contained() {
        assert_eq!(
            place_period(PeriodKind::Quarter, "2026-03").as_deref(),
            Some("2026-Q1")
        );
        assert_eq!(
            place_period(PeriodKind::Month, "2026-03").as_deref(),
            Some("2026-03")
        );
        assert_eq!(place_period(PeriodKind::Month, "2026-Q1"), None);
        assert_eq!(
            place_period(PeriodKind::All, "2026-Q1").as_deref(),
            Some("all")
        );
        assert_eq!(place_period(PeriodKind::Quarter, "all"), None);
        // ISO week 2026-W14 runs Mon 30 Mar - Sun 5 Apr: it straddles two months.
        assert_eq!(place_period(PeriodKind::Month, "2026-W14"), None);
        assert_eq!(
            place_period(PeriodKind::Month, "2026-W15").as_deref(),
            Some("2026-04")
        );
        assert_eq!(place_period(PeriodKind::Month, "not a period"), None);
    }

    #[test]
    fn after_means_strictly_after_the_end() {
        assert!(is_after("2026-04", "2026-Q1"));
        assert!(!is_after("2026-03", "2026-Q1"));
        assert!(!is_after("2026-Q1", "2026-03"));
        assert!(is_after("2026-04-01", "2026-03"));
        assert!(!is_after("all", "2026-03"));
        assert_eq!(
            label_range("2024-02"),
            Some((
                NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
                NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
            ))
        );
    }
}
