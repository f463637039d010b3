//! Reading scorecard files of any version: a newer one is refused in the words every
//! format uses, an older one is upgraded through [`CHAIN`].
//!
//! Policy: every change to a scorecard's shape adds one step to [`STEPS`] (which bumps
//! [`SCHEMA_VERSION`]) and a committed fixture of the old version in
//! `crates/engine/tests/fixtures/scorecard/` that must keep loading. The chain upgrades a
//! card; a history (`{"schema_version", "versions": [...]}`) shares the card's number, so
//! each of its cards is upgraded and the history's own number moves with them.

use serde_json::Value;

use super::{Scorecard, ScorecardHistory, SCHEMA_VERSION};
use crate::versioning::{Chain, Step};

/// `STEPS[i]` upgrades a card of version `i + 1` to `i + 2`. Empty: version 1 is the first.
pub const STEPS: &[Step] = &[];

/// The scorecard's version key and upgrades.
pub const CHAIN: Chain = Chain::new("schema_version", STEPS);

/// Reads a scorecard file: a history (it has `versions`) or a single card, which becomes a
/// history of one version. Validated; the error says what is wrong, and where.
pub fn read_json(text: &str) -> Result<ScorecardHistory, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    read_value(value)
}

/// [`read_json`] on JSON already parsed.
pub fn read_value(value: Value) -> Result<ScorecardHistory, String> {
    let history = if value.get("versions").is_some() {
        let history = upgrade_history(value)?;
        serde_json::from_value::<ScorecardHistory>(history)
            .map_err(|e| format!("bad scorecard history: {e}"))?
    } else {
        let (card, _) = CHAIN.to_current(value).map_err(|e| e.to_string())?;
        let card =
            serde_json::from_value::<Scorecard>(card).map_err(|e| format!("bad scorecard: {e}"))?;
        ScorecardHistory::single(card, "scorecard file")
    };
    history.validated().map_err(|e| e.to_string())
}

/// A history with every card upgraded, and its own number set to the current one.
fn upgrade_history(mut value: Value) -> Result<Value, String> {
    CHAIN.version_of(&value).map_err(|e| e.to_string())?;
    let versions = value
        .get_mut("versions")
        .and_then(Value::as_array_mut)
        .ok_or("`versions` is not a list")?;
    for (index, version) in versions.iter_mut().enumerate() {
        let Some(card) = version.get_mut("scorecard") else {
            continue; // serde names the missing field below
        };
        let (current, _) = CHAIN
            .to_current(card.take())
            .map_err(|e| format!("versions[{index}].scorecard: {e}"))?;
        *card = current;
    }
    value[CHAIN.key] = Value::from(SCHEMA_VERSION);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::defaults::{default_history, default_scorecard};

    const V1_HISTORY: &str = include_str!("../../tests/fixtures/scorecard/v1-history.json");

    #[test]
    fn the_committed_version_1_history_reads_with_its_values() {
        assert!(STEPS.is_empty() && SCHEMA_VERSION == 1);
        let history = read_json(V1_HISTORY).unwrap();
        assert_eq!(history.versions.len(), 2);
        let later = &history.versions[1];
        assert_eq!(later.effective_from.to_string(), "2026-08-01");
        assert_eq!(later.reason, "效率权重 25 → 20");
        let efficiency = later
            .scorecard
            .dimensions
            .iter()
            .find(|d| d.id == "efficiency")
            .unwrap();
        assert_eq!(efficiency.weight, 20.0);
        assert_eq!(history.versions[0].scorecard, default_scorecard());
    }

    #[test]
    fn a_single_card_reads_as_a_history_of_one() {
        let card = serde_json::to_string(&default_scorecard()).unwrap();
        let history = read_json(&card).unwrap();
        assert_eq!(history.versions.len(), 1);
        assert_eq!(history.versions[0].scorecard, default_scorecard());
        assert_eq!(
            read_json(&serde_json::to_string(&default_history()).unwrap()).unwrap(),
            default_history()
        );
    }

    #[test]
    fn a_newer_card_or_history_is_refused_in_the_shared_words() {
        let newer = "saved by a newer version of CareScore (v2): reload the page or update";
        let card = V1_HISTORY.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1);
        assert_eq!(read_json(&card).unwrap_err(), newer);
        let mut value: Value = serde_json::from_str(V1_HISTORY).unwrap();
        value["versions"][1]["scorecard"]["schema_version"] = Value::from(2);
        let error = read_value(value).unwrap_err();
        assert_eq!(error, format!("versions[1].scorecard: {newer}"));
        let mut single = serde_json::to_value(default_scorecard()).unwrap();
        single["schema_version"] = Value::from(7);
        assert!(read_value(single).unwrap_err().contains("(v7)"));
        // Validation of a card built in code says the same.
        let mut card = default_scorecard();
        card.schema_version = 3;
        let why = card.validate().unwrap_err().to_string();
        assert!(
            why.starts_with("saved by a newer version of CareScore (v3)"),
            "{why}"
        );
    }

    #[test]
    fn bad_files_say_why() {
        assert!(read_json("{").unwrap_err().starts_with("not JSON"));
        let no_version = read_json(r#"{"dimensions": []}"#).unwrap_err();
        assert!(no_version.contains("schema_version"), "{no_version}");
        let empty = read_json(r#"{"schema_version": 1, "versions": []}"#).unwrap_err();
        assert!(empty.contains("no version"), "{empty}");
    }
}
