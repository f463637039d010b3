//! The checked import's buttons: Apply and Discard. Apply is refused when the check
//! accepted no row (applying would replace the demo with nothing), and asks first when
//! applying replaces records: all of the demo's, or those the file updates.

use carescore_workspace::display;
use carescore_workspace::formats::worker_protocol::MergedCounts;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;

/// Apply and Discard under a checked import. `accepted` is the rows the check accepted,
/// `merged` what applying would do to the records.
#[component]
pub fn ApplyControls(
    accepted: usize,
    merged: MergedCounts,
    on_apply: Callback<()>,
    on_discard: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let blocked = accepted == 0;
    // Records applying overwrites: the demo's all go; otherwise the updated ones.
    let replaced = if merged.replaces_demo {
        state.records().len()
    } else {
        merged.updated
    };
    let asking = RwSignal::new(false);
    let apply = move |_| {
        if blocked {
            return;
        }
        if replaced > 0 {
            asking.set(true);
        } else {
            on_apply.run(());
        }
    };
    let confirm = move |_| {
        asking.set(false);
        on_apply.run(());
    };
    view! {
        {blocked.then(|| view! {
            <p class="notice notice-error" role="alert" data-testid="import-nothing-accepted">
                {move || i18n.t("import.nothing_accepted")}
            </p>
        })}
        <div class="button-row">
            <button
                type="button"
                class="button button-primary"
                data-testid="import-apply"
                prop:disabled=move || blocked || asking.get()
                on:click=apply
            >
                {move || i18n.t("import.apply")}
            </button>
            <button type="button" class="button" data-testid="import-discard" on:click=move |_| on_discard.run(())>
                {move || i18n.t("import.discard")}
            </button>
        </div>
        // Inline, not window.confirm(): sandboxed frames without allow-modals answer
        // "cancel" to it silently.
        <Show when=move || asking.get()>
            <div class="confirm" role="group" data-testid="import-confirm">
                <p>{move || question(i18n, merged, replaced)}</p>
                <div class="button-row">
                    <button type="button" class="button button-danger" data-testid="import-confirm-apply" on:click=confirm>
                        {move || i18n.t("import.confirm_apply")}
                    </button>
                    <button type="button" class="button" data-testid="import-confirm-back" on:click=move |_| asking.set(false)>
                        {move || i18n.t("import.confirm_back")}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// What the confirmation asks: how many records are replaced, and by what.
fn question(i18n: I18n, merged: MergedCounts, replaced: usize) -> String {
    if merged.replaces_demo {
        i18n.tf(
            "import.confirm_replace_demo",
            &[
                ("replaced", &display::count(replaced as u64)),
                ("records", &display::count(merged.total as u64)),
            ],
        )
    } else {
        i18n.tf(
            "import.confirm_update",
            &[
                ("updated", &display::count(replaced as u64)),
                ("added", &display::count(merged.added as u64)),
            ],
        )
    }
}
