//! Whole workspaces in review files: every slice survives export -> import -> export byte
//! for byte (a property over generated workspaces), selections cut every slice, and peer
//! reviewers stay anonymous in every file.

#[path = "review_file_support/examples.rs"]
mod examples;
#[path = "review_file_support/generate.rs"]
mod generate;
#[path = "review_file_support/work.rs"]
mod work;

use carescore_engine::feedback::appeals::AppealTarget;
use carescore_engine::feedback::RaterRole;
use carescore_engine::period::PeriodKind;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::review_file::{Document, RecordEntry, Scope, Selection};
use carescore_workspace::formats::saved_state::SavedOrigin;
use carescore_workspace::Workspace;
use chrono::NaiveDate;
use proptest::prelude::*;

use examples::example_document;
use generate::{generated, TEAMS};
use work::{appeal, day, noon, review360, Dice};

// ---------------------------------------------------------------------------------------
// Round trips of whole workspaces.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_whole_workspace_exports_imports_and_exports_byte_identically(seed in any::<u64>()) {
        let workspace = generated(seed);
        let text = Document::from_workspace(&workspace).to_json();
        let read = Document::from_json(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(read.to_json(), text.clone());
        let imported = read.to_workspace();
        prop_assert_eq!(Document::from_workspace(&imported).to_json(), text.clone());
        // Everything but peers' raters comes back as it was.
        prop_assert_eq!(&imported.awards, &workspace.awards);
        prop_assert_eq!(&imported.actions, &workspace.actions);
        prop_assert_eq!(&imported.scheme_review, &workspace.scheme_review);
        prop_assert_eq!(&imported.imports, &workspace.imports);
        prop_assert_eq!(imported.feedback.anonymity_k, workspace.feedback.anonymity_k);
        prop_assert_eq!(imported.feedback.surveys.len(), workspace.feedback.surveys.len());
        for review in &imported.feedback.reviews360 {
            if review.role == RaterRole::Peer {
                prop_assert!(review.rater.starts_with("peer-"), "{}", review.rater);
                // The same peer count, so the same figures shown or withheld.
                let summary = |w: &Workspace| w.feedback.peer_summary(&review.subject, &review.period).peers();
                prop_assert_eq!(summary(&imported), summary(&workspace));
            }
        }
        // A slice of it is a valid file too.
        let slice = read.select(&Selection {
            team: Some(TEAMS[0].into()),
            period: Some((PeriodKind::Month, "2026-08".into())),
            ..Selection::default()
        });
        prop_assert_eq!(Document::from_json(&slice.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?, slice);
    }
}

// ---------------------------------------------------------------------------------------
// Selections.

#[test]
fn a_selection_keeps_matching_records_and_every_scorecard_version() {
    let document = example_document();
    let team = Selection {
        team: Some("华东一组".into()),
        period: Some((PeriodKind::Month, "2026-09".into())),
        ..Selection::default()
    };
    let slice = document.select(&team);
    assert_eq!(slice.records.len(), 4);
    assert_eq!(
        slice.scope,
        Scope::Team {
            team: "华东一组".into(),
            period: Some("2026-09".into())
        }
    );
    assert!(
        slice.mappings.is_empty(),
        "a slice does not carry the sender's mappings"
    );
    assert_eq!(slice.scorecards, document.scorecards);
    assert_eq!(slice.record_fields, document.record_fields);
    let text = slice.to_json();
    assert_eq!(Document::from_json(&text).unwrap().to_json(), text);

    let agent = Selection {
        agent: Some("李娜".into()),
        team: Some("华东一组".into()),
        period: Some((PeriodKind::Day, "2026-09-16".into())),
    };
    let slice = document.select(&agent);
    assert_eq!(slice.records.len(), 1);
    assert!(matches!(slice.scope, Scope::Agent { ref agent, .. } if agent == "李娜"));

    let week = document.select(&Selection {
        period: Some((PeriodKind::Week, "2026-W36".into())),
        ..Selection::default()
    });
    assert_eq!(
        week.records.len(),
        4,
        "1-3 September 2026 are in ISO week 36"
    );
    assert_eq!(
        week.scope,
        Scope::Period {
            period: "2026-W36".into()
        }
    );

    let everything = document.select(&Selection {
        period: Some((PeriodKind::All, "all".into())),
        ..Selection::default()
    });
    assert_eq!(everything, document);
}

