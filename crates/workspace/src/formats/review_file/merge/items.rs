//! The one rule every section merges by, over items with ids: an item only the file has
//! is added; one equal on both sides is unchanged; one that differs is a conflict, kept
//! as mine unless the choices take theirs. Nothing is ever removed, and my order is kept
//! (new items follow in the file's order), since awards and actions are listed in it.

use std::collections::HashMap;

use serde::Serialize;

use super::diff::field_diffs;
use super::{Choice, Choices, Conflict, Section, SectionPreview};

/// Items of one section with their ids, in order.
pub(crate) type Keyed<T> = Vec<(String, T)>;

/// What merging `theirs` into `mine` would do to one section.
pub(crate) fn preview<T: PartialEq + Serialize>(
    section: Section,
    mine: &Keyed<T>,
    theirs: &Keyed<T>,
    root: &str,
) -> SectionPreview {
    let index: HashMap<&str, &T> = mine.iter().map(|(id, item)| (id.as_str(), item)).collect();
    let mut preview = SectionPreview::default();
    for (id, their_item) in theirs {
        match index.get(id.as_str()) {
            None => preview.added.push(id.clone()),
            Some(my_item) if *my_item == their_item => preview.unchanged += 1,
            Some(my_item) => preview.conflicts.push(Conflict {
                section,
                id: id.clone(),
                fields: field_diffs(*my_item, their_item, root),
            }),
        }
    }
    preview
}

/// `mine` with `theirs` merged in, and whether anything changed.
pub(crate) fn apply<T: PartialEq>(
    section: Section,
    mine: Keyed<T>,
    theirs: Keyed<T>,
    choices: &Choices,
) -> (Vec<T>, bool) {
    let mut merged = mine;
    let mut index: HashMap<String, usize> = merged
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.clone(), i))
        .collect();
    let mut changed = false;
    for (id, item) in theirs {
        match index.get(&id) {
            None => {
                index.insert(id.clone(), merged.len());
                merged.push((id, item));
                changed = true;
            }
            Some(&at) => {
                if merged[at].1 != item && choices.choice_for(section, &id) == Choice::TakeTheirs {
                    merged[at].1 = item;
                    changed = true;
                }
            }
        }
    }
    (merged.into_iter().map(|(_, item)| item).collect(), changed)
}

/// Items keyed by `id`.
pub(crate) fn keyed<T: Clone>(items: &[T], id: impl Fn(&T) -> String) -> Keyed<T> {
    items.iter().map(|item| (id(item), item.clone())).collect()
}
