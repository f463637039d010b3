//! What the panel shows at each step: the file opened, the check's progress, the result
//! of the check.

use std::rc::Rc;

use carescore_workspace::display;
use leptos::prelude::*;

use super::report::QualityReportView;
use super::run::{Checked, Phase};
use crate::data_worker::protocol::{CheckPhase, Opened};
use crate::i18n::use_i18n;

/// The file's name, encoding and size, and the sheet picker of a workbook.
#[component]
pub(super) fn SourceLine(
    opened: Opened,
    on_sheet: impl Fn(web_sys::Event) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let sheets = (opened.sheets.len() > 1).then(|| {
        let current = opened.sheet.clone().unwrap_or_default();
        let options = opened
            .sheets
            .iter()
            .map(|name| {
                let selected = *name == current;
                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
            })
            .collect_view();
        view! {
            <label class="field field-inline">
                <span class="field-label">{i18n.t("import.sheet")}</span>
                <select data-testid="import-sheet" on:change=on_sheet>{options}</select>
            </label>
        }
    });
    let encoding = match &opened.sheet {
        Some(sheet) => format!("{} · {sheet}", opened.encoding),
        None => opened.encoding.clone(),
    };
    view! {
        <p class="muted" data-testid="import-source">
            {i18n.tf("import.source", &[
                ("file", &opened.name),
                ("encoding", &encoding),
                ("bytes", &display::count(opened.bytes as u64)),
            ])}
        </p>
        {sheets}
    }
}

/// The check's progress bar and its Cancel.
#[component]
pub(super) fn ProgressView(
    phase: RwSignal<Option<Phase>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fraction = move || match phase.get() {
        Some(Phase::Worker(CheckPhase::Reading { fraction, .. })) => fraction,
        Some(_) => 1.0,
        None => 0.0,
    };
    let label = move || match phase.get() {
        Some(Phase::Worker(CheckPhase::Reading { rows, .. })) => i18n.tf(
            "import.progress_reading",
            &[("rows", &display::count(rows as u64))],
        ),
        Some(Phase::Worker(CheckPhase::Checking)) => i18n.t("import.progress_checking"),
        Some(Phase::Worker(CheckPhase::Merging)) => i18n.t("import.progress_merging"),
        Some(Phase::Measuring) => i18n.t("import.progress_measuring"),
        None => i18n.t("import.progress_starting"),
    };
    view! {
        <div class="import-progress" data-testid="import-progress">
            <progress max="1" prop:value=fraction aria-label=move || i18n.t("import.progress")></progress>
            <span role="status">{label}</span>
            <button
                type="button"
                class="button"
                data-testid="import-cancel"
                on:click=move |_| on_cancel.run(())
            >
                {move || i18n.t("import.cancel")}
            </button>
        </div>
    }
}

/// What the import would change, and the data-quality report.
#[component]
pub(super) fn CheckedView(result: Rc<Checked>) -> impl IntoView {
    let i18n = use_i18n();
    let m = result.summary.merged;
    let summary = if m.replaces_demo {
        i18n.tf(
            "import.will_replace_demo",
            &[("records", &display::count(m.total as u64))],
        )
    } else {
        i18n.tf(
            "import.will_add",
            &[
                ("added", &display::count(m.added as u64)),
                ("updated", &display::count(m.updated as u64)),
                ("total", &display::count(m.total as u64)),
            ],
        )
    };
    view! {
        <div class="import-checked" data-testid="import-checked" data-elapsed-ms=format!("{:.0}", result.elapsed_ms) data-worker-ms=format!("{:.0}", result.summary.worker_ms)>
            <p class="notice" data-testid="import-summary">{summary}</p>
            <QualityReportView report=result.summary.report.clone() file=result.summary.file.clone() />
        </div>
    }
}
