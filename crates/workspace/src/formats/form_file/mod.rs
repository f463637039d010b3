//! Form files: a blank form (or its answers) travelling between browsers as a small
//! versioned JSON file, so a reviewer can fill a form in their own copy of the app and send
//! the answers back (issue 6). Pure Rust, tested natively; the Forms page's
//! `exchange` module reads and writes files with it.
//!
//! ```json
//! {"format": "carescore-form", "version": 1, "kind": "blank" | "answers",
//!  "template": <FormTemplate>, "subject": {"agent": .., "period": .., ...},
//!  "answers": <SurveyResponse | QaReview | Review360>}   // answers files only
//! ```
//!
//! Reading is strict (unknown fields refused) and checks answers with the engine against
//! the app's own template of the same id, so a file cannot smuggle in a friendlier form.
//! Errors are plain English naming the file and the field; the UI wraps them.

use carescore_engine::feedback::validate::{check_qa_review, check_review360, check_survey};
use carescore_engine::feedback::{
    FormKind, FormTemplate, QaReview, RaterRole, Review360, SurveyResponse,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::feedback::FeedbackStore;
use crate::formats::versioning::{Chain, Step, VersionError};

/// The `format` field of every form file.
pub const FORMAT: &str = "carescore-form";
/// `STEPS[i]` upgrades a file of version `i + 1` to `i + 2`. Empty: version 1 is the
/// first. Any change to the file's shape (a new key, or a change inside a template or a
/// response) adds a step and a fixture of the old version in `tests/fixtures/form_file/`.
pub const STEPS: &[Step] = &[];

/// The form file's version key and upgrades.
pub const CHAIN: Chain = Chain::new("version", STEPS);

/// The version this app writes, and the newest it reads.
pub const VERSION: u32 = CHAIN.current();
/// File name ending of a form file.
pub const EXTENSION: &str = ".carescore-form.json";

const FIELDS: [&str; 6] = [
    "format", "version", "kind", "template", "subject", "answers",
];

/// A blank form to fill, or the answers to one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Blank,
    Answers,
}

/// Who and what the form is about, set by the sender and locked for the reviewer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSubject {
    /// The agent the form is about.
    pub agent: String,
    /// Period label (`2026-03`) the form covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The day (survey submitted on / conversation date), when the sender set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The 360 rater role the reviewer answers as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer_role: Option<RaterRole>,
    /// Contact or conversation id the form is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A filled response of any kind, as the store keeps it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FilledResponse {
    Survey(SurveyResponse),
    Qa(QaReview),
    Review360(Review360),
}

impl FilledResponse {
    pub fn id(&self) -> &str {
        match self {
            FilledResponse::Survey(r) => &r.id,
            FilledResponse::Qa(r) => &r.id,
            FilledResponse::Review360(r) => &r.id,
        }
    }

    pub fn agent(&self) -> &str {
        match self {
            FilledResponse::Survey(r) => &r.agent,
            FilledResponse::Qa(r) => &r.agent,
            FilledResponse::Review360(r) => &r.subject,
        }
    }

    /// The id prefix the store uses for this kind (`survey`, `qa`, `r360`).
    pub fn id_prefix(&self) -> &'static str {
        match self {
            FilledResponse::Survey(_) => "survey",
            FilledResponse::Qa(_) => "qa",
            FilledResponse::Review360(_) => "r360",
        }
    }

    pub fn set_id(&mut self, id: String) {
        match self {
            FilledResponse::Survey(r) => r.id = id,
            FilledResponse::Qa(r) => r.id = id,
            FilledResponse::Review360(r) => r.id = id,
        }
    }

    /// The engine's problems with this response against `form`, as sentences.
    pub fn problems(&self, form: &FormTemplate) -> Vec<String> {
        let found = match self {
            FilledResponse::Survey(r) => check_survey(form, r),
            FilledResponse::Qa(r) => check_qa_review(form, r),
            FilledResponse::Review360(r) => check_review360(form, r),
        };
        found.into_iter().map(|p| p.message).collect()
    }

    /// The last response of `kind` in `store` (the one a fill just pushed).
    pub fn last_in(store: &FeedbackStore, kind: FormKind) -> Option<FilledResponse> {
        match kind {
            FormKind::Survey | FormKind::SchemeFeedback => {
                store.surveys.last().cloned().map(FilledResponse::Survey)
            }
            FormKind::Qa => store.qa_reviews.last().cloned().map(FilledResponse::Qa),
            FormKind::Review360 { .. } => store
                .reviews360
                .last()
                .cloned()
                .map(FilledResponse::Review360),
        }
    }

    /// Adds the response to `store`; refuses an id the store already holds.
    pub fn add_to(self, store: &mut FeedbackStore) -> Result<(), String> {
        let id = self.id().to_string();
        let taken = store.surveys.iter().any(|r| r.id == id)
            || store.qa_reviews.iter().any(|r| r.id == id)
            || store.reviews360.iter().any(|r| r.id == id);
        if taken {
            return Err(format!(
                "a response with id `{id}` is already saved (was this file imported before?)"
            ));
        }
        match self {
            FilledResponse::Survey(r) => store.surveys.push(r),
            FilledResponse::Qa(r) => store.qa_reviews.push(r),
            FilledResponse::Review360(r) => store.reviews360.push(r),
        }
        Ok(())
    }
}

/// One form file.
#[derive(Clone, Debug, PartialEq)]
pub struct FormFile {
    pub kind: FileKind,
    pub template: FormTemplate,
    pub subject: FormSubject,
    /// Present exactly when `kind` is [`FileKind::Answers`].
    pub answers: Option<FilledResponse>,
}

