//! `carescore review merge A B --out C`: merges B (theirs) into A (mine) with the library's
//! preview and merge. Conflicts are never resolved silently: without `--take` they are
//! listed and nothing is written.

use std::path::{Path, PathBuf};

use carescore_workspace::Workspace;

use carescore_workspace::formats::review_file::{
    apply_merge, preview_merge, Choice, Choices, Conflict, Document, FieldDiff, MergePreview, Scope,
};

use crate::review_read::{read_document, Problem};
use crate::review_summary::counted;

/// Ids shown per section before "and N more".
const IDS_SHOWN: usize = 5;
/// Differing fields shown per conflict before "and N more".
const FIELDS_SHOWN: usize = 8;

pub struct MergeArgs {
    pub mine: PathBuf,
    pub theirs: PathBuf,
    pub out: PathBuf,
    pub take: Option<Choice>,
}

/// Runs the merge; `Err` holds the lines for stderr.
pub fn merge(args: &MergeArgs) -> Result<Vec<String>, Vec<String>> {
    let mine_name = args.mine.display().to_string();
    let theirs_name = args.theirs.display().to_string();
    let (mine, theirs) = match (read_document(&args.mine), read_document(&args.theirs)) {
        (Ok(mine), Ok(theirs)) => (mine, theirs),
        (mine, theirs) => {
            let problems = [(mine.err(), &mine_name), (theirs.err(), &theirs_name)];
            return Err(problems
                .into_iter()
                .filter_map(|(problem, name)| problem.map(|p: Problem| p.line(name)))
                .collect());
        }
    };
    let workspace = base_workspace(&mine, &theirs);
    let preview = preview_merge(&workspace, &theirs);
    let conflicts: Vec<&Conflict> = preview.conflicts().collect();
    let mut lines = vec![format!(
        "merging {theirs_name} (theirs) into {mine_name} (mine)"
    )];
    lines.extend(section_lines(&preview));
    let Some(take) = args
        .take
        .or(conflicts.is_empty().then_some(Choice::KeepOurs))
    else {
        lines.extend(conflicts.iter().map(|c| conflict_line(c, None)));
        lines.push(format!(
            "carescore: review merge: {} between {mine_name} and {theirs_name}; nothing \
             written (choose a side for all with --take theirs or --take mine)",
            counted(conflicts.len(), "conflicts")
        ));
        return Err(lines);
    };
    lines.extend(conflicts.iter().map(|c| conflict_line(c, Some(take))));
    if !conflicts.is_empty() {
        let (how, side) = match take {
            Choice::TakeTheirs => ("taking theirs", &theirs_name),
            Choice::KeepOurs => ("keeping mine", &mine_name),
        };
        lines.push(format!(
            "resolved {}: all by {how} ({side})",
            counted(conflicts.len(), "conflicts")
        ));
    }
    let merged = merged_document(
        &mine,
        &theirs,
        apply_merge(&workspace, &theirs, &Choices::all(take)),
    );
    let out_name = args.out.display().to_string();
    write_merged(&args.out, &merged).map_err(|reason| vec![format!("{out_name}: {reason}")])?;
    lines.push(format!("wrote {out_name}"));
    Ok(lines)
}

/// MINE as the workspace the library merges a file into. A section MINE says nothing
/// about starts empty rather than as a new workspace's defaults, so THEIRS's items are
/// added, not shown in conflict with a default MINE never held.
fn base_workspace(mine: &Document, theirs: &Document) -> Workspace {
    let mut workspace = mine.to_workspace();
    if mine.scorecards.is_none() {
        workspace.scorecards.versions.clear();
    }
    if mine.awards.is_none() {
        workspace.awards.clear();
    }
    if let (None, Some(their_feedback)) = (&mine.feedback, &theirs.feedback) {
        workspace.feedback.anonymity_k = their_feedback.anonymity_k;
    }
    workspace
}

/// The merged workspace as a review file that says no more than the two files did: a
/// section neither held stays out (rather than a new workspace's defaults), and the scope
/// stays when both files share it, else it is the workspace.
fn merged_document(mine: &Document, theirs: &Document, merged: Workspace) -> Document {
    let mut document = Document::from_workspace(&merged);
    document.scope = if mine.scope == theirs.scope {
        mine.scope.clone()
    } else {
        Scope::Workspace
    };
    if mine.scorecards.is_none() && theirs.scorecards.is_none() {
        document.scorecards = None;
    }
    if mine.imports.is_none() && theirs.imports.is_none() {
        document.imports = None;
    }
    if mine.awards.is_none() && theirs.awards.is_none() {
        document.awards = None;
    }
    if mine.feedback.is_none() && theirs.feedback.is_none() {
        document.feedback = None;
    }
    if mine.actions.is_none() && theirs.actions.is_none() {
        document.actions = None;
    }
    if mine.scheme_review.is_none() && theirs.scheme_review.is_none() {
        document.scheme_review = None;
    }
    document
}

