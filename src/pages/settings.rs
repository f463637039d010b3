//! Settings: interface language, where data is kept, and starting over (empty or demo).

use leptos::prelude::*;

use crate::app::LanguageSelect;
use crate::components::review_file::{ReviewFileExport, ReviewFileImport};
use crate::i18n::use_i18n;
use crate::state::use_app_state;
use crate::storage::{use_storage, StorageMode};

/// What the last workspace action did, confirmed to the user below the buttons.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Done {
    DemoLoaded,
    Cleared,
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let storage = use_storage();
    let state = use_app_state();
    let confirming_clear = RwSignal::new(false);
    let done = RwSignal::new(None::<Done>);

    let storage_line = move || match storage.mode() {
        StorageMode::Persistent => i18n.t("settings.storage_persistent"),
        StorageMode::MemoryOnly => i18n.t("settings.storage_memory"),
    };
    let storage_mode = match storage.mode() {
        StorageMode::Persistent => "persistent",
        StorageMode::MemoryOnly => "memory",
    };
    let load_demo = move |_| {
        confirming_clear.set(false);
        state.load_demo();
        done.set(Some(Done::DemoLoaded));
    };
    let clear = move |_| {
        confirming_clear.set(false);
        state.clear_workspace();
        done.set(Some(Done::Cleared));
    };
    let status = move || {
        done.get().map(|what| match what {
            Done::DemoLoaded => i18n.t("settings.demo_loaded"),
            Done::Cleared => i18n.t("settings.cleared"),
        })
    };
    let version = env!("CARGO_PKG_VERSION");

    view! {
        <section class="page page-settings" data-testid="page-settings">
            <h1 tabindex="-1">{move || i18n.t("settings.title")}</h1>

            <section class="card">
                <h2>{move || i18n.t("settings.language_heading")}</h2>
                <label class="field">
                    <span class="field-label">{move || i18n.t("language.label")}</span>
                    <LanguageSelect test_id="settings-language-select" />
                </label>
                <p class="help">{move || i18n.t("settings.language_help")}</p>
            </section>

            <section class="card">
                <h2>{move || i18n.t("settings.storage_heading")}</h2>
                <p data-testid="settings-storage-mode" data-mode=storage_mode>
                    {storage_line}
                </p>
                <p class="help">{move || i18n.t("settings.storage_frames")}</p>
            </section>

            <section class="card" data-testid="settings-review-files">
                <h2>{move || i18n.t("review_file.heading")}</h2>
                <p class="help">{move || i18n.t("review_file.help")}</p>
                <ReviewFileExport />
                <ReviewFileImport />
            </section>

            <section class="card">
                <h2>{move || i18n.t("settings.workspace_heading")}</h2>
                <div class="action-row">
                    <button
                        type="button"
                        class="button"
                        data-testid="settings-load-demo"
                        on:click=load_demo
                    >
                        {move || i18n.t("settings.load_demo")}
                    </button>
                    <p class="help">{move || i18n.t("settings.load_demo_help")}</p>
                </div>
                <div class="action-row">
                    <button
                        type="button"
                        class="button button-danger"
                        data-testid="settings-clear-workspace"
                        aria-expanded=move || confirming_clear.get().to_string()
                        on:click=move |_| {
                            done.set(None);
                            confirming_clear.set(true);
                        }
                    >
                        {move || i18n.t("settings.clear")}
                    </button>
                    <p class="help">{move || i18n.t("settings.clear_help")}</p>
                </div>
                // An inline confirmation, not window.confirm(): sandboxed frames without
                // allow-modals silently answer "cancel" to it.
                <Show when=move || confirming_clear.get()>
                    <div class="confirm" role="group" data-testid="settings-clear-dialog">
                        <p>{move || i18n.t("settings.clear_question")}</p>
                        <div class="button-row">
                            <button
                                type="button"
                                class="button button-danger"
                                data-testid="settings-clear-confirm"
                                on:click=clear
                            >
                                {move || i18n.t("settings.clear_confirm")}
                            </button>
                            <button
                                type="button"
                                class="button"
                                data-testid="settings-clear-cancel"
                                on:click=move |_| confirming_clear.set(false)
                            >
                                {move || i18n.t("settings.cancel")}
                            </button>
                        </div>
                    </div>
                </Show>
                <p class="status" role="status" data-testid="settings-status">
                    {status}
                </p>
            </section>

            <section class="card">
                <h2>{move || i18n.t("settings.about_heading")}</h2>
                <p>{move || i18n.tf("settings.version", &[("version", version)])}</p>
                <p class="help">{move || i18n.t("settings.privacy")}</p>
            </section>
        </section>
    }
}