impl FormFile {
    pub fn blank(template: FormTemplate, subject: FormSubject) -> Self {
        FormFile {
            kind: FileKind::Blank,
            template,
            subject,
            answers: None,
        }
    }

    pub fn answers(template: FormTemplate, subject: FormSubject, answers: FilledResponse) -> Self {
        FormFile {
            kind: FileKind::Answers,
            template,
            subject,
            answers: Some(answers),
        }
    }

    pub fn to_json(&self) -> String {
        let mut object = Map::new();
        object.insert("format".into(), FORMAT.into());
        object.insert("version".into(), VERSION.into());
        object.insert("kind".into(), to_value(&self.kind));
        object.insert("template".into(), to_value(&self.template));
        object.insert("subject".into(), to_value(&self.subject));
        if let Some(answers) = &self.answers {
            object.insert("answers".into(), to_value(answers));
        }
        serde_json::to_string_pretty(&Value::Object(object)).unwrap_or_default()
    }

    /// The download name: `<template>-<agent>-<period>.carescore-form.json`, with
    /// `.answers` before the ending for an answers file.
    pub fn file_name(&self) -> String {
        let mut parts = vec![safe(&self.template.id), safe(&self.subject.agent)];
        if let Some(when) = self
            .subject
            .period
            .clone()
            .or_else(|| self.subject.date.map(|d| d.to_string()))
        {
            parts.push(safe(&when));
        }
        let answers = if self.kind == FileKind::Answers {
            ".answers"
        } else {
            ""
        };
        format!("{}{answers}{EXTENSION}", parts.join("-"))
    }

    /// Reads `text` (the file `file_name`). `known` are the app's templates: the file's
    /// template id must be one of them, and answers are checked against the app's own.
    pub fn read(file_name: &str, text: &str, known: &[FormTemplate]) -> Result<Self, String> {
        let fail = |what: String| format!("{file_name}: {what}");
        let value: Value =
            serde_json::from_str(text).map_err(|e| fail(format!("not a JSON file ({e})")))?;
        let mut object = upgraded(value).map_err(fail)?;
        let mut field = |name: &str| {
            object
                .remove(name)
                .ok_or_else(|| fail(format!("missing field `{name}`")))
        };
        let kind: FileKind = serde_json::from_value(field("kind")?)
            .map_err(|e| fail(format!("field `kind`: {e} (\"blank\" or \"answers\")")))?;
        let template: FormTemplate = serde_json::from_value(field("template")?)
            .map_err(|e| fail(format!("field `template`: {e}")))?;
        let subject: FormSubject = serde_json::from_value(field("subject")?)
            .map_err(|e| fail(format!("field `subject`: {e}")))?;
        let answers = object.remove("answers");
        let ours = known
            .iter()
            .find(|f| f.id == template.id)
            .ok_or_else(|| {
                fail(format!(
                    "field `template`: unknown form `{}` (this app does not offer it)",
                    template.id
                ))
            })?
            .clone();
        let answers = match (kind, answers) {
            (FileKind::Blank, None) => None,
            (FileKind::Blank, Some(_)) => {
                return Err(fail(
                    "field `answers`: a blank form carries no answers".into(),
                ))
            }
            (FileKind::Answers, None) => return Err(fail("missing field `answers`".into())),
            (FileKind::Answers, Some(value)) => {
                let response = typed_response(ours.kind, value)
                    .map_err(|e| fail(format!("field `answers`: {e}")))?;
                if response.agent() != subject.agent {
                    return Err(fail(format!(
                        "field `answers`: about `{}`, but the form was sent about `{}`",
                        response.agent(),
                        subject.agent
                    )));
                }
                let problems = response.problems(&ours);
                if !problems.is_empty() {
                    return Err(fail(format!("field `answers`: {}", problems.join("; "))));
                }
                Some(response)
            }
        };
        Ok(FormFile {
            kind,
            template: ours,
            subject,
            answers,
        })
    }
}

/// The file's object once it is known to be a form file, upgraded to the current version
/// and holding no key this version does not know. A newer file is refused before its keys
/// are looked at.
fn upgraded(value: Value) -> Result<Map<String, Value>, String> {
    let Value::Object(object) = &value else {
        return Err("not a form file (expected a JSON object)".into());
    };
    match object.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(format!(
                "field `format` is {other}, expected \"{FORMAT}\" (not a CareScore form file)"
            ))
        }
        None => return Err(format!("missing field `format` (\"{FORMAT}\")")),
    }
    let (value, _) = CHAIN.to_current(value).map_err(|e| match e {
        VersionError::Newer { .. } => e.to_string(),
        other => format!("field `version`: {other}"),
    })?;
    let Value::Object(object) = value else {
        return Err("not a form file (expected a JSON object)".into());
    };
    if let Some(unknown) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(format!("unknown field `{unknown}`"));
    }
    Ok(object)
}

/// The response type of a form kind, read from JSON.
fn typed_response(kind: FormKind, value: Value) -> Result<FilledResponse, serde_json::Error> {
    Ok(match kind {
        FormKind::Survey | FormKind::SchemeFeedback => {
            FilledResponse::Survey(serde_json::from_value(value)?)
        }
        FormKind::Qa => FilledResponse::Qa(serde_json::from_value(value)?),
        FormKind::Review360 { .. } => FilledResponse::Review360(serde_json::from_value(value)?),
    })
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A name part safe in file names on every system: letters (any script), digits, `.`,
/// `_` and `-` kept, anything else becomes `_`.
fn safe(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// An id for answers filled in another browser: unique across browsers (a stamp, e.g.
/// milliseconds since 1970), so importing does not clash with the manager's own `r360-1`.
pub fn received_id(prefix: &str, stamp: u64) -> String {
    format!("{prefix}-recv-{stamp}")
}

#[cfg(test)]
mod tests;