#[test]
fn a_selection_cuts_every_slice() {
    let document = example_document();
    let ids = |d: &Document| {
        let f = d.feedback.as_ref().unwrap();
        let mut ids: Vec<String> = f.surveys.iter().map(|s| s.id.clone()).collect();
        ids.extend(f.qa_reviews.iter().map(|q| q.id.clone()));
        ids.extend(f.reviews360.iter().map(|r| r.id.clone()));
        ids.extend(f.appeals.iter().map(|a| a.id().to_string()));
        ids.extend(d.actions.as_ref().unwrap().0.iter().map(|a| a.id.clone()));
        ids
    };
    // 张伟: his survey and QA review, the reviews of him, both appeals (his QA review and
    // his record T-1002), his action but not his team's.
    let agent = document.select(&Selection {
        agent: Some("张伟".into()),
        ..Selection::default()
    });
    assert_eq!(
        ids(&agent),
        [
            "survey-1", "qa-1", "r360-1", "r360-2", "r360-3", "r360-4", "r360-5", "appeal-1",
            "appeal-2", "act-1"
        ]
    );
    assert_eq!(agent.awards, document.awards, "award rules are centre-wide");
    assert_eq!(agent.scheme_review, document.scheme_review);
    assert_eq!(
        agent.imports, None,
        "a slice says nothing about the sender's imports"
    );
    assert!(agent.mappings.is_empty());
    // 华南二组 (Maria Santos): her survey and QA review; no 360 reviews, appeals or actions.
    let team = document.select(&Selection {
        team: Some("华南二组".into()),
        ..Selection::default()
    });
    assert_eq!(ids(&team), ["survey-3", "qa-3"]);
    // 华东一组's actions are due in October: the September slice has none.
    let september = document.select(&Selection {
        team: Some("华东一组".into()),
        period: Some((PeriodKind::Month, "2026-09".into())),
        ..Selection::default()
    });
    assert!(september.actions.as_ref().unwrap().0.is_empty());
    let october = document.select(&Selection {
        team: Some("华东一组".into()),
        period: Some((PeriodKind::Month, "2026-10".into())),
        ..Selection::default()
    });
    assert_eq!(ids(&october), ["act-1", "act-2"]);
    assert!(october.records.is_empty());
    // Quarters hold the months that start in them.
    let quarter = document.select(&Selection {
        period: Some((PeriodKind::Quarter, "2026-Q3".into())),
        ..Selection::default()
    });
    assert_eq!(quarter.feedback.as_ref().unwrap().reviews360.len(), 5);
}

// ---------------------------------------------------------------------------------------
// Anonymity.

/// A workspace where `peers` peers reviewed 张伟 in September, with a manager review.
fn peers_of_zhang(peers: &[&str]) -> Workspace {
    let mut dice = Dice(3);
    let mut feedback = FeedbackStore::default();
    for (i, rater) in peers.iter().enumerate() {
        let mut review = review360(
            &format!("r360-{}", i + 1),
            "张伟",
            rater,
            RaterRole::Peer,
            "2026-09",
            &mut dice,
        );
        review.comment = Some(format!("secret note {i}"));
        feedback.reviews360.push(review);
    }
    feedback.reviews360.push(review360(
        "r360-9",
        "张伟",
        "李经理",
        RaterRole::Manager,
        "2026-09",
        &mut dice,
    ));
    Workspace {
        origin: SavedOrigin::Imported,
        feedback,
        ..Workspace::default()
    }
}

