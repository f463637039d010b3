//! The App: provides storage, language, router and state, then draws the header, the
//! banners and the page the hash names.

use leptos::prelude::*;

use crate::download::save_file;
use crate::i18n::{use_i18n, I18n, Locale};
use crate::pages::{
    AgentPage, AwardsPage, CalibrationPage, DashboardPage, DataPage, FormsPage, NotFoundPage,
    PlansPage, PrintPage, SchemeReviewPage, ScorecardPage, SettingsPage, TeamPage,
    WeeklyReviewPage,
};
use crate::router::{use_router, Route, Router, MAIN_ID};
use crate::state::persist::SaveStatus;
use crate::state::{use_app_state, AppState};
use crate::storage::workspace_db::SaveError;
use crate::storage::{use_storage, StorageError, StorageHandle, StorageMode};

/// The whole app, on the browser's own storage (or memory when that is blocked).
#[component]
pub fn App() -> impl IntoView {
    view! { <AppWithStorage storage=StorageHandle::open() /> }
}

/// The whole app on a given store; tests pass an in-memory one.
#[component]
pub fn AppWithStorage(storage: StorageHandle) -> impl IntoView {
    // Order matters: language and state read the store from context.
    storage.provide();
    let i18n = I18n::provide(storage);
    let router = Router::provide();
    router.focus_heading_on_change();
    let state = AppState::provide();
    Effect::new(move |_| {
        if !state.is_loading() {
            mark_ready();
        }
    });

    view! {
        <div class="app">
            <SkipLink />
            <Header />
            <Banners />
            <main class="app-main" id=MAIN_ID tabindex="-1">{move || page_for(router.route())}</main>
            <footer class="app-footer">
                <p>{move || i18n.t("app.footer_privacy")}</p>
            </footer>
        </div>
    }
}

/// The first focusable element: moves focus to the main region. A click handler, not a
/// plain `#main` link, because the hash is the route.
#[component]
fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id(MAIN_ID) {
            use leptos::wasm_bindgen::JsCast;
            if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = main.focus();
            }
        }
    };
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") data-testid="skip-link" on:click=skip>
            {move || i18n.t("app.skip_to_content")}
        </a>
    }
}

/// Marks `<body data-ready="true">` once the shell is mounted and the first workspace is in
/// place (the demo is generated after the first paint): end-to-end tests and the first-open
/// benchmark wait for it.
fn mark_ready() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-ready", "true");
    }
}

