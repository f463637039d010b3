//! Interface language. Texts live in `locales/*.yml` (rust-i18n file format 2, all
//! languages of a key side by side) and are compiled into the app by `rust_i18n::i18n!` in
//! lib.rs. The chosen language is a signal in context, so every text read with `i18n.t`
//! inside a reactive closure re-renders when the user switches language.
//!
//! In a view: `{move || i18n.t("nav.dashboard")}`; with a placeholder `%{name}`:
//! `i18n.tf("settings.version", &[("version", "1.0")])`.

use leptos::prelude::*;

use crate::storage::StorageHandle;

/// Where the chosen language is remembered.
pub const LOCALE_STORAGE_KEY: &str = "carescore.locale";

/// The languages the interface is translated into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    ZhCn,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::ZhCn];

    /// The BCP 47 tag: the key in the locale files, `<html lang>`, the `<select>` value.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The exact tag written by [`Locale::code`].
    pub fn from_code(code: &str) -> Option<Locale> {
        Locale::ALL.into_iter().find(|locale| locale.code() == code)
    }

    /// The best interface language for a browser language tag: any Chinese (`zh`, `zh-TW`,
    /// `zh-Hans-CN`) gets Simplified Chinese, everything else English.
    pub fn for_browser_language(tag: &str) -> Locale {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Locale::ZhCn
        } else {
            Locale::En
        }
    }

    /// The key of this language's own name, shown in the language menu.
    pub fn name_key(self) -> &'static str {
        match self {
            Locale::En => "language.english",
            Locale::ZhCn => "language.chinese",
        }
    }
}

/// The text of `key` in `locale`; English if the key lacks that language, and the key
/// itself if it is missing altogether (the locale tests keep that from shipping).
pub fn translate(locale: Locale, key: &str) -> String {
    rust_i18n::t!(key, locale = locale.code()).into_owned()
}

/// [`translate`], then replaces each `%{name}` placeholder by its value.
pub fn translate_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let text = translate(locale, key);
    let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
    let values: Vec<String> = args.iter().map(|(_, value)| value.to_string()).collect();
    rust_i18n::replace_patterns(&text, &names, &values)
}

/// The interface language in context. `Copy`: take it into closures freely.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
    storage: StorageHandle,
}

impl I18n {
    /// Picks the starting language (the remembered choice, else the browser's language),
    /// keeps `<html lang>` and the document title in step with it, and provides it to the
    /// component tree. Call once, in the App.
    pub fn provide(storage: StorageHandle) -> I18n {
        let i18n = I18n {
            locale: RwSignal::new(initial_locale(&storage)),
            storage,
        };
        Effect::new(move |_| {
            let locale = i18n.locale();
            if let Some(root) = document().document_element() {
                // The attribute steers CJK glyph choice, hyphenation and screen readers.
                let _ = root.set_attribute("lang", locale.code());
            }
            document().set_title(&translate(locale, "app.title"));
        });
        provide_context(i18n);
        i18n
    }

    /// The current language (reactive).
    pub fn locale(&self) -> Locale {
        self.locale.get()
    }

    /// Switches the interface language and remembers the choice. If storage refuses, the
    /// switch still happens for this session.
    pub fn set(&self, locale: Locale) {
        self.locale.set(locale);
        let _ = self.storage.set(LOCALE_STORAGE_KEY, locale.code());
    }

    /// The text of `key` in the current language (reactive).
    pub fn t(&self, key: &str) -> String {
        translate(self.locale(), key)
    }

    /// The text of `key` with `%{name}` placeholders filled in (reactive).
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        translate_with(self.locale(), key, args)
    }
}

