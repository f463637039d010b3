//! The scheme review (定期审查), as the app keeps it: the review cycle and the log of
//! reviews held, saved with the workspace meta, plus the summary of agents' feedback on
//! the scheme (the built-in scheme-feedback form) that a review looks at. The engine
//! decides due dates ([`SchemeReviewCycle`]); this module keeps and summarises. Pure Rust,
//! tested natively.

use std::collections::BTreeMap;

use carescore_engine::feedback::builtin::SCHEME_FEEDBACK;
use carescore_engine::feedback::form::{ChoiceOption, FormTemplate, ItemInput};
use carescore_engine::feedback::response::SurveyResponse;
use carescore_engine::feedback::review_cycle::SchemeReviewCycle;
use carescore_engine::scorecard::{Label, ScorecardHistory};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Months between reviews unless the user picks otherwise: a scheme is reviewed at least
/// yearly.
pub const DEFAULT_EVERY_MONTHS: u32 = 12;

/// The longest cycle the page accepts (ten years); longer is a typo.
pub const MAX_EVERY_MONTHS: u32 = 120;

/// One review of the scheme that was held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldReview {
    pub on: NaiveDate,
    /// Who held it (free text: a name or a meeting).
    pub by: String,
    /// What was decided (the outcome), free text.
    #[serde(default)]
    pub note: String,
}

/// What is saved: the cycle (`None` until pinned: see [`SchemeReview::cycle`]) and the
/// reviews held, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeReview {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle: Option<SchemeReviewCycle>,
    #[serde(default)]
    pub log: Vec<HeldReview>,
}

/// Where the cycle starts when none is saved: the first day of the month the earliest
/// scheme version took effect, or `today` when that is unknown (the default history's
/// versions take effect "from the start", 1970-01-01).
pub fn default_start(history: &ScorecardHistory, today: NaiveDate) -> NaiveDate {
    history
        .versions
        .iter()
        .map(|v| v.effective_from)
        .filter(|d| d.year() > 1970)
        .min()
        .and_then(|d| d.with_day(1))
        .unwrap_or(today)
}

impl SchemeReview {
    /// The cycle in force: the saved one, else the default (yearly from
    /// [`default_start`]).
    pub fn cycle(&self, history: &ScorecardHistory, today: NaiveDate) -> SchemeReviewCycle {
        self.cycle.clone().unwrap_or_else(|| SchemeReviewCycle {
            start: default_start(history, today),
            every_months: DEFAULT_EVERY_MONTHS,
            last_review: self.log.iter().map(|r| r.on).max(),
        })
    }

    /// Fixes the default cycle so it is saved, and a default that starts "today" does
    /// not move with the clock. Keeps a saved cycle.
    pub fn pinned(mut self, history: &ScorecardHistory, today: NaiveDate) -> SchemeReview {
        if self.cycle.is_none() {
            self.cycle = Some(self.cycle(history, today));
        }
        self
    }

    /// Records a review held `on`: logged, and the cycle's next due date moves.
    pub fn record(&mut self, review: HeldReview, history: &ScorecardHistory) {
        let cycle = self.cycle(history, review.on);
        // A review entered for an earlier day than the last one does not pull it back.
        let on = cycle
            .last_review
            .map_or(review.on, |last| last.max(review.on));
        self.cycle = Some(cycle.reviewed(on));
        self.log.push(review);
    }

    /// Changes the months between reviews (checked by [`parse_every`]).
    pub fn set_every(&mut self, months: u32, history: &ScorecardHistory, today: NaiveDate) {
        let mut cycle = self.cycle(history, today);
        cycle.every_months = months;
        self.cycle = Some(cycle);
    }

    /// The reviews held, newest first (the page's log).
    pub fn newest_first(&self) -> Vec<HeldReview> {
        let mut log = self.log.clone();
        // Stable: two reviews on one day stay newest-entered first after the reverse.
        log.reverse();
        log.sort_by_key(|r| std::cmp::Reverse(r.on));
        log
    }

    /// Checks what a saved review must hold.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(cycle) = &self.cycle {
            if cycle.every_months > MAX_EVERY_MONTHS {
                return Err(format!(
                    "a review every {} months is more than {MAX_EVERY_MONTHS}",
                    cycle.every_months
                ));
            }
        }
        Ok(())
    }
}

