//! The scheme-review cycle (定期审查): the scheme itself is reviewed at least every N
//! months. The first review is due N months after the start; after each review the next
//! is due N months after it, so there are never more than N months between reviews even
//! when one is held late.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// When the scheme must next be reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeReviewCycle {
    /// When the scheme (or the cycle) started.
    pub start: NaiveDate,
    /// Months between reviews (12: yearly). 0 disables the cycle.
    pub every_months: u32,
    /// The date of the most recent review, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<NaiveDate>,
}

impl SchemeReviewCycle {
    /// The next due date: `every_months` after the last review, or after the start.
    /// A month-end date stays clamped (31 Jan + 1 month = 28/29 Feb). `None` when the
    /// cycle is disabled.
    pub fn next_due(&self) -> Option<NaiveDate> {
        if self.every_months == 0 {
            return None;
        }
        let from = self.last_review.unwrap_or(self.start);
        from.checked_add_months(Months::new(self.every_months))
    }

    /// Whether a review is due on `today` (due date reached or passed).
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.next_due().is_some_and(|due| today >= due)
    }

    /// Days from `today` to the due date (negative: overdue by that many days).
    pub fn days_until_due(&self, today: NaiveDate) -> Option<i64> {
        Some((self.next_due()? - today).num_days())
    }

    /// The cycle after a review held on `on`.
    pub fn reviewed(&self, on: NaiveDate) -> SchemeReviewCycle {
        SchemeReviewCycle {
            last_review: Some(on),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn due_dates_roll_from_the_last_review() {
        let cycle = SchemeReviewCycle {
            start: date(2025, 1, 1),
            every_months: 12,
            last_review: None,
        };
        assert_eq!(cycle.next_due(), Some(date(2026, 1, 1)));
        assert!(!cycle.is_due(date(2025, 12, 31)));
        assert!(cycle.is_due(date(2026, 1, 1)));
        assert_eq!(cycle.days_until_due(date(2025, 12, 1)), Some(31));
        assert_eq!(cycle.days_until_due(date(2026, 1, 11)), Some(-10));
        // Reviewed late, on 1 March 2026: next due 1 March 2027.
        let late = cycle.reviewed(date(2026, 3, 1));
        assert_eq!(late.next_due(), Some(date(2027, 3, 1)));
        assert!(!late.is_due(date(2026, 6, 1)));
    }

    #[test]
    fn month_ends_clamp_and_zero_disables() {
        let quarterly = SchemeReviewCycle {
            start: date(2025, 11, 30),
            every_months: 3,
            last_review: None,
        };
        assert_eq!(quarterly.next_due(), Some(date(2026, 2, 28)));
        let off = SchemeReviewCycle {
            every_months: 0,
            ..quarterly
        };
        assert_eq!(off.next_due(), None);
        assert!(!off.is_due(date(2030, 1, 1)));
    }
}