/// The language provided by the App.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn initial_locale(storage: &StorageHandle) -> Locale {
    let remembered = storage
        .get(LOCALE_STORAGE_KEY)
        .ok()
        .flatten()
        .and_then(|code| Locale::from_code(&code));
    remembered.unwrap_or_else(|| {
        let browser_language = window().navigator().language().unwrap_or_default();
        Locale::for_browser_language(&browser_language)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    const ROOT: &str = env!("CARGO_MANIFEST_DIR");

    /// Every locale file, parsed as data: file name -> key -> locale -> text.
    fn locale_files() -> BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>> {
        let mut files = BTreeMap::new();
        let dir = Path::new(ROOT).join("locales");
        for entry in std::fs::read_dir(&dir).expect("locales/ folder") {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            assert!(
                matches!(ext, "yml" | "yaml"),
                "locales/ should hold only YAML files, found {}",
                path.display()
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: serde_yaml::Mapping = serde_yaml::from_str(&text)
                .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert_eq!(
                doc.get("_version").and_then(|v| v.as_u64()),
                Some(2),
                "{name}: use `_version: 2` (all locales of a key side by side)"
            );
            let mut keys = BTreeMap::new();
            for (key, value) in doc {
                let key = key.as_str().expect("string keys").to_string();
                if key == "_version" {
                    continue;
                }
                let texts: BTreeMap<String, String> = serde_yaml::from_value(value)
                    .unwrap_or_else(|err| panic!("{name}: key {key}: {err}"));
                keys.insert(key, texts);
            }
            files.insert(name, keys);
        }
        assert!(files.contains_key("shell.yml"));
        files
    }

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.match_indices("%{")
            .filter_map(|(start, _)| {
                let rest = &text[start + 2..];
                rest.find('}').map(|end| &rest[..end])
            })
            .collect()
    }

    #[test]
    fn every_key_has_every_language_with_the_same_placeholders() {
        let expected: BTreeSet<String> = Locale::ALL.iter().map(|l| l.code().to_string()).collect();
        for (file, keys) in locale_files() {
            for (key, texts) in keys {
                let present: BTreeSet<String> = texts.keys().cloned().collect();
                assert_eq!(present, expected, "{file}: key {key}");
                for (locale, text) in &texts {
                    assert!(!text.trim().is_empty(), "{file}: {key}.{locale} is empty");
                }
                let english = placeholders(&texts["en"]);
                for (locale, text) in &texts {
                    assert_eq!(
                        placeholders(text),
                        english,
                        "{file}: {key}.{locale} placeholders differ from English"
                    );
                }
            }
        }
    }

    #[test]
    fn no_key_is_defined_in_two_files() {
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        for (file, keys) in locale_files() {
            for key in keys.into_keys() {
                if let Some(first) = owner.insert(key.clone(), file.clone()) {
                    panic!("key {key} is in both {first} and {file}; merged, one would win");
                }
            }
        }
    }

    #[test]
    fn every_file_is_compiled_in_and_merged() {
        for (file, keys) in locale_files() {
            for (key, texts) in keys {
                for locale in Locale::ALL {
                    assert_eq!(
                        translate(locale, &key),
                        texts[locale.code()],
                        "{file}: {key} in {locale:?} (rebuild if a locale file just changed)"
                    );
                }
            }
        }
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Literal keys passed to `t` or `tf` (a quote right after the parenthesis). A call
    /// counts when the name is not the tail of a longer identifier, so `format!` and
    /// `alert` calls do not.
    fn keys_used_in(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for call in ["t", "tf"] {
            let needle = format!("{call}(\"");
            for (at, _) in source.match_indices(&needle) {
                let before = source[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = &source[at + needle.len()..];
                if let Some(end) = rest.find('"') {
                    keys.push(rest[..end].to_string());
                }
            }
        }
        keys
    }

    #[test]
    fn every_key_used_in_the_source_exists() {
        let known: BTreeSet<String> = locale_files()
            .into_values()
            .flat_map(|keys| keys.into_keys())
            .collect();
        let mut files = Vec::new();
        rust_files(&Path::new(ROOT).join("src"), &mut files);
        let mut used = 0;
        let mut missing = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            // Unit tests may use made-up keys (this file's own scanner test does).
            let shipped = source.split("#[cfg(test)]").next().unwrap_or("");
            for key in keys_used_in(shipped) {
                used += 1;
                if !known.contains(&key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(used > 10, "the scan found only {used} keys; is it broken?");
        assert!(
            missing.is_empty(),
            "keys missing from locales/:\n{}",
            missing.join("\n")
        );
        for locale in Locale::ALL {
            assert!(known.contains(locale.name_key()));
        }
    }

    #[test]
    fn the_key_scan_sees_calls_and_skips_longer_names() {
        let source = r#"i18n.t("a.b") format!("x") tf("c", &[]) (t("d")) alert("e")"#;
        assert_eq!(keys_used_in(source), ["a.b", "d", "c"]);
    }

    #[test]
    fn browser_languages_map_to_interface_languages() {
        for tag in ["zh", "zh-CN", "zh-TW", "zh-Hans-CN", "ZH_cn"] {
            assert_eq!(Locale::for_browser_language(tag), Locale::ZhCn, "{tag}");
        }
        for tag in ["en", "en-US", "de-DE", "", "zu"] {
            assert_eq!(Locale::for_browser_language(tag), Locale::En, "{tag}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::from_code("fr"), None);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            translate_with(Locale::ZhCn, "settings.version", &[("version", "1.2.3")]),
            "CareScore 版本 1.2.3"
        );
    }
}
