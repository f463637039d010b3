//! The rules of the web crate's house, checked on its own source:
//!
//! - the web crate holds views and browser glue only: every file names Leptos, a browser
//!   binding (`web_sys`, `wasm_bindgen`, `js_sys`, `gloo`) or the app's translations, or
//!   only declares and re-exports modules. A file that does none of these is pure model
//!   and belongs in a pure crate (the engine or the workspace), where the CLI and native
//!   tests reach it;
//! - a page imports no other page: what two pages share lives in `components/`.

use std::fs;
use std::path::{Path, PathBuf};

/// Words that make a file part of the web crate's job.
const WEB_WORDS: [&str; 9] = [
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "gloo",
    "idb::",
    "crate::i18n",
    "rust_i18n",
    // The binaries' entry points, which start the app or its worker.
    "carescore_web::",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).expect("a source file is UTF-8");
            let name = path
                .strip_prefix(root)
                .expect("under the crate")
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

/// Whether `text` holds anything but comments, attributes, module declarations and
/// `use` statements (which may run over several lines).
fn has_code(text: &str) -> bool {
    let mut in_use = false;
    for line in text.lines().map(str::trim) {
        let starts_use = ["use ", "pub use ", "pub(crate) use "]
            .iter()
            .any(|prefix| line.starts_with(prefix));
        if in_use || starts_use {
            in_use = !line.ends_with(';');
            continue;
        }
        let declaration = line.is_empty()
            || line.starts_with("//")
            || line.starts_with("#[")
            || ["mod ", "pub mod ", "pub(crate) mod "]
                .iter()
                .any(|prefix| line.starts_with(prefix));
        if !declaration {
            return true;
        }
    }
    false
}

/// Pure model in the web crate: files naming nothing of the browser or the UI.
fn pure_files(sources: &[(String, String)]) -> Vec<String> {
    sources
        .iter()
        .filter(|(_, text)| !WEB_WORDS.iter().any(|word| text.contains(word)))
        .filter(|(_, text)| has_code(text))
        .map(|(name, _)| name.clone())
        .collect()
}

/// The page a file under `src/pages/` belongs to (`agent` for `src/pages/agent/card.rs`).
fn page_of(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("src/pages/")?;
    let page = rest.split('/').next()?;
    Some(page.strip_suffix(".rs").unwrap_or(page)).filter(|page| *page != "mod")
}

/// `(file, other page)` for every page file that names another page's module.
fn pages_importing_pages(sources: &[(String, String)]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (name, text) in sources {
        let Some(page) = page_of(name) else { continue };
        for (index, _) in text.match_indices("crate::pages::") {
            let other: String = text[index + "crate::pages::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if other != page {
                found.push((name.clone(), other));
            }
        }
    }
    found
}

#[test]
fn the_web_crate_holds_no_pure_model() {
    let pure = pure_files(&sources());
    assert!(
        pure.is_empty(),
        "these files name no Leptos, browser binding or translation: move them to a pure \
         crate: {pure:?}"
    );
}

#[test]
fn no_page_imports_another_page() {
    let found = pages_importing_pages(&sources());
    assert!(found.is_empty(), "pages importing pages: {found:?}");
}

#[test]
fn the_checks_see_what_they_look_for() {
    let sources = vec![
        (
            "src/pages/agent/card.rs".to_string(),
            "use crate::pages::plans::Form;\nfn f() {}".to_string(),
        ),
        (
            "src/pages/plans/mod.rs".to_string(),
            "use crate::pages::plans::x;\nuse leptos::prelude::*;".to_string(),
        ),
        (
            "src/model.rs".to_string(),
            "//! A model.\npub struct Model;".to_string(),
        ),
        (
            "src/lib.rs".to_string(),
            "//! Modules.\npub mod a;\npub use a::B;".to_string(),
        ),
    ];
    assert_eq!(
        pages_importing_pages(&sources),
        [("src/pages/agent/card.rs".to_string(), "plans".to_string())]
    );
    assert_eq!(
        pure_files(&sources),
        [
            "src/pages/agent/card.rs".to_string(),
            "src/model.rs".to_string()
        ]
    );
}
