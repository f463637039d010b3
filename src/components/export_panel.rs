//! Results and the scorecard as CSV for people who live in Excel (UTF-8 with a BOM so
//! Excel shows Chinese; cells that look like formulas are neutralised). The CLI writes the
//! same tables as an XLSX workbook (`carescore score --out results.xlsx`).

use carescore_engine::export::{results_table, scorecard_table, table_to_csv, Table};
use carescore_engine::metrics::GroupBy;
use leptos::prelude::*;

use crate::download::{save_file, today};
use crate::i18n::use_i18n;
use crate::state::use_app_state;

#[component]
pub fn ExportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let status = RwSignal::new(None::<String>);
    let offer = move |name: String, table: Table| {
        let outcome = save_file(
            &name,
            "text/csv;charset=utf-8",
            table_to_csv(&table).as_bytes(),
        );
        status.set(Some(match outcome {
            Ok(()) => i18n.tf("review_file.exported", &[("file", &name)]),
            Err(why) => why,
        }));
    };
    let export_results = move |by: GroupBy| {
        let Some((_, scores)) = state.scored() else {
            return;
        };
        // The scored tables: the workspace's rows with the feedback measures joined in.
        let (scored, what) = match by {
            GroupBy::Team => (&scores.teams, "teams"),
            _ => (&scores.agents, "agents"),
        };
        let table = &scored.table;
        let name = format!("carescore-results-{what}-{}.csv", today());
        offer(
            name,
            results_table(what, by, table, &scored.scheme, &scored.board),
        );
    };
    let export_scorecard = move |_| {
        let history = state.history_untracked();
        if let Some(latest) = history.versions.iter().max_by_key(|v| v.effective_from) {
            let name = format!("carescore-scorecard-{}.csv", latest.effective_from);
            offer(name, scorecard_table(&latest.scorecard));
        }
    };
    view! {
        <section class="panel" data-testid="export-panel">
            <h2 class="section-title">{move || i18n.t("export.title")}</h2>
            <p class="help">{move || i18n.t("export.help")}</p>
            <div class="button-row">
                <button type="button" class="button" data-testid="export-agents-csv"
                    on:click=move |_| export_results(GroupBy::Agent)>
                    {move || i18n.t("export.agents")}
                </button>
                <button type="button" class="button" data-testid="export-teams-csv"
                    on:click=move |_| export_results(GroupBy::Team)>
                    {move || i18n.t("export.teams")}
                </button>
                <button type="button" class="button" data-testid="export-scorecard-csv" on:click=export_scorecard>
                    {move || i18n.t("export.scorecard")}
                </button>
            </div>
            <p class="status" role="status">{move || status.get()}</p>
        </section>
    }
}