#[test]
fn two_peers_leave_neither_their_names_nor_their_answers_in_a_file() {
    let workspace = peers_of_zhang(&["李娜", "Maria Santos"]);
    let text = Document::from_workspace(&workspace).to_json();
    for secret in [
        "李娜",
        "Maria Santos",
        "secret note",
        "r360-1",
        "r360-2",
        "builtin.review360_peer",
    ] {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
    }
    assert!(text.contains("李经理"), "a manager review keeps its rater");
    // An appeal on a peer review left out goes with it.
    let mut appealed = workspace.clone();
    appealed.feedback.appeals.push(appeal(
        "appeal-1",
        AppealTarget::Review {
            id: "r360-1".into(),
        },
        noon(day(2026, 9, 30)),
        None,
    ));
    let document = Document::from_workspace(&appealed);
    assert!(document.feedback.unwrap().appeals.is_empty());
}

#[test]
fn three_peers_leave_their_answers_under_pseudonyms_but_no_names() {
    let workspace = peers_of_zhang(&["李娜", "Maria Santos", "赵六"]);
    let document = Document::from_workspace(&workspace);
    let text = document.to_json();
    for name in ["李娜", "Maria Santos", "赵六"] {
        assert!(!text.contains(name), "{name} leaked");
    }
    let reviews = &document.feedback.as_ref().unwrap().reviews360;
    let peers: Vec<(&str, Option<&str>)> = reviews
        .iter()
        .filter(|r| r.role == RaterRole::Peer)
        .map(|r| (r.id.as_str(), r.peer.as_deref()))
        .collect();
    assert_eq!(
        peers,
        [
            ("r360-1", Some("peer-1")),
            ("r360-2", Some("peer-2")),
            ("r360-3", Some("peer-3"))
        ]
    );
    assert!(reviews
        .iter()
        .all(|r| r.role != RaterRole::Peer || r.rater.is_none()));
    assert_eq!(
        reviews[0].answers, workspace.feedback.reviews360[0].answers,
        "the answers travel"
    );
    assert!(
        text.contains("secret note 2"),
        "comments travel from k peers on"
    );
    // The recipient shows the same peer figures.
    let imported = document.to_workspace();
    let summary = |w: &Workspace| w.feedback.peer_summary("张伟", "2026-09");
    assert_eq!(summary(&imported), summary(&workspace));
    // One accepted appeal leaves two counted peers: below k again, so none travel.
    let mut appealed = workspace.clone();
    let mut decided = appeal(
        "appeal-1",
        AppealTarget::Review {
            id: "r360-2".into(),
        },
        noon(day(2026, 9, 30)),
        Some(true),
    );
    decided
        .comment("李经理", noon(day(2026, 10, 1)), "ok")
        .unwrap();
    appealed.feedback.appeals.push(decided);
    let reviews = Document::from_workspace(&appealed)
        .feedback
        .unwrap()
        .reviews360;
    assert_eq!(reviews.len(), 1, "only the manager's review");
    // A higher k withholds them too; the same pseudonyms come back after another review.
    let mut stricter = workspace.clone();
    stricter.feedback.anonymity_k = 4;
    assert_eq!(
        Document::from_workspace(&stricter)
            .feedback
            .unwrap()
            .reviews360
            .len(),
        1
    );
    let mut dice = Dice(5);
    stricter.feedback.reviews360.push(review360(
        "r360-10",
        "张伟",
        "钱七",
        RaterRole::Peer,
        "2026-09",
        &mut dice,
    ));
    let pseudonyms: Vec<Option<String>> = Document::from_workspace(&stricter)
        .feedback
        .unwrap()
        .reviews360
        .into_iter()
        .filter(|r| r.role == RaterRole::Peer)
        .map(|r| r.peer)
        .collect();
    assert_eq!(
        pseudonyms,
        [
            Some("peer-1".into()),
            Some("peer-4".into()),
            Some("peer-2".into()),
            Some("peer-3".into())
        ],
        "sorted by id; r360-10 came last"
    );
}

#[test]
fn record_entries_are_plain_values() {
    let document = example_document();
    let entry: &RecordEntry = &document.records[0];
    assert_eq!(entry.to_record().agent, entry.agent);
    assert_eq!(
        NaiveDate::from_ymd_opt(2026, 9, 1)
            .unwrap()
            .and_hms_opt(9, 12, 5)
            .unwrap(),
        document
            .records
            .iter()
            .find(|r| r.key == "T-1001")
            .unwrap()
            .opened_at
    );
}