/// Months between reviews as typed: a whole number from 1 to [`MAX_EVERY_MONTHS`].
pub fn parse_every(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_EVERY_MONTHS).contains(n))
}

/// Where the cycle stands on a day, as the status line says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueStatus {
    /// Due in this many days (more than zero).
    DueIn(i64),
    DueToday,
    /// Overdue by this many days (more than zero).
    Overdue(i64),
    /// The cycle is off (every 0 months).
    Off,
}

impl DueStatus {
    pub fn of(cycle: &SchemeReviewCycle, today: NaiveDate) -> DueStatus {
        match cycle.days_until_due(today) {
            None => DueStatus::Off,
            Some(0) => DueStatus::DueToday,
            Some(days) if days > 0 => DueStatus::DueIn(days),
            Some(days) => DueStatus::Overdue(-days),
        }
    }

    /// The page's `data-due` value: `ok`, `due` or `overdue` (`ok` when off).
    pub fn token(self) -> &'static str {
        match self {
            DueStatus::DueIn(_) | DueStatus::Off => "ok",
            DueStatus::DueToday => "due",
            DueStatus::Overdue(_) => "overdue",
        }
    }

    /// Whether the dashboard reminds of the review.
    pub fn needs_reminder(self) -> bool {
        matches!(self, DueStatus::DueToday | DueStatus::Overdue(_))
    }
}

/// A rating question: its mean over the answers, and how many answered.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingSummary {
    pub item_id: String,
    pub label: Label,
    pub min: i32,
    pub max: i32,
    /// `None` when nobody answered.
    pub mean: Option<f64>,
    pub count: usize,
}

/// A single-choice question: how many picked each option, in the form's order.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceSummary {
    pub item_id: String,
    pub label: Label,
    pub options: Vec<(ChoiceOption, usize)>,
}

/// One free-text answer. Who wrote it is left out: agents speak more freely about the
/// scheme when the review sees what was said, not by whom.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeComment {
    pub item_id: String,
    pub label: Label,
    pub on: NaiveDate,
    pub text: String,
}

/// Agents' feedback on the scheme, summarised for a review.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackSummary {
    /// Responses summarised.
    pub responses: usize,
    pub ratings: Vec<RatingSummary>,
    pub choices: Vec<ChoiceSummary>,
    /// Newest first.
    pub comments: Vec<SchemeComment>,
}

