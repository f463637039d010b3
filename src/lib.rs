//! CareScore's web app: a Leptos client-side app. `main.rs` only mounts it, so the
//! browser tests can mount the same components.
//!
//! - [`app`]: the App (header, navigation, banners, the routed page)
//! - [`router`]: hash routing (`#/team/<name>`)
//! - [`i18n`]: interface language; texts in `locales/*.yml`
//! - [`storage`]: where small values are kept (localStorage, or memory when blocked)
//! - [`state`]: the workspace and its scores
//! - [`pages`]: one module per page
//! - [`components`]: what pages share (labels, widgets, the import panel, actions)
//! - [`charts`]: accessible SVG charts laid out by plotters
//! - [`data_worker`]: imports in a Web Worker (a second wasm module)

// Compiles every locales/*.yml into the app; `i18n::translate` looks texts up.
rust_i18n::i18n!("locales", fallback = "en");

pub mod app;
pub mod charts;
pub mod components;
pub mod data_worker;
pub mod download;
pub mod i18n;
pub mod pages;
pub mod router;
pub mod state;
pub mod storage;

// The house rules (no pure model here, no page importing a page), checked on the source.
#[cfg(test)]
mod house;

/// Mounts the App into `<body>`; the App marks the body `data-ready="true"` once its first
/// workspace is in place (see `app::AppWithStorage`).
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}

/// The stylesheets are merged by hand now and then; a lost brace silently moves every rule
/// after it into the block above (an `@media print` once swallowed the dashboard's rules).
#[cfg(test)]
mod stylesheet_tests {
    const SHEETS: [(&str, &str); 2] = [
        ("main.css", include_str!("../style/main.css")),
        ("pages.css", include_str!("../style/pages.css")),
    ];

    /// The sheet without its comments.
    fn code(css: &str) -> String {
        let mut out = String::new();
        let mut rest = css;
        while let Some(start) = rest.find("/*") {
            out.push_str(&rest[..start]);
            rest = rest[start..]
                .find("*/")
                .map_or("", |end| &rest[start + end + 2..]);
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn every_block_closes_where_it_opened_and_no_merge_marker_is_left() {
        for (name, css) in SHEETS {
            assert!(
                !css.contains("<<<<<<<") && !css.contains(">>>>>>>"),
                "{name}: a merge marker"
            );
            let mut depth = 0i32;
            for (number, line) in code(css).lines().enumerate() {
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                assert!(depth >= 0, "{name}:{}: a '}}' closes nothing", number + 1);
                // Only at-rules nest: a top-level rule starts at depth 0, so a line that
                // opens an at-rule must do so at depth 0.
                if line.trim_start().starts_with("@media") {
                    assert_eq!(
                        depth,
                        1,
                        "{name}:{}: @media inside another block",
                        number + 1
                    );
                }
            }
            assert_eq!(depth, 0, "{name}: a block is never closed");
        }
    }
}
