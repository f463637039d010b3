//! Review files, the JSON colleagues exchange: export the whole work or a team, agent or
//! period of it ([`ReviewFileExport`]); import one with a preview of what each part of the
//! work gains and where it conflicts, choosing per item ([`ReviewFileImport`]).

mod export;
mod import;
mod preview;

pub use export::ReviewFileExport;
pub use import::ReviewFileImport;
