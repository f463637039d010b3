//! The empty-workspace notice: loading, a failure, or the way to demo data.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::router::Route;
use crate::state::{use_app_state, ScoresState, WorkspaceState};

/// What a page shows when there is nothing to score: why, and the way to demo data.
#[component]
pub fn NoWorkspace() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    move || {
        if state.is_loading() {
            return view! {
                <div class="empty-state" data-testid="workspace-loading" role="status" aria-busy="true">
                    <p>{i18n.t("empty.loading")}</p>
                </div>
            }
            .into_any();
        }
        let failure = match (state.workspace_state(), state.scores_state()) {
            (WorkspaceState::Failed(why), _) | (_, ScoresState::Failed(why)) => Some(why),
            _ => None,
        };
        view! {
            <div class="empty-state" data-testid="empty-workspace">
                <h2>{i18n.t("empty.title")}</h2>
                {failure.map(|why| view! { <p class="empty-error">{i18n.t("empty.failed")} " " <code>{why}</code></p> })}
                <p>{i18n.t("empty.body")}</p>
                <div class="empty-actions">
                    <button class="button button-primary" data-testid="empty-load-demo" on:click=move |_| state.load_demo()>
                        {i18n.t("empty.load_demo")}
                    </button>
                    <a class="button" href=Route::Data.to_hash()>{i18n.t("empty.to_data")}</a>
                    <a class="button" href=Route::Settings.to_hash()>{i18n.t("empty.to_settings")}</a>
                </div>
            </div>
        }
        .into_any()
    }
}