/// Writes through a temporary file, so C is never left half written, and checks that the
/// text reads back as a review file before it replaces anything.
fn write_merged(path: &Path, merged: &Document) -> Result<(), String> {
    let text = merged.to_json();
    Document::from_json(&text)
        .map_err(|error| format!("the merged file would not read back ({error}); not written"))?;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, text).map_err(|error| format!("cannot write: {error}"))?;
    std::fs::rename(&temporary, path).map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write: {error}")
    })
}

/// `records: 3 added (T-1, T-2, T-3), 6 unchanged, 1 conflict`, per section the file
/// holds, in the library's display order.
fn section_lines(preview: &MergePreview) -> Vec<String> {
    preview
        .sections
        .iter()
        .map(|(section, part)| {
            let added = &part.added;
            let mut words = vec![if added.is_empty() {
                "nothing added".to_string()
            } else {
                let mut shown = added[..added.len().min(IDS_SHOWN)].join(", ");
                if added.len() > IDS_SHOWN {
                    shown.push_str(&format!(" and {} more", added.len() - IDS_SHOWN));
                }
                format!("{} added ({shown})", added.len())
            }];
            if part.unchanged > 0 {
                words.push(format!("{} unchanged", part.unchanged));
            }
            if !part.conflicts.is_empty() {
                words.push(counted(part.conflicts.len(), "conflicts"));
            }
            format!("{}: {}", section_name(section.token()), words.join(", "))
        })
        .collect()
}

/// A section in words (`qa_reviews` -> `QA reviews`); one this build does not know reads
/// as its token with spaces.
fn section_name(token: &str) -> String {
    match token {
        "awards" => "award rules",
        "qa_reviews" => "QA reviews",
        "reviews360" => "360 reviews",
        "anonymity_k" => "anonymity threshold",
        "actions" => "improvement actions",
        "review_cycle" => "scheme review cycle",
        "held_reviews" => "scheme reviews held",
        other => return other.replace('_', " "),
    }
    .to_string()
}

/// The item's id, or nothing for a section of one item named after it (`anonymity_k`,
/// the review `cycle`).
fn item_id(token: &str, id: &str) -> String {
    if id == token || token.split('_').any(|word| word == id) {
        String::new()
    } else {
        format!(" {id}")
    }
}

/// `conflict: records T-1002: csat (mine 4, theirs 5), ...`, and how it was resolved.
fn conflict_line(conflict: &Conflict, take: Option<Choice>) -> String {
    let mut listed = conflict.fields[..conflict.fields.len().min(FIELDS_SHOWN)]
        .iter()
        .map(field_text)
        .collect::<Vec<_>>()
        .join(", ");
    if conflict.fields.len() > FIELDS_SHOWN {
        listed.push_str(&format!(
            " and {} more",
            conflict.fields.len() - FIELDS_SHOWN
        ));
    }
    let outcome = match take {
        None => "",
        Some(Choice::TakeTheirs) => " -> took theirs",
        Some(Choice::KeepOurs) => " -> kept mine",
    };
    let token = conflict.section.token();
    format!(
        "conflict: {}{}: {listed}{outcome}",
        section_name(token),
        item_id(token, &conflict.id)
    )
}

/// `csat (mine 4, theirs 5)`; a side without a value is `absent`.
fn field_text(diff: &FieldDiff) -> String {
    let side = |value: &Option<String>| value.as_deref().map_or("absent".into(), cut);
    format!(
        "{} (mine {}, theirs {})",
        diff.field,
        side(&diff.mine),
        side(&diff.theirs)
    )
}

/// A value cut to 40 characters: a conflict line stays readable.
fn cut(text: &str) -> String {
    if text.chars().count() > 40 {
        text.chars().take(40).chain(['…']).collect()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_workspace::formats::review_file::Section;

    #[test]
    fn every_section_has_a_name_and_single_items_no_repeated_id() {
        for section in Section::ALL {
            let name = section_name(section.token());
            assert!(!name.contains('_'), "{name}");
        }
        assert_eq!(item_id("anonymity_k", "anonymity_k"), "");
        assert_eq!(item_id("review_cycle", "cycle"), "");
        assert_eq!(item_id("records", "T-1"), " T-1");
    }

    #[test]
    fn a_conflict_line_names_the_section_the_item_and_each_field() {
        let conflict = Conflict {
            section: Section::ScorecardVersions,
            id: "2026-09-01".into(),
            fields: vec![
                FieldDiff {
                    field: "scorecard.dimensions[0].weight".into(),
                    mine: Some("40".into()),
                    theirs: Some("50".into()),
                },
                FieldDiff {
                    field: "reason".into(),
                    mine: None,
                    theirs: Some("x".repeat(50)),
                },
            ],
        };
        assert_eq!(
            conflict_line(&conflict, Some(Choice::TakeTheirs)),
            format!(
                "conflict: scorecard versions 2026-09-01: scorecard.dimensions[0].weight \
                 (mine 40, theirs 50), reason (mine absent, theirs {}…) -> took theirs",
                "x".repeat(40)
            )
        );
    }
}
