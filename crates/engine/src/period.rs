//! Reporting periods: how a record's local opening time maps to a period label, and how
//! labels order and step back. Labels are the public contract: `all`, `2021-01-31` (day),
//! `2021-W05` (ISO week), `2021-01` (calendar month), `2021-Q1` (quarter).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// How records are bucketed in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    #[default]
    All,
    Day,
    Week,
    Month,
    Quarter,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 5] = [
        PeriodKind::All,
        PeriodKind::Day,
        PeriodKind::Week,
        PeriodKind::Month,
        PeriodKind::Quarter,
    ];

    /// Parses the CLI / file spelling (`all`, `day`, `week`, `month`, `quarter`).
    pub fn parse(text: &str) -> Option<PeriodKind> {
        match text {
            "all" => Some(PeriodKind::All),
            "day" => Some(PeriodKind::Day),
            "week" => Some(PeriodKind::Week),
            "month" => Some(PeriodKind::Month),
            "quarter" => Some(PeriodKind::Quarter),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::All => "all",
            PeriodKind::Day => "day",
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
        }
    }

    /// The first day of the period containing `date` (for `All`, the minimum date).
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            PeriodKind::All => NaiveDate::MIN,
            PeriodKind::Day => date,
            PeriodKind::Week => {
                date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
            }
            PeriodKind::Month => date.with_day(1).expect("day 1 exists"),
            PeriodKind::Quarter => {
                let month = (date.month0() / 3) * 3 + 1;
                NaiveDate::from_ymd_opt(date.year(), month, 1).expect("quarter start exists")
            }
        }
    }

    /// The label of the period containing `date`.
    pub fn label_of(self, date: NaiveDate) -> String {
        match self {
            PeriodKind::All => "all".to_string(),
            // NaiveDate displays as %Y-%m-%d without pulling in chrono's strftime formatter.
            PeriodKind::Day => date.to_string(),
            PeriodKind::Week => {
                let week = date.iso_week();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            PeriodKind::Month => format!("{:04}-{:02}", date.year(), date.month()),
            PeriodKind::Quarter => format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1),
        }
    }

    /// The first day of the period a label names, or None when the label is not of this kind.
    pub fn start_of_label(self, label: &str) -> Option<NaiveDate> {
        match self {
            PeriodKind::All => (label == "all").then_some(NaiveDate::MIN),
            PeriodKind::Day => NaiveDate::parse_from_str(label, "%Y-%m-%d").ok(),
            PeriodKind::Week => {
                let (year, week) = label.split_once("-W")?;
                NaiveDate::from_isoywd_opt(
                    year.parse().ok()?,
                    week.parse().ok()?,
                    chrono::Weekday::Mon,
                )
            }
            PeriodKind::Month => NaiveDate::parse_from_str(&format!("{label}-01"), "%Y-%m-%d").ok(),
            PeriodKind::Quarter => {
                let (year, quarter) = label.split_once("-Q")?;
                let quarter: u32 = quarter.parse().ok()?;
                if !(1..=4).contains(&quarter) {
                    return None;
                }
                NaiveDate::from_ymd_opt(year.parse().ok()?, (quarter - 1) * 3 + 1, 1)
            }
        }
    }

    /// The label of the calendar period just before `label` (None for `all` or a bad label).
    /// Calendar-based on purpose: a month with no data still counts as the previous month.
    pub fn previous_label(self, label: &str) -> Option<String> {
        let start = self.start_of_label(label)?;
        let day_before = start.pred_opt()?;
        match self {
            PeriodKind::All => None,
            _ => Some(self.label_of(day_before)),
        }
    }

    /// The label of the calendar period just after `label` (None for `all` or a bad label).
    pub fn next_label(self, label: &str) -> Option<String> {
        let start = self.start_of_label(label)?;
        let later = match self {
            PeriodKind::Day => start.succ_opt()?,
            PeriodKind::Week => start.checked_add_days(chrono::Days::new(7))?,
            PeriodKind::Month => start.checked_add_months(chrono::Months::new(1))?,
            PeriodKind::Quarter => start.checked_add_months(chrono::Months::new(3))?,
            PeriodKind::All => return None,
        };
        Some(self.label_of(later))
    }

    /// Guesses the kind from a label's shape.
    pub fn of_label(label: &str) -> Option<PeriodKind> {
        PeriodKind::ALL
            .into_iter()
            .find(|kind| kind.start_of_label(label).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn labels_follow_the_public_contract() {
        let d = date(2021, 1, 31);
        assert_eq!(PeriodKind::All.label_of(d), "all");
        assert_eq!(PeriodKind::Day.label_of(d), "2021-01-31");
        assert_eq!(PeriodKind::Week.label_of(d), "2021-W04");
        assert_eq!(PeriodKind::Month.label_of(d), "2021-01");
        assert_eq!(PeriodKind::Quarter.label_of(d), "2021-Q1");
        // 1 Jan 2021 is a Friday: ISO week 53 of 2020.
        assert_eq!(PeriodKind::Week.label_of(date(2021, 1, 1)), "2020-W53");
    }

    #[test]
    fn labels_round_trip_to_their_start() {
        for kind in PeriodKind::ALL {
            let d = date(2021, 5, 19);
            let label = kind.label_of(d);
            assert_eq!(
                kind.start_of_label(&label),
                Some(kind.start_of(d)),
                "{kind:?}"
            );
            assert_eq!(PeriodKind::of_label(&label), Some(kind));
        }
    }

    #[test]
    fn previous_steps_back_one_calendar_period() {
        assert_eq!(
            PeriodKind::Month.previous_label("2021-01").as_deref(),
            Some("2020-12")
        );
        assert_eq!(
            PeriodKind::Quarter.previous_label("2021-Q1").as_deref(),
            Some("2020-Q4")
        );
        assert_eq!(
            PeriodKind::Week.previous_label("2021-W01").as_deref(),
            Some("2020-W53")
        );
        assert_eq!(
            PeriodKind::Day.previous_label("2021-03-01").as_deref(),
            Some("2021-02-28")
        );
        assert_eq!(PeriodKind::All.previous_label("all"), None);
        assert_eq!(PeriodKind::Quarter.start_of_label("2021-Q5"), None);
    }
}
