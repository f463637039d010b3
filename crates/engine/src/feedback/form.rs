//! Form templates: what a survey, QA rubric, 360 questionnaire or scheme-feedback form
//! asks. A template is data (it travels in review files), identified by a stable `id`;
//! filled answers refer to its items by their ids.

use serde::{Deserialize, Serialize};

use crate::scorecard::Label;

/// What a form is for. JSON: `{"kind": "survey"}`, `{"kind": "review360", "role": "peer"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FormKind {
    /// A customer survey after a contact (CSAT, NPS, effort, comment).
    Survey,
    /// A QA rubric a reviewer fills for one conversation.
    Qa,
    /// A 360 questionnaire, one per rater role.
    Review360 { role: RaterRole },
    /// Agents' feedback on the evaluation scheme itself (员工反馈).
    SchemeFeedback,
}

/// Who fills a 360 questionnaire about the subject agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaterRole {
    /// The subject about themself (自评). JSON: `"self"`.
    #[serde(rename = "self")]
    SelfReview,
    /// A colleague (同事互评); anonymous below a threshold, see [`super::anonymity`].
    Peer,
    /// The subject's manager (上级评).
    Manager,
}

impl RaterRole {
    pub const ALL: [RaterRole; 3] = [RaterRole::SelfReview, RaterRole::Peer, RaterRole::Manager];

    /// The JSON spelling, also the prefix of 360 metric ids (`peer_teamwork_mean`).
    pub fn as_str(self) -> &'static str {
        match self {
            RaterRole::SelfReview => "self",
            RaterRole::Peer => "peer",
            RaterRole::Manager => "manager",
        }
    }
}

/// A form template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormTemplate {
    /// Stable id that responses name in `form_id` (`builtin.customer_survey`).
    pub id: String,
    pub kind: FormKind,
    /// The form's title in both UI languages.
    pub title: Label,
    pub sections: Vec<Section>,
}

/// A titled group of items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id, unique within the form.
    pub id: String,
    pub title: Label,
    pub items: Vec<Item>,
}

/// One question or rubric line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id, unique within the form; answers are keyed by it.
    pub id: String,
    /// The question as shown, in both languages.
    pub label: Label,
    pub input: ItemInput,
    /// An answer must be given (for a QA item, a mark or `"n/a"` where allowed).
    #[serde(default)]
    pub required: bool,
    /// The scorecard dimension this item informs (`teamwork`); 360 answers are averaged
    /// per dimension into metrics such as `peer_teamwork_mean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
}

/// What kind of answer an item takes. JSON: `{"kind": "rating", "min": 1, "max": 5}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemInput {
    /// Customer satisfaction, a whole number 1-5 (5 = very satisfied). Feeds
    /// `survey_csat_mean` and `survey_csat_top2_rate`.
    Csat,
    /// Net promoter question, a whole number 0-10. Feeds `survey_nps`.
    Nps,
    /// Customer effort score, a whole number 1-7, worded as agreement with "it was easy"
    /// (CES 2.0), so higher is better. Feeds `survey_ces_mean`.
    Effort,
    /// A whole number from `min` to `max` (a 360 statement, a scheme-feedback question).
    Rating { min: i32, max: i32 },
    /// Free text.
    FreeText,
    /// One of the listed options, answered by the option's id.
    SingleChoice { options: Vec<ChoiceOption> },
    /// A QA rubric line worth `points`: the reviewer gives 0 to `points` (fractions
    /// allowed), or `"n/a"` when `allow_na`. A `critical` line that earns less than its
    /// full points fails the whole review (its score becomes 0).
    QaCheck {
        points: u32,
        #[serde(default)]
        critical: bool,
        #[serde(default)]
        allow_na: bool,
    },
}

/// An option of a single-choice item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Stable id, the stored answer.
    pub id: String,
    pub label: Label,
}

impl ItemInput {
    /// The allowed range of a numeric input (QA: 0 to its points), `None` for text and
    /// choices.
    pub fn range(&self) -> Option<(f64, f64)> {
        match *self {
            ItemInput::Csat => Some((1.0, 5.0)),
            ItemInput::Nps => Some((0.0, 10.0)),
            ItemInput::Effort => Some((1.0, 7.0)),
            ItemInput::Rating { min, max } => Some((f64::from(min), f64::from(max))),
            ItemInput::QaCheck { points, .. } => Some((0.0, f64::from(points))),
            ItemInput::FreeText | ItemInput::SingleChoice { .. } => None,
        }
    }