fn page_for(route: Route) -> AnyView {
    match route {
        Route::Dashboard => view! { <DashboardPage /> }.into_any(),
        Route::Team(name) => view! { <TeamPage name /> }.into_any(),
        Route::Agent(name) => view! { <AgentPage name /> }.into_any(),
        Route::Print(name) => view! { <PrintPage name /> }.into_any(),
        Route::Scorecard => view! { <ScorecardPage /> }.into_any(),
        Route::SchemeReview => view! { <SchemeReviewPage /> }.into_any(),
        Route::Awards => view! { <AwardsPage /> }.into_any(),
        Route::Forms => view! { <FormsPage /> }.into_any(),
        Route::Calibration => view! { <CalibrationPage /> }.into_any(),
        Route::Plans => view! { <PlansPage /> }.into_any(),
        Route::WeeklyReview => view! { <WeeklyReviewPage /> }.into_any(),
        Route::Data => view! { <DataPage /> }.into_any(),
        Route::Settings => view! { <SettingsPage /> }.into_any(),
        Route::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The sections in the navigation bar, in order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Dashboard,
    Scorecard,
    Awards,
    Forms,
    Plans,
    Data,
    Settings,
}

impl Section {
    const ALL: [Section; 7] = [
        Section::Dashboard,
        Section::Scorecard,
        Section::Awards,
        Section::Forms,
        Section::Plans,
        Section::Data,
        Section::Settings,
    ];

    fn route(self) -> Route {
        match self {
            Section::Dashboard => Route::Dashboard,
            Section::Scorecard => Route::Scorecard,
            Section::Awards => Route::Awards,
            Section::Forms => Route::Forms,
            Section::Plans => Route::Plans,
            Section::Data => Route::Data,
            Section::Settings => Route::Settings,
        }
    }

    /// The section a route belongs to: team and agent pages are reached from the dashboard.
    fn of(route: &Route) -> Option<Section> {
        match route {
            Route::Dashboard | Route::Team(_) | Route::Agent(_) | Route::Print(_) => {
                Some(Section::Dashboard)
            }
            Route::Scorecard | Route::SchemeReview => Some(Section::Scorecard),
            Route::Awards => Some(Section::Awards),
            Route::Forms | Route::Calibration => Some(Section::Forms),
            Route::Plans | Route::WeeklyReview => Some(Section::Plans),
            Route::Data => Some(Section::Data),
            Route::Settings => Some(Section::Settings),
            Route::NotFound => None,
        }
    }

    /// The end-to-end tests' handle on the link.
    fn test_id(self) -> &'static str {
        match self {
            Section::Dashboard => "nav-dashboard",
            Section::Scorecard => "nav-scorecard",
            Section::Awards => "nav-awards",
            Section::Forms => "nav-forms",
            Section::Plans => "nav-plans",
            Section::Data => "nav-data",
            Section::Settings => "nav-settings",
        }
    }

    fn label(self, i18n: I18n) -> String {
        match self {
            Section::Dashboard => i18n.t("nav.dashboard"),
            Section::Scorecard => i18n.t("nav.scorecard"),
            Section::Awards => i18n.t("nav.awards"),
            Section::Forms => i18n.t("nav.forms"),
            Section::Plans => i18n.t("nav.plans"),
            Section::Data => i18n.t("nav.data"),
            Section::Settings => i18n.t("nav.settings"),
        }
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let links = Section::ALL
        .into_iter()
        .map(|section| {
            let current = move || Section::of(&router.route()) == Some(section);
            view! {
                <li>
                    <a
                        href=section.route().to_hash()
                        data-testid=section.test_id()
                        class="nav-link"
                        aria-current=move || current().then_some("page")
                    >
                        {move || section.label(i18n)}
                    </a>
                </li>
            }
        })
        .collect_view();

    view! {
        <header class="app-header" data-testid="app-header">
            <div class="header-bar">
                <a class="brand" href=Route::Dashboard.to_hash()>
                    <span class="brand-name">{move || i18n.t("app.name")}</span>
                    <span class="brand-tagline">{move || i18n.t("app.tagline")}</span>
                </a>
                <label class="language-picker">
                    <span class="language-label">{move || i18n.t("language.label")}</span>
                    <LanguageSelect test_id="language-select" />
                </label>
            </div>
            <nav class="app-nav" aria-label=move || i18n.t("nav.label")>
                <ul>{links}</ul>
            </nav>
        </header>
    }
}

/// A `<select>` of the interface languages, each named in its own script. Changing it
/// switches the whole interface and remembers the choice.
#[component]
pub fn LanguageSelect(
    /// The `data-testid` of the `<select>`; its option values are the locale codes.
    test_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = Locale::ALL
        .into_iter()
        .map(|locale| {
            view! {
                <option
                    value=locale.code()
                    lang=locale.code()
                    prop:selected=move || i18n.locale() == locale
                >
                    {move || i18n.t(locale.name_key())}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            class="language-select"
            data-testid=test_id
            on:change=move |ev| {
                if let Some(locale) = Locale::from_code(&event_target_value(&ev)) {
                    i18n.set(locale);
                }
            }
        >
            {options}
        </select>
    }
}

/// Warnings that concern the whole app: storage blocked (memory only), a failed save,
/// another tab's change, a saved state that could not be read.
#[component]
fn Banners() -> impl IntoView {
    let i18n = use_i18n();
    let storage = use_storage();
    let state = use_app_state();
    let persistence = state.persistence();
    let export_link = move || {
        view! {
            <a class="banner-action" href=Route::Settings.to_hash()>
                {move || i18n.t("storage.export_link")}
            </a>
        }
    };
    let memory_only = move || {
        (storage.mode() == StorageMode::MemoryOnly || persistence.memory_only()).then(|| {
            view! {
                <div class="banner banner-warning" role="status" data-testid="storage-banner">
                    <p>{move || i18n.t("storage.banner_memory")}</p>
                    {export_link()}
                </div>
            }
        })
    };
    let write_failed = move || {
        storage.last_error().map(|error| {
            let message = move || match error {
                StorageError::QuotaExceeded => i18n.t("storage.banner_quota"),
                _ => i18n.t("storage.banner_write_failed"),
            };
            view! {
                <div class="banner banner-error" role="alert" data-testid="storage-error-banner">
                    <p>{message}</p>
                    {export_link()}
                </div>
            }
        })
    };
    let save_failed = move || match persistence.status() {
        SaveStatus::Failed(SaveError::Conflict { .. }) => None,
        SaveStatus::Failed(error) => Some(view! {
            <div class="banner banner-error" role="alert" data-testid="save-error-banner">
                <p>{i18n.tf("saving.failed", &[("why", &error.to_string())])}</p>
                {export_link()}
            </div>
        }),
        _ => None,
    };
    let conflict = move || {
        let conflicted = persistence.changed_elsewhere()
            || matches!(
                persistence.status(),
                SaveStatus::Failed(SaveError::Conflict { .. })
            );
        conflicted.then(|| {
            let keep_mine = move |_| {
                leptos::task::spawn_local(async move {
                    persistence.adopt_saved_revision().await;
                    persistence.clear_status();
                });
            };
            view! {
                <div class="banner banner-warning" role="alert" data-testid="conflict-banner">
                    <p>{move || i18n.t("saving.conflict")}</p>
                    <button type="button" class="button" data-testid="conflict-reload"
                        on:click=|_| { let _ = window().location().reload(); }>
                        {move || i18n.t("saving.reload")}
                    </button>
                    <button type="button" class="button" data-testid="conflict-keep-mine" on:click=keep_mine>
                        {move || i18n.t("saving.keep_mine")}
                    </button>
                </div>
            }
        })
    };
    let corrupt = move || {
        persistence.corrupt().map(|corrupt| {
            if let Some(version) = corrupt.newer {
                return newer_banner(i18n, version).into_any();
            }
            let download = {
                let corrupt = corrupt.clone();
                move |_| {
                    let _ = save_file(
                        "carescore-damaged-workspace.json",
                        "application/json",
                        corrupt.blobs.meta.as_bytes(),
                    );
                    if let Some(records) = &corrupt.blobs.records {
                        let _ = save_file(
                            "carescore-damaged-records.bin",
                            "application/octet-stream",
                            records,
                        );
                    }
                }
            };
            view! {
                <div class="banner banner-error" role="alert" data-testid="corrupt-banner">
                    <p>{i18n.tf("saving.corrupt", &[("reason", &corrupt.reason)])}</p>
                    <button type="button" class="button" data-testid="corrupt-download" on:click=download>
                        {move || i18n.t("saving.download_corrupt")}
                    </button>
                    <button type="button" class="button" data-testid="corrupt-dismiss"
                        on:click=move |_| persistence.dismiss_corrupt()>
                        {move || i18n.t("saving.dismiss")}
                    </button>
                </div>
            }
            .into_any()
        })
    };
    view! { <div class="banners">{memory_only} {write_failed} {save_failed} {conflict} {corrupt}</div> }
}

/// A workspace saved by a newer CareScore: not damaged, so it is neither kept aside nor
/// overwritten; this page works in memory until a reload brings the newer build.
fn newer_banner(i18n: I18n, version: u64) -> impl IntoView {
    let version = version.to_string();
    view! {
        <div class="banner banner-warning" role="alert" data-testid="newer-banner">
            <p>{move || i18n.tf("saving.newer", &[("version", &version)])}</p>
            <button type="button" class="button" data-testid="newer-reload"
                on:click=|_| { let _ = window().location().reload(); }>
                {move || i18n.t("saving.reload")}
            </button>
        </div>
    }
}