/// Summarises the responses to `form` (the scheme-feedback form) among `surveys`,
/// submitted on or after `since` when given (the last review). Answers of the wrong kind
/// or out of range are skipped, never counted.
pub fn summarise(
    form: &FormTemplate,
    surveys: &[SurveyResponse],
    since: Option<NaiveDate>,
) -> FeedbackSummary {
    let responses: Vec<&SurveyResponse> = surveys
        .iter()
        .filter(|r| r.form_id == form.id)
        .filter(|r| since.is_none_or(|since| r.submitted_at.date() >= since))
        .collect();
    let mut ratings = Vec::new();
    let mut choices = Vec::new();
    let mut comments = Vec::new();
    for item in form.items() {
        let answers = responses
            .iter()
            .filter_map(|r| Some((*r, r.answers.get(&item.id)?)));
        match &item.input {
            ItemInput::Rating { min, max } => {
                let range = f64::from(*min)..=f64::from(*max);
                let values: Vec<f64> = answers
                    .filter_map(|(_, a)| a.number())
                    .filter(|v| range.contains(v))
                    .collect();
                ratings.push(RatingSummary {
                    item_id: item.id.clone(),
                    label: item.label.clone(),
                    min: *min,
                    max: *max,
                    mean: (!values.is_empty())
                        .then(|| values.iter().sum::<f64>() / values.len() as f64),
                    count: values.len(),
                });
            }
            ItemInput::SingleChoice { options } => {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for (_, answer) in answers {
                    if let Some(id) = answer.text() {
                        *counts.entry(id).or_default() += 1;
                    }
                }
                choices.push(ChoiceSummary {
                    item_id: item.id.clone(),
                    label: item.label.clone(),
                    options: options
                        .iter()
                        .map(|o| (o.clone(), counts.get(o.id.as_str()).copied().unwrap_or(0)))
                        .collect(),
                });
            }
            ItemInput::FreeText => {
                for (response, answer) in answers {
                    let text = answer.text().map(str::trim).unwrap_or("");
                    if !text.is_empty() {
                        comments.push(SchemeComment {
                            item_id: item.id.clone(),
                            label: item.label.clone(),
                            on: response.submitted_at.date(),
                            text: text.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    comments.sort_by_key(|c| std::cmp::Reverse(c.on));
    FeedbackSummary {
        responses: responses.len(),
        ratings,
        choices,
        comments,
    }
}

/// Whether a response answers the built-in scheme-feedback form.
pub fn is_scheme_feedback(response: &SurveyResponse) -> bool {
    response.form_id == SCHEME_FEEDBACK
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::feedback::builtin::scheme_feedback;
    use carescore_engine::feedback::response::{Answer, Answers};
    use carescore_engine::scorecard::defaults::default_history;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn response(id: &str, on: NaiveDate, answers: &[(&str, Answer)]) -> SurveyResponse {
        SurveyResponse {
            id: id.into(),
            form_id: SCHEME_FEEDBACK.into(),
            contact_id: None,
            agent: "张三".into(),
            submitted_at: on.and_hms_opt(12, 0, 0).unwrap(),
            answers: answers
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect::<Answers>(),
        }
    }

    fn n(v: f64) -> Answer {
        Answer::Number(v)
    }

    fn s(v: &str) -> Answer {
        Answer::Text(v.into())
    }

    fn dated_history(from: NaiveDate) -> ScorecardHistory {
        let mut history = default_history();
        let mut later = history.versions[0].clone();
        later.effective_from = from;
        later.reason = "weights".into();
        history.versions.push(later);
        history
    }

    #[test]
    fn the_default_cycle_is_yearly_from_the_first_dated_version_or_today() {
        let today = date(2026, 5, 20);
        let review = SchemeReview::default();
        // The default history is in force "from the start": unknown, so today.
        let cycle = review.cycle(&default_history(), today);
        assert_eq!(cycle.start, today);
        assert_eq!(cycle.every_months, 12);
        assert_eq!(cycle.next_due(), Some(date(2027, 5, 20)));
        // A dated version: the first day of its month.
        let history = dated_history(date(2025, 3, 17));
        assert_eq!(review.cycle(&history, today).start, date(2025, 3, 1));
        assert_eq!(
            DueStatus::of(&review.cycle(&history, today), today),
            DueStatus::Overdue(80)
        );
    }

    #[test]
    fn pinning_keeps_a_today_start_from_moving() {
        let pinned = SchemeReview::default().pinned(&default_history(), date(2026, 1, 1));
        assert_eq!(
            pinned.cycle(&default_history(), date(2026, 9, 1)).start,
            date(2026, 1, 1)
        );
        // Pinning again keeps it.
        let again = pinned.clone().pinned(&default_history(), date(2027, 1, 1));
        assert_eq!(again, pinned);
    }

    #[test]
    fn status_reads_due_in_due_today_and_overdue() {
        let cycle = SchemeReviewCycle {
            start: date(2025, 6, 1),
            every_months: 12,
            last_review: None,
        };
        let status = |d| DueStatus::of(&cycle, d);
        assert_eq!(status(date(2026, 5, 22)), DueStatus::DueIn(10));
        assert_eq!(status(date(2026, 6, 1)), DueStatus::DueToday);
        assert_eq!(status(date(2026, 6, 4)), DueStatus::Overdue(3));
        assert_eq!(status(date(2026, 5, 22)).token(), "ok");
        assert_eq!(status(date(2026, 6, 1)).token(), "due");
        assert_eq!(status(date(2026, 6, 4)).token(), "overdue");
        assert!(!status(date(2026, 5, 22)).needs_reminder());
        assert!(status(date(2026, 6, 1)).needs_reminder());
        assert!(status(date(2026, 6, 4)).needs_reminder());
        let off = SchemeReviewCycle {
            every_months: 0,
            ..cycle
        };
        assert_eq!(DueStatus::of(&off, date(2030, 1, 1)), DueStatus::Off);
        assert!(!DueStatus::Off.needs_reminder());
    }

    #[test]
    fn recording_a_review_logs_it_and_moves_the_due_date() {
        let history = dated_history(date(2025, 1, 10));
        let mut review = SchemeReview::default();
        let today = date(2026, 2, 15);
        assert_eq!(
            DueStatus::of(&review.cycle(&history, today), today),
            DueStatus::Overdue(45)
        );
        review.record(
            HeldReview {
                on: today,
                by: "李经理".into(),
                note: "效率权重 25 → 20".into(),
            },
            &history,
        );
        let cycle = review.cycle(&history, today);
        assert_eq!(cycle.start, date(2025, 1, 1));
        assert_eq!(cycle.last_review, Some(today));
        assert_eq!(cycle.next_due(), Some(date(2027, 2, 15)));
        assert_eq!(DueStatus::of(&cycle, today), DueStatus::DueIn(365));
        // A review entered late for an earlier day is logged but does not pull back.
        review.record(
            HeldReview {
                on: date(2026, 1, 5),
                by: "王".into(),
                note: String::new(),
            },
            &history,
        );
        assert_eq!(review.cycle(&history, today).last_review, Some(today));
        let log = review.newest_first();
        assert_eq!(log[0].by, "李经理");
        assert_eq!(log[1].by, "王");
    }

    #[test]
    fn the_cycle_length_is_editable_and_checked() {
        let history = default_history();
        let mut review = SchemeReview::default();
        review.set_every(6, &history, date(2026, 1, 1));
        let cycle = review.cycle(&history, date(2026, 3, 1));
        assert_eq!(cycle.next_due(), Some(date(2026, 7, 1)));
        assert_eq!(parse_every(" 6 "), Some(6));
        assert_eq!(parse_every("0"), None);
        assert_eq!(parse_every("121"), None);
        assert_eq!(parse_every("半年"), None);
        assert!(review.validate().is_ok());
        review.cycle.as_mut().unwrap().every_months = 500;
        assert!(review.validate().is_err());
    }

    #[test]
    fn the_saved_review_round_trips_and_reads_when_empty() {
        let mut review = SchemeReview::default();
        review.record(
            HeldReview {
                on: date(2026, 4, 1),
                by: "Ann".into(),
                note: "kept the weights".into(),
            },
            &default_history(),
        );
        let json = serde_json::to_string(&review).unwrap();
        assert_eq!(serde_json::from_str::<SchemeReview>(&json).unwrap(), review);
        assert_eq!(
            serde_json::from_str::<SchemeReview>("{}").unwrap(),
            SchemeReview::default()
        );
    }

    #[test]
    fn the_summary_has_rating_means_choice_counts_and_comments() {
        let form = scheme_feedback();
        let mut other = response("s-9", date(2026, 3, 1), &[("understand_score", n(1.0))]);
        other.form_id = "builtin.customer_survey".into();
        let surveys = vec![
            response(
                "s-1",
                date(2026, 3, 1),
                &[
                    ("understand_score", n(4.0)),
                    ("measures_fairly", n(2.0)),
                    ("weights_fair", s("partly")),
                    ("missing", s("  回访工作没有计入  ")),
                ],
            ),
            response(
                "s-2",
                date(2026, 4, 1),
                &[
                    ("understand_score", n(5.0)),
                    ("measures_fairly", n(9.0)), // out of range: skipped
                    ("weights_fair", s("partly")),
                    ("suggestion", s("<b>more QA</b>")),
                    ("missing", s("   ")),
                ],
            ),
            response("s-3", date(2026, 4, 2), &[("weights_fair", s("no"))]),
            other,
        ];
        let all = summarise(&form, &surveys, None);
        assert_eq!(all.responses, 3);
        let understand = &all.ratings[0];
        assert_eq!(understand.item_id, "understand_score");
        assert_eq!((understand.mean, understand.count), (Some(4.5), 2));
        assert_eq!((all.ratings[1].mean, all.ratings[1].count), (Some(2.0), 1));
        let weights: Vec<(&str, usize)> = all.choices[0]
            .options
            .iter()
            .map(|(o, c)| (o.id.as_str(), *c))
            .collect();
        assert_eq!(weights, [("yes", 0), ("partly", 2), ("no", 1)]);
        let comments: Vec<&str> = all.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(comments, ["<b>more QA</b>", "回访工作没有计入"]);

        // Since the last review (on 1 April): only the two from that day on.
        let since = summarise(&form, &surveys, Some(date(2026, 4, 1)));
        assert_eq!(since.responses, 2);
        assert_eq!(
            (since.ratings[0].mean, since.ratings[0].count),
            (Some(5.0), 1)
        );
        assert_eq!(since.ratings[1].mean, None);
        assert_eq!(since.comments.len(), 1);
        assert!(is_scheme_feedback(&surveys[0]) && !is_scheme_feedback(&surveys[3]));
    }
}