    /// Whole numbers only (every numeric input but a QA mark, which may be a fraction).
    pub fn wants_whole_number(&self) -> bool {
        matches!(
            self,
            ItemInput::Csat | ItemInput::Nps | ItemInput::Effort | ItemInput::Rating { .. }
        )
    }
}

impl FormTemplate {
    /// Every item, section by section.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections
            .iter()
            .flat_map(|section| section.items.iter())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|item| item.id == id)
    }

    /// The template's own problems, in plain English (empty when usable): duplicate or
    /// empty ids, an empty range, a choice without options, a QA line worth nothing, a
    /// QA line outside a QA form.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push("the form has no id".to_string());
        }
        let mut seen: Vec<&str> = Vec::new();
        for section in &self.sections {
            for item in &section.items {
                let name = item_name(item);
                if item.id.trim().is_empty() {
                    problems.push(format!("an item in section `{}` has no id", section.id));
                } else if seen.contains(&item.id.as_str()) {
                    problems.push(format!("{name} appears twice"));
                } else {
                    seen.push(&item.id);
                }
                match &item.input {
                    ItemInput::Rating { min, max } if min >= max => problems.push(format!(
                        "{name}: the scale {min}-{max} is empty (min must be below max)"
                    )),
                    ItemInput::SingleChoice { options } if options.is_empty() => {
                        problems.push(format!("{name}: a single choice needs options"));
                    }
                    ItemInput::QaCheck { points: 0, .. } => {
                        problems.push(format!("{name}: a QA item must be worth at least 1 point"));
                    }
                    ItemInput::QaCheck { .. } if self.kind != FormKind::Qa => {
                        problems.push(format!("{name}: QA items belong in a QA form"));
                    }
                    _ => {}
                }
            }
        }
        problems
    }

    /// Total points of the QA items.
    pub fn qa_points(&self) -> u32 {
        self.items()
            .map(|item| match item.input {
                ItemInput::QaCheck { points, .. } => points,
                _ => 0,
            })
            .sum()
    }
}

/// How messages name an item: its id, and its English label when it has one.
pub(crate) fn item_name(item: &Item) -> String {
    match item.label.english_or_any() {
        Some(label) => format!("item `{}` ({label})", item.id),
        None => format!("item `{}`", item.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, input: ItemInput) -> Item {
        Item {
            id: id.to_string(),
            label: Label::new(id, id),
            input,
            required: false,
            dimension: None,
        }
    }

    #[test]
    fn json_spelling_is_stable() {
        let form = FormTemplate {
            id: "f".into(),
            kind: FormKind::Review360 {
                role: RaterRole::SelfReview,
            },
            title: Label::new("Self review", "自评"),
            sections: vec![Section {
                id: "s".into(),
                title: Label::new("S", "S"),
                items: vec![item("q", ItemInput::Rating { min: 1, max: 5 })],
            }],
        };
        let json = serde_json::to_value(&form).unwrap();
        assert_eq!(
            json["kind"],
            serde_json::json!({"kind": "review360", "role": "self"})
        );
        assert_eq!(
            json["sections"][0]["items"][0]["input"],
            serde_json::json!({"kind": "rating", "min": 1, "max": 5})
        );
        let back: FormTemplate = serde_json::from_value(json).unwrap();
        assert_eq!(back, form);
        let typo = r#"{"id":"f","kind":{"kind":"survey"},"title":{},"sections":[],"titel":1}"#;
        assert!(serde_json::from_str::<FormTemplate>(typo)
            .unwrap_err()
            .to_string()
            .contains("titel"));
    }

    #[test]
    fn template_problems_name_the_item() {
        let form = FormTemplate {
            id: "f".into(),
            kind: FormKind::Survey,
            title: Label::default(),
            sections: vec![Section {
                id: "s".into(),
                title: Label::default(),
                items: vec![
                    item("a", ItemInput::Rating { min: 5, max: 5 }),
                    item("a", ItemInput::FreeText),
                    item("c", ItemInput::SingleChoice { options: vec![] }),
                    item(
                        "d",
                        ItemInput::QaCheck {
                            points: 5,
                            critical: false,
                            allow_na: false,
                        },
                    ),
                ],
            }],
        };
        let problems = form.problems();
        assert_eq!(
            problems,
            [
                "item `a` (a): the scale 5-5 is empty (min must be below max)",
                "item `a` (a) appears twice",
                "item `c` (c): a single choice needs options",
                "item `d` (d): QA items belong in a QA form",
            ]
        );
    }
}
