//! Scorecard versions: the scheme changes over time (weights, targets), with a reason, and
//! each period is scored with the version in force at the period's start.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::{Scorecard, ScorecardError};
use crate::period::PeriodKind;

/// One version of the scheme.
///
/// JSON: `{"effective_from": "2021-02-01", "reason": "...", "scorecard": {...}}`.
/// `effective_from` also accepts a period label (`2021-02`, `2021-Q2`, `2021-W05`): the
/// first day of that period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorecardVersion {
    #[serde(deserialize_with = "date_or_period_label")]
    pub effective_from: NaiveDate,
    /// Why the scheme changed (shown on every card scored with it).
    pub reason: String,
    pub scorecard: Scorecard,
}

/// All versions of a scheme. JSON: `{"schema_version": 1, "versions": [...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorecardHistory {
    pub schema_version: u32,
    /// Any order in the file; [`ScorecardHistory::validated`] sorts by date; lookups do not need it.
    pub versions: Vec<ScorecardVersion>,
}

impl ScorecardHistory {
    /// A history with one version, effective from 1970-01-01 (in practice: always; and
    /// unlike `NaiveDate::MIN` it round-trips through JSON as a plain date).
    pub fn single(scorecard: Scorecard, reason: &str) -> ScorecardHistory {
        ScorecardHistory {
            schema_version: super::SCHEMA_VERSION,
            versions: vec![ScorecardVersion {
                effective_from: NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date"),
                reason: reason.to_string(),
                scorecard,
            }],
        }
    }

    /// Validates every version and sorts them by `effective_from`.
    pub fn validated(mut self) -> Result<ScorecardHistory, ScorecardError> {
        if self.versions.is_empty() {
            return Err(ScorecardError::EmptyHistory);
        }
        for version in &self.versions {
            version.scorecard.validate()?;
        }
        self.versions.sort_by_key(|v| v.effective_from);
        Ok(self)
    }

    /// Index of the version in force on `date`: the latest one effective on or before it.
    /// A date before every version gets the earliest version (data older than the first
    /// recorded scheme is scored with the first scheme rather than not at all).
    pub fn index_in_force_on(&self, date: NaiveDate) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, version) in self.versions.iter().enumerate() {
            if version.effective_from <= date
                && best.is_none_or(|b| self.versions[b].effective_from <= version.effective_from)
            {
                best = Some(i);
            }
        }
        best.or_else(|| (0..self.versions.len()).min_by_key(|&i| self.versions[i].effective_from))
    }

    /// Index of the version that scores a period label: the one in force at the period's
    /// start. The whole-data label `all` has no start, so it is scored with the latest
    /// (current) version. None for a label of no known shape or an empty history.
    pub fn index_for_period(&self, label: &str) -> Option<usize> {
        let kind = PeriodKind::of_label(label)?;
        if kind == PeriodKind::All {
            return (0..self.versions.len()).max_by_key(|&i| self.versions[i].effective_from);
        }
        self.index_in_force_on(kind.start_of_label(label)?)
    }

    /// The version that scores a period label, see [`ScorecardHistory::index_for_period`].
    pub fn for_period(&self, label: &str) -> Option<&ScorecardVersion> {
        self.index_for_period(label).map(|i| &self.versions[i])
    }
}

fn date_or_period_label<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Ok(date);
    }
    PeriodKind::of_label(&text)
        .filter(|kind| *kind != PeriodKind::All)
        .and_then(|kind| kind.start_of_label(&text))
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "effective_from `{text}` is neither a date (YYYY-MM-DD) nor a period label"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::defaults::default_scorecard;

    fn version(from: &str, reason: &str) -> ScorecardVersion {
        ScorecardVersion {
            effective_from: NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap(),
            reason: reason.to_string(),
            scorecard: default_scorecard(),
        }
    }

    fn history() -> ScorecardHistory {
        ScorecardHistory {
            schema_version: 1,
            // Deliberately out of order.
            versions: vec![
                version("2021-04-01", "Q2 review"),
                version("2021-01-01", "first scheme"),
                version("2021-02-15", "mid-month change"),
            ],
        }
    }

    #[test]
    fn a_period_is_scored_with_the_version_in_force_at_its_start() {
        let h = history();
        let reason = |label: &str| h.for_period(label).unwrap().reason.as_str();
        assert_eq!(reason("2021-01"), "first scheme");
        // The change on 15 Feb applies from March: February started under the first scheme.
        assert_eq!(reason("2021-02"), "first scheme");
        assert_eq!(reason("2021-03"), "mid-month change");
        assert_eq!(reason("2021-04"), "Q2 review");
        assert_eq!(reason("2021-Q1"), "first scheme");
        assert_eq!(reason("2021-Q2"), "Q2 review");
        assert_eq!(reason("2021-02-15"), "mid-month change");
        assert_eq!(reason("2021-02-14"), "first scheme");
        // Before the first version: the first version. The whole data: the latest.
        assert_eq!(reason("2020-06"), "first scheme");
        assert_eq!(reason("all"), "Q2 review");
        assert!(h.for_period("June").is_none());
    }

    #[test]
    fn effective_from_accepts_a_period_label() {
        let json = serde_json::json!({
            "effective_from": "2021-Q2",
            "reason": "r",
            "scorecard": default_scorecard(),
        });
        let v: ScorecardVersion = serde_json::from_value(json).unwrap();
        assert_eq!(
            v.effective_from,
            NaiveDate::from_ymd_opt(2021, 4, 1).unwrap()
        );
        let bad = serde_json::json!({"effective_from": "soon", "reason": "r",
            "scorecard": default_scorecard()});
        assert!(serde_json::from_value::<ScorecardVersion>(bad).is_err());
    }

    #[test]
    fn validated_sorts_and_rejects_empty() {
        let h = history().validated().unwrap();
        assert_eq!(h.versions[0].reason, "first scheme");
        let empty = ScorecardHistory {
            schema_version: 1,
            versions: vec![],
        };
        assert_eq!(empty.validated(), Err(ScorecardError::EmptyHistory));
    }
}
