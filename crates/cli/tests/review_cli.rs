//! Runs the built `carescore` binary's `review validate` and `review merge` on review files
//! written by the library itself (and edited into bad ones).

mod common;
use common::review::{demo_document, write, write_edited, write_text};
use common::{carescore, stderr, stdout};

use carescore_workspace::formats::review_file::Document;
use serde_json::{json, Value};

#[test]
fn a_good_file_gets_one_summary_line() {
    let dir = common::scratch("review", "good");
    let file = write(&dir, "team.json", &demo_document());
    let output = carescore(&["review", "validate", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).is_empty());
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with(&format!("{file}: ok: review file version ")));
    for part in [
        "scope workspace",
        "60 records of 4 agents in 2 teams, opened 2026-07-",
        "1 scorecard version (from ",
        "award rules",
    ] {
        assert!(text.contains(part), "{part:?} in {text}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_truncated_file_says_so_in_one_line() {
    let dir = common::scratch("review", "truncated");
    let text = demo_document().to_json();
    let file = write_text(&dir, "cut.json", &text[..text.len() / 2]);
    let output = carescore(&["review", "validate", &file]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.starts_with(&format!("{file}: $: ")), "{message}");
    assert!(message.contains("ends too early"), "{message}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn every_unknown_key_every_bad_record_and_each_bad_section_is_listed_with_its_json_path() {
    let dir = common::scratch("review", "problems");
    let document = demo_document();
    let first_key = document.records[1].key.clone();
    let file = write_edited(&dir, "bad.json", &document, |value| {
        value["comments"] = json!("hello");
        value["zz_extra"] = json!(1);
        value["records"][1]["csat"] = json!("five");
        value["records"][3]["handle_secs"] = json!(-4);
        value["scorecards"]["versions"][0]["scorecard"]["dimensions"][1]["weight"] = json!(-1);
        value["feedback"]["anonymity_k"] = json!("three");
    });
    let output = carescore(&["review", "validate", &file]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 6, "{message}");
    assert!(lines[0].starts_with(&format!("{file}: comments: unknown key at the top level")));
    assert!(lines[1].starts_with(&format!("{file}: zz_extra: unknown key")));
    assert!(
        lines[2].starts_with(&format!("{file}: records[1].csat: must be a whole number")),
        "{message}"
    );
    assert!(
        lines[2].ends_with(&format!("(record 2, key {first_key})")),
        "{message}"
    );
    assert!(
        lines[3].starts_with(&format!("{file}: records[3].handle_secs: ")),
        "{message}"
    );
    assert!(
        lines[4].starts_with(&format!("{file}: scorecards.versions[0]: dimension `")),
        "{message}"
    );
    assert!(
        lines[5].starts_with(&format!("{file}: feedback.anonymity_k: invalid type")),
        "{message}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_problem_the_recovery_cannot_get_past_ends_the_list() {
    let dir = common::scratch("review", "fields");
    let file = write_edited(&dir, "fields.json", &demo_document(), |value| {
        value["record_fields"] = json!(["agent", "opened_at", "mood"]);
        value["feedback"]["anonymity_k"] = json!("three");
    });
    let output = carescore(&["review", "validate", &file]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with(&format!("{file}: record_fields[2]: \"mood\" is not")),
        "{message}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_wrong_value_and_a_newer_version_are_refused_with_their_place() {
    let dir = common::scratch("review", "wrong");
    let document = demo_document();
    let weight = write_edited(&dir, "weight.json", &document, |value| {
        value["scorecards"]["versions"][0]["scorecard"]["dimensions"][0]["weight"] = json!("heavy");
    });
    let newer = write_edited(&dir, "newer.json", &document, |value| {
        value["schema_version"] = json!(99);
    });
    let slice = write_edited(&dir, "slice.json", &document, |value| {
        value["feedback"]["anonymity_k"] = json!("three");
    });
    let good = write(&dir, "good.json", &document);
    let output = carescore(&["review", "validate", &weight, &newer, &slice, &good]);
    assert_eq!(output.status.code(), Some(2), "one bad file fails the run");
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "{message}");
    assert!(lines[2].starts_with(&format!(
        "{slice}: feedback.anonymity_k: invalid type: string \"three\""
    )));
    assert!(lines[0].starts_with(&format!(
        "{weight}: scorecards.versions[0].scorecard.dimensions[0].weight: invalid type: \
         string \"heavy\""
    )));
    assert!(lines[1].starts_with(&format!("{newer}: schema_version: ")));
    assert!(lines[1].contains("99"), "{message}");
    assert!(stdout(&output).starts_with(&format!("{good}: ok: ")));
    std::fs::remove_dir_all(dir).ok();
}

/// `document` with the csat of its first rated record changed: the same key, other contents.
fn with_other_csat(document: &Document) -> (Document, String, u8, u8) {
    let mut theirs = document.clone();
    let record = theirs
        .records
        .iter_mut()
        .find(|record| record.csat.is_some())
        .expect("the demo has rated contacts");
    let mine = record.csat.unwrap();
    let other = mine % 5 + 1;
    record.csat = Some(other);
    let key = record.key.clone();
    (theirs, key, mine, other)
}

#[test]
fn a_merge_without_conflicts_writes_the_file_and_says_what_was_added() {
    let dir = common::scratch("review", "merge");
    let whole = demo_document();
    let mut mine = whole.clone();
    mine.records.truncate(40);
    let mut theirs = whole.clone();
    theirs.records.drain(..20);
    let first_added = theirs.records[20].key.clone();
    let (a, b) = (write(&dir, "a.json", &mine), write(&dir, "b.json", &theirs));
    let out = dir.join("c.json").display().to_string();
    let output = carescore(&["review", "merge", &a, &b, "--out", &out]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(&format!("records: 20 added ({first_added}, ")),
        "{text}"
    );
    assert!(text.contains("and 15 more), 20 unchanged"), "{text}");
    assert!(
        text.contains("scorecard versions: nothing added, 1 unchanged"),
        "{text}"
    );
    assert!(!text.contains("conflict"), "{text}");
    let merged = Document::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(merged.records, whole.records);

    // Merging a file into itself changes nothing, byte for byte.
    let again = dir.join("again.json").display().to_string();
    let output = carescore(&["review", "merge", &out, &out, "--out", &again]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&out).unwrap());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_conflicting_merge_writes_nothing_unless_a_side_is_taken() {
    let dir = common::scratch("review", "conflict");
    let mine = demo_document();
    let (theirs, key, my_csat, their_csat) = with_other_csat(&mine);
    let (a, b) = (write(&dir, "a.json", &mine), write(&dir, "b.json", &theirs));
    let out = dir.join("c.json");
    let out_name = out.display().to_string();
    let conflict = format!("conflict: records {key}: csat (mine {my_csat}, theirs {their_csat})");

    let output = carescore(&["review", "merge", &a, &b, "--out", &out_name]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.exists(), "nothing written");
    let message = stderr(&output);
    assert!(message.contains(&conflict), "{message}");
    assert!(message.contains("1 conflict between"), "{message}");
    assert!(
        message.contains("--take theirs or --take mine"),
        "{message}"
    );

    for (side, csat, said) in [
        (
            "theirs",
            their_csat,
            "resolved 1 conflict: all by taking theirs",
        ),
        ("mine", my_csat, "resolved 1 conflict: all by keeping mine"),
    ] {
        let output = carescore(&[
            "review", "merge", &a, &b, "--out", &out_name, "--take", side,
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains(&conflict), "{text}");
        assert!(text.contains(said), "{text}");
        let merged = Document::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
        let record = merged.records.iter().find(|r| r.key == key).unwrap();
        assert_eq!(record.csat, Some(csat), "--take {side}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn conflicts_in_other_slices_are_listed_and_taken_too() {
    let dir = common::scratch("review", "slice-conflict");
    let mine = demo_document();
    let mut theirs = mine.clone();
    let my_k = mine.feedback.as_ref().unwrap().anonymity_k;
    let their_k = my_k - 1;
    theirs.feedback.as_mut().unwrap().anonymity_k = their_k;
    let (a, b) = (write(&dir, "a.json", &mine), write(&dir, "b.json", &theirs));
    let out = dir.join("c.json").display().to_string();
    let conflict =
        format!("conflict: anonymity threshold: anonymity_k (mine {my_k}, theirs {their_k})");
    let output = carescore(&["review", "merge", &a, &b, "--out", &out]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(&conflict), "{}", stderr(&output));
    let output = carescore(&["review", "merge", &a, &b, "--out", &out, "--take", "theirs"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains(&format!("{conflict} -> took theirs")));
    let merged = Document::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(merged.feedback.unwrap().anonymity_k, their_k);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn what_only_theirs_holds_is_added_not_set_against_a_default() {
    let dir = common::scratch("review", "only-theirs");
    let theirs = demo_document();
    let mut mine = theirs.clone();
    mine.scorecards = None;
    mine.awards = None;
    let (a, b) = (write(&dir, "a.json", &mine), write(&dir, "b.json", &theirs));
    let out = dir.join("c.json").display().to_string();
    let output = carescore(&["review", "merge", &a, &b, "--out", &out]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("scorecard versions: 1 added ("), "{text}");
    assert!(text.contains("award rules: "), "{text}");
    assert!(!text.contains("conflict"), "{text}");
    let merged = Document::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(merged.scorecards, theirs.scorecards);
    assert_eq!(merged.awards, theirs.awards);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_merge_with_a_bad_file_or_bad_arguments_names_the_problem() {
    let dir = common::scratch("review", "merge-bad");
    let a = write(&dir, "a.json", &demo_document());
    let b = write_text(&dir, "b.json", "[]");
    let out = dir.join("c.json");
    let out_name = out.display().to_string();
    let output = carescore(&["review", "merge", &a, &b, "--out", &out_name]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with(&format!("{b}: $: this is not a CareScore review file")));
    assert!(!out.exists());

    let output = carescore(&[
        "review", "merge", &a, &a, "--out", &out_name, "--take", "both",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--take must be theirs or mine"));
    let output = carescore(&["review", "merge", &a, "--out", &out_name]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("name two review files"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn help_describes_both_subcommands() {
    let output = carescore(&["review", "--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("review validate FILE"), "{text}");
    assert!(
        text.contains("review merge MINE THEIRS --out FILE"),
        "{text}"
    );
    let top = stdout(&carescore(&["--help"]));
    assert!(top.contains("review "), "{top}");
    let output = carescore(&["review", "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown subcommand"));
}

#[test]
fn the_summary_counts_slices_a_file_holds() {
    let dir = common::scratch("review", "slices");
    let mut document = demo_document();
    document.mappings = Vec::new();
    let file = write_edited(&dir, "slices.json", &document, |value| {
        value["imports"] = json!([]);
    });
    let output = carescore(&["review", "validate", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        !text.contains("imports"),
        "an empty slice is not counted: {text}"
    );
    let value: Value = serde_json::from_str(&document.to_json()).unwrap();
    let rules = value["awards"].as_array().map_or(0, Vec::len);
    assert!(rules > 1);
    assert!(text.contains(&format!("; {rules} award rules")), "{text}");
    std::fs::remove_dir_all(dir).ok();
}
