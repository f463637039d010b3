//! One line saying what a review file holds: its version and scope, its records (agents,
//! teams, dates), its scorecard versions, and a count of every other non-empty slice.
//! The slices this build knows are named in words; any other section (one a later version
//! adds) is still counted, from the document's serialised form.

use std::collections::BTreeSet;
use std::fmt;

use carescore_workspace::formats::review_file::Document;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::Serialize;
use serde_json::Value;

/// Sections the summary describes in words of its own; any other is counted generically.
const DESCRIBED: [&str; 12] = [
    "format",
    "schema_version",
    "scope",
    "record_fields",
    "records",
    "scorecards",
    "mappings",
    "imports",
    "awards",
    "feedback",
    "actions",
    "scheme_review",
];

/// What `document` holds, in one line; `written` is the version the file says it is (an
/// older file was upgraded on reading).
pub fn summary(mut document: Document, written: Option<u64>) -> String {
    let version = match written {
        Some(written) if written != u64::from(document.schema_version) => format!(
            "review file version {written} (read as version {})",
            document.schema_version
        ),
        _ => format!("review file version {}", document.schema_version),
    };
    let mut parts = vec![
        version,
        format!("scope {}", scope(&document)),
        records(&document),
        scorecards(&document),
    ];
    let mut count = |n: usize, plural: &str| {
        if n > 0 {
            parts.push(counted(n, plural));
        }
    };
    count(document.mappings.len(), "mappings");
    count(document.imports.as_ref().map_or(0, Vec::len), "imports");
    count(document.awards.as_ref().map_or(0, Vec::len), "award rules");
    if let Some(feedback) = &document.feedback {
        count(feedback.surveys.len(), "surveys");
        count(feedback.qa_reviews.len(), "QA reviews");
        count(feedback.reviews360.len(), "360 reviews");
        count(feedback.appeals.len(), "appeals");
    }
    count(
        document.actions.as_ref().map_or(0, |plans| plans.0.len()),
        "improvement actions",
    );
    count(
        document
            .scheme_review
            .as_ref()
            .map_or(0, |review| review.log.len()),
        "scheme reviews held",
    );
    // The records are described already; leaving them out keeps this cheap on big files.
    document.records = Vec::new();
    for (key, value) in entries(&document) {
        if !DESCRIBED.contains(&key.as_str()) {
            slice_counts(&key, &value, &mut parts);
        }
    }
    parts.join("; ")
}

fn scorecards(document: &Document) -> String {
    let Some(history) = &document.scorecards else {
        return "no scorecard history".to_string();
    };
    let dates: Vec<String> = history
        .versions
        .iter()
        .map(|version| version.effective_from.to_string())
        .collect();
    let shown = if dates.len() > 4 {
        format!("{} ... {}", dates[0], dates[dates.len() - 1])
    } else {
        dates.join(", ")
    };
    format!(
        "{} (from {shown})",
        counted(dates.len(), "scorecard versions")
    )
}

/// `team 华东一组, period 2026-09`: the kind, the value named after it, then the others.
fn scope(document: &Document) -> String {
    let scope = entries(&document.scope);
    let text = |value: &Value| {
        value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string)
    };
    let Some(kind) = scope
        .iter()
        .find(|(key, _)| key == "kind")
        .map(|(_, v)| text(v))
    else {
        return "unknown".to_string();
    };
    let mut words = vec![match scope.iter().find(|(key, _)| *key == kind) {
        Some((_, value)) => format!("{kind} {}", text(value)),
        None => kind.clone(),
    }];
    for (key, value) in &scope {
        if key != "kind" && *key != kind {
            words.push(format!("{key} {}", text(value)));
        }
    }
    words.join(", ")
}

fn records(document: &Document) -> String {
    let records = &document.records;
    let count = counted(records.len(), "records");
    let (Some(first), Some(last)) = (
        records.iter().map(|r| r.opened_at).min(),
        records.iter().map(|r| r.opened_at).max(),
    ) else {
        return count;
    };
    let agents: BTreeSet<&str> = records.iter().map(|r| r.agent.as_str()).collect();
    let teams: BTreeSet<&str> = records.iter().filter_map(|r| r.team.as_deref()).collect();
    let teams = match teams.len() {
        0 => String::new(),
        n => format!(" in {}", counted(n, "teams")),
    };
    format!(
        "{count} of {}{teams}, opened {} to {}",
        counted(agents.len(), "agents"),
        first.date(),
        last.date()
    )
}

/// `3 forms`: a non-empty list at the top level, or one level down in an object section.
fn slice_counts(key: &str, value: &Value, parts: &mut Vec<String>) {
    match value {
        Value::Array(items) if !items.is_empty() => parts.push(counted(items.len(), key)),
        Value::Object(object) => {
            for (inner, value) in object {
                if let Value::Array(items) = value {
                    if !items.is_empty() {
                        parts.push(counted(items.len(), inner));
                    }
                }
            }
        }
        _ => {}
    }
}

/// `1 mapping`, `2 scorecard versions`, `1 scheme review held`: `plural` names the
/// things counted (its first word ending in `s` is the plural).
pub fn counted(count: usize, plural: &str) -> String {
    let words = plural.replace('_', " ");
    if count != 1 {
        return format!("{count} {words}");
    }
    let mut one = Vec::new();
    let mut done = false;
    for word in words.split(' ') {
        match word.strip_suffix('s') {
            Some(stem) if !done && !stem.is_empty() => {
                one.push(stem);
                done = true;
            }
            _ => one.push(word),
        }
    }
    format!("1 {}", one.join(" "))
}

/// An object's entries in the order it serialises them (`serde_json::Map` sorts keys).
pub fn entries(item: &impl Serialize) -> Vec<(String, Value)> {
    let text = serde_json::to_string(item).expect("the library's types serialise");
    serde_json::from_str::<Entries>(&text)
        .map(|entries| entries.0)
        .unwrap_or_default()
}

struct Entries(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entries, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        assert_eq!(counted(1, "mappings"), "1 mapping");
        assert_eq!(counted(2, "scorecard_versions"), "2 scorecard versions");
        assert_eq!(counted(0, "records"), "0 records");
        assert_eq!(counted(1, "scheme reviews held"), "1 scheme review held");
        assert_eq!(counted(1, "award rules"), "1 award rule");
    }

    #[test]
    fn entries_keep_the_written_order() {
        let value = serde_json::json!({"b": 1, "a": 2});
        let keys: Vec<String> = entries(&value).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b"], "a Value map is sorted");
        #[derive(Serialize)]
        struct Ordered {
            zebra: u8,
            apple: u8,
        }
        let keys: Vec<String> = entries(&Ordered { zebra: 1, apple: 2 })
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["zebra", "apple"]);
    }
}
