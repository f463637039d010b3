//! Version 1 of the saved state, frozen: what builds wrote from the first IndexedDB save
//! until version 2, and the step that upgrades it. Keys arrived one at a time while the
//! version stayed 1, each absent in states saved before it:
//!
//! | key | since | absent means |
//! | --- | --- | --- |
//! | `saved_state_version`, `origin`, `scorecards` | the first save | (required) |
//! | `imports`, `mappings` | the first save | none |
//! | `awards` | awards (commit 14a4c68) | the built-in awards of the time (`v1_default_awards.json`) |
//! | `feedback`: `surveys`, `qa_reviews`, `reviews360`, `anonymity_k` | forms (bbc24ba) | none, and k = 3 |
//! | `actions` | improvement plans (f133558) | none |
//! | `scheme_review`, and `appeals` inside `feedback` | appeals and scheme review (afb4de9) | the yearly default cycle with no review held; no appeal |
//!
//! Inside `feedback` any key could be left out. Unknown keys were refused everywhere.
//! The step works on plain JSON: it writes each default out, which is the whole of
//! version 2's difference in content (version 2 requires every key).

use serde_json::{json, Map, Value};

/// Every top-level key version 1 ever had.
const KEYS: [&str; 9] = [
    "saved_state_version",
    "origin",
    "imports",
    "scorecards",
    "mappings",
    "awards",
    "feedback",
    "actions",
    "scheme_review",
];

/// The built-in award rules when `awards` arrived, as version 2 writes them: what a state
/// saved before awards meant. Frozen here so a later change of the built-in awards or of
/// their shape never changes what this step produces.
const DEFAULT_AWARDS: &str = include_str!("v1_default_awards.json");

/// What version 1 meant by an absent `feedback.anonymity_k`.
const DEFAULT_ANONYMITY_K: u32 = 3;

/// Version 1 to 2: refuses unknown keys (as version 1 did), writes out every default.
pub(super) fn to_v2(mut value: Value) -> Result<Value, String> {
    let object = value.as_object_mut().ok_or("not a JSON object")?;
    if let Some(unknown) = object.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown field `{unknown}`; a version 1 saved state has: {}",
            KEYS.join(", ")
        ));
    }
    for key in ["imports", "mappings", "actions"] {
        object.entry(key).or_insert_with(|| json!([]));
    }
    if !object.contains_key("awards") {
        let awards: Value = serde_json::from_str(DEFAULT_AWARDS).expect("frozen JSON parses");
        object.insert("awards".into(), awards);
    }
    let feedback = section(object, "feedback")?;
    for key in ["surveys", "qa_reviews", "reviews360", "appeals"] {
        feedback.entry(key).or_insert_with(|| json!([]));
    }
    feedback
        .entry("anonymity_k")
        .or_insert_with(|| json!(DEFAULT_ANONYMITY_K));
    section(object, "scheme_review")?
        .entry("log")
        .or_insert_with(|| json!([]));
    Ok(value)
}

/// The object under `key`, an empty one when absent.
fn section<'a>(
    object: &'a mut Map<String, Value>,
    key: &str,
) -> Result<&'a mut Map<String, Value>, String> {
    object
        .entry(key)
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| format!("`{key}` is not an object"))
}

/// The reader version 1 builds shipped, kept as it was to prove that the step reads every
/// version 1 state as they did.
#[cfg(test)]
mod shipped {
    use carescore_engine::awards::{default_awards, AwardRule};
    use carescore_engine::scorecard::ScorecardHistory;
    use serde::Deserialize;

    use crate::feedback::FeedbackStore;
    use crate::formats::review_file::SavedMapping;
    use crate::formats::saved_state::{from_json, ImportLog, SavedOrigin};
    use crate::plans::Plans;
    use crate::scheme_review::SchemeReview;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MetaV1 {
        #[serde(rename = "saved_state_version")]
        _version: u32,
        origin: SavedOrigin,
        #[serde(default)]
        imports: Vec<ImportLog>,
        scorecards: ScorecardHistory,
        #[serde(default)]
        mappings: Vec<SavedMapping>,
        #[serde(default = "default_awards")]
        awards: Vec<AwardRule>,
        #[serde(default)]
        feedback: FeedbackStore,
        #[serde(default)]
        actions: Plans,
        #[serde(default)]
        scheme_review: SchemeReview,
    }

    #[test]
    fn the_step_reads_every_version_1_fixture_as_version_1_builds_did() {
        let fixtures = [
            include_str!("../../../tests/fixtures/saved_state/v1-first.json"),
            include_str!("../../../tests/fixtures/saved_state/v1-awards.json"),
            include_str!("../../../tests/fixtures/saved_state/v1-feedback.json"),
            include_str!("../../../tests/fixtures/saved_state/v1-actions.json"),
            include_str!("../../../tests/fixtures/saved_state/v1-scheme-review.json"),
        ];
        for text in fixtures {
            let shipped: MetaV1 = serde_json::from_str(text).unwrap();
            let work = from_json(text).unwrap();
            assert_eq!(work.origin, shipped.origin);
            assert_eq!(work.imports, shipped.imports);
            assert_eq!(work.scorecards, shipped.scorecards.validated().unwrap());
            assert_eq!(work.mappings, shipped.mappings);
            assert_eq!(work.awards, shipped.awards);
            assert_eq!(work.feedback, shipped.feedback);
            assert_eq!(work.actions, shipped.actions);
            assert_eq!(work.scheme_review, shipped.scheme_review);
        }
    }
}
