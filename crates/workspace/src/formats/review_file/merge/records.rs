//! Records, scorecard versions, mappings and the import log: the data and how it is read.
//! `record_fields` become the union of both sides' (a field either source had stays
//! present; records that lacked it hold "missing", N/A and never 0).

use std::collections::BTreeMap;
use std::sync::Arc;

use carescore_engine::records::{ContactRecord, FieldSet, RecordStore};
use carescore_engine::scorecard::{ScorecardHistory, ScorecardVersion};

use crate::formats::saved_state::{ImportLog, SavedOrigin};
use crate::Workspace;

use super::super::{
    canonical_history, fields_of, record_entries, with_derived, Document, ImportEntry, RecordEntry,
    SavedMapping,
};
use super::items::{self, keyed, Keyed};
use super::{Choices, Section, SectionPreview};

/// An import's id: the whole entry, in words (two imports are the same only if equal).
fn import_id(entry: &ImportEntry) -> String {
    format!(
        "{}: {} rows read, {} added, {} updated, {} duplicates, {} rejected",
        entry.file, entry.rows_read, entry.added, entry.updated, entry.duplicates, entry.rejected
    )
}

fn my_records(current: &Workspace, replaces_demo: bool) -> Vec<RecordEntry> {
    if replaces_demo {
        Vec::new()
    } else {
        record_entries(&current.records)
    }
}

fn versions(history: &ScorecardHistory) -> Keyed<ScorecardVersion> {
    keyed(&history.versions, |v| v.effective_from.to_string())
}

fn imports(current: &Workspace, replaces_demo: bool) -> Keyed<ImportEntry> {
    let mine: Vec<ImportEntry> = if replaces_demo {
        Vec::new()
    } else {
        current.imports.iter().map(ImportEntry::from).collect()
    };
    keyed(&mine, import_id)
}

pub(super) fn preview(
    current: &Workspace,
    incoming: &Document,
    replaces_demo: bool,
    out: &mut BTreeMap<Section, SectionPreview>,
) {
    let mine = keyed(&my_records(current, replaces_demo), |r| r.key.clone());
    let theirs = keyed(&incoming.records, |r| r.key.clone());
    out.insert(
        Section::Records,
        items::preview(Section::Records, &mine, &theirs, "record"),
    );
    if let Some(history) = &incoming.scorecards {
        let section = Section::ScorecardVersions;
        let preview = items::preview(
            section,
            &versions(&current.scorecards),
            &versions(history),
            "version",
        );
        out.insert(section, preview);
    }
    let by_signature = |m: &SavedMapping| m.signature.clone();
    out.insert(
        Section::Mappings,
        items::preview(
            Section::Mappings,
            &keyed(&current.mappings, by_signature),
            &keyed(&incoming.mappings, by_signature),
            "mapping",
        ),
    );
    if let Some(theirs) = &incoming.imports {
        let preview = items::preview(
            Section::Imports,
            &imports(current, replaces_demo),
            &keyed(theirs, import_id),
            "import",
        );
        out.insert(Section::Imports, preview);
    }
}

pub(super) fn apply(
    current: &Workspace,
    incoming: &Document,
    choices: &Choices,
    replaces_demo: bool,
    merged: &mut Workspace,
) {
    let mine = my_records(current, replaces_demo);
    let my_fields = fields_of(&current.records, &mine);
    let mut fields = FieldSet::default();
    if !replaces_demo {
        my_fields.iter().for_each(|&field| fields.insert(field));
    }
    let fields = with_derived(fields.union(incoming.field_set()));
    let mine = keyed(&mine, |r| r.key.clone());
    let theirs = keyed(&incoming.records, |r| r.key.clone());
    let (entries, changed) = items::apply(Section::Records, mine, theirs, choices);
    let same_fields = fields.iter().eq(my_fields.iter().copied());
    if replaces_demo || changed || !same_fields {
        let records: Vec<ContactRecord> = entries.iter().map(RecordEntry::to_record).collect();
        merged.records = Arc::new(RecordStore::from_records(&records, Some(fields)));
    }
    if replaces_demo || (current.origin == SavedOrigin::Empty && !merged.records.is_empty()) {
        merged.origin = SavedOrigin::Imported;
    }
    if let Some(history) = &incoming.scorecards {
        let section = Section::ScorecardVersions;
        let mine = versions(&current.scorecards);
        let (versions, _) = items::apply(section, mine, self::versions(history), choices);
        merged.scorecards = canonical_history(ScorecardHistory {
            schema_version: current.scorecards.schema_version,
            versions,
        });
    }
    let by_signature = |m: &SavedMapping| m.signature.clone();
    let mine = keyed(&current.mappings, by_signature);
    let theirs = keyed(&incoming.mappings, by_signature);
    merged.mappings = items::apply(Section::Mappings, mine, theirs, choices).0;
    if let Some(theirs) = &incoming.imports {
        let mine = imports(current, replaces_demo);
        let (entries, _) = items::apply(Section::Imports, mine, keyed(theirs, import_id), choices);
        merged.imports = entries.iter().map(ImportLog::from).collect();
    } else if replaces_demo {
        merged.imports = Vec::new();
    }
}
