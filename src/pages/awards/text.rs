//! Award rules, reasons and failures in words, in the interface language.

use carescore_engine::awards::{AwardRule, Failure, RankedBy, Reason, Scope, Selection};
use carescore_engine::scorecard::Scorecard;

use crate::components::rails::{rail_text, CardNames};
use crate::components::{dimension_name, grade_name, label_text, metric_label, metric_name};
use crate::i18n::I18n;
use carescore_workspace::display;
use carescore_workspace::draft::input_text;

/// The award's name: its own label, else the translation of a built-in id, else the id.
pub fn award_name(i18n: I18n, rule: &AwardRule) -> String {
    if let Some(name) = rule
        .label
        .as_ref()
        .and_then(|l| label_text(i18n.locale(), l))
    {
        return name;
    }
    let key = format!("awards.name.{}", rule.id);
    let text = i18n.t(&key);
    if text == key {
        rule.id.clone()
    } else {
        text
    }
}

pub(super) fn ranked_by_name(i18n: I18n, by: &RankedBy, card: &Scorecard) -> String {
    match by {
        RankedBy::Total => i18n.t("awards.by.total"),
        RankedBy::Change => i18n.t("awards.by.change"),
        RankedBy::Dimension(id) => {
            let label = card.dimensions.iter().find(|d| &d.id == id);
            dimension_name(i18n, id, label.and_then(|d| d.label.as_ref()))
        }
        RankedBy::Metric(id) => {
            let label = card
                .find_metric(id)
                .and_then(|(_, m)| metric_label(card, m));
            metric_name(i18n, id, label.as_ref())
        }
    }
}

/// The rule in words: "Top 3 by total, at least 100 contacts, no critical QA error, no
/// guard rail hit".
pub fn rule_text(i18n: I18n, rule: &AwardRule, card: &Scorecard) -> String {
    let by = ranked_by_name(i18n, &rule.ranked_by, card);
    let per_team = rule.scope == Scope::PerTeam;
    let mut parts = vec![match rule.selection {
        Selection::TopN { n } => {
            let key = if per_team {
                "awards.rule.top_n_per_team"
            } else {
                "awards.rule.top_n"
            };
            i18n.tf(key, &[("n", &n.to_string()), ("by", &by)])
        }
        Selection::Threshold { min } => {
            let key = if per_team {
                "awards.rule.threshold_per_team"
            } else {
                "awards.rule.threshold"
            };
            i18n.tf(key, &[("min", &input_text(min)), ("by", &by)])
        }
    }];
    let e = &rule.eligibility;
    if e.min_contacts > 0 {
        parts.push(i18n.tf(
            "awards.rule.min_contacts",
            &[("n", &display::count(u64::from(e.min_contacts)))],
        ));
    }
    if e.no_critical_qa {
        parts.push(i18n.t("awards.rule.no_critical_qa"));
    }
    if e.no_guard_rail {
        parts.push(i18n.t("awards.rule.no_guard_rail"));
    }
    if let Some(grade) = e.min_grade {
        parts.push(i18n.tf(
            "awards.rule.min_grade",
            &[("grade", &grade_name(i18n, grade))],
        ));
    }
    parts.join(&i18n.t("awards.rule.separator"))
}

pub(super) fn value_text(by: &RankedBy, value: f64) -> String {
    match by {
        RankedBy::Change => display::change(Some(value)),
        _ => display::score(Some(value)),
    }
}

pub fn reason_text(i18n: I18n, by: &RankedBy, reason: &Reason) -> String {
    match reason {
        Reason::Ranked { position, of, .. } => i18n.tf(
            "awards.reason.ranked",
            &[("position", &position.to_string()), ("of", &of.to_string())],
        ),
        Reason::AtLeastThreshold { value, threshold } => i18n.tf(
            "awards.reason.threshold",
            &[
                ("value", &value_text(by, *value)),
                ("threshold", &input_text(*threshold)),
            ],
        ),
        Reason::Contacts { records, min } => i18n.tf(
            "awards.reason.contacts",
            &[
                ("records", &display::count(u64::from(*records))),
                ("min", &display::count(u64::from(*min))),
            ],
        ),
        Reason::NoCriticalQa { reviews: Some(n) } => {
            i18n.tf("awards.reason.qa_clean", &[("reviews", &n.to_string())])
        }
        Reason::NoCriticalQa { reviews: None } => i18n.t("awards.reason.no_qa_reviews"),
        Reason::NoGuardRail => i18n.t("awards.reason.no_guard_rail"),
        Reason::GradeAtLeast { grade, min } => i18n.tf(
            "awards.reason.grade",
            &[
                ("grade", &grade_name(i18n, *grade)),
                ("min", &grade_name(i18n, *min)),
            ],
        ),
    }
}

pub fn failure_text(i18n: I18n, failure: &Failure, card: &Scorecard) -> String {
    match failure {
        Failure::TooFewContacts { records, min } => i18n.tf(
            "awards.failure.contacts",
            &[
                ("records", &display::count(u64::from(*records))),
                ("min", &display::count(u64::from(*min))),
            ],
        ),
        Failure::CriticalQa { count, reviews } => i18n.tf(
            "awards.failure.critical_qa",
            &[
                ("count", &count.to_string()),
                ("reviews", &reviews.to_string()),
            ],
        ),
        Failure::GuardRail { rails } => {
            let texts: Vec<String> = rails
                .iter()
                .map(|rail| rail_text(i18n, rail, &CardNames { i18n, card }))
                .collect();
            i18n.tf(
                "awards.failure.guard_rail",
                &[("rails", &texts.join(&i18n.t("awards.rule.separator")))],
            )
        }
        Failure::GradeBelow {
            grade: Some(grade),
            min,
        } => i18n.tf(
            "awards.failure.grade",
            &[
                ("grade", &grade_name(i18n, *grade)),
                ("min", &grade_name(i18n, *min)),
            ],
        ),
        Failure::GradeBelow { grade: None, min } => i18n.tf(
            "awards.failure.no_grade",
            &[("min", &grade_name(i18n, *min))],
        ),
    }
}
