//! The loaded workspace: the imported records, what the import rejected, and the metric
//! tables measured from them once (agent x month, team x month, centre x month). Scoring
//! reads only the tables, so a scorecard change never re-measures. Pure Rust: no Leptos,
//! so it is built and tested natively too.

use std::collections::BTreeSet;
use std::sync::Arc;

use carescore_engine::demo::{self, DemoConfig};
use carescore_engine::field::Field;
use carescore_engine::ingest::RejectedRow;
use carescore_engine::measure::MeasureTable;
use carescore_engine::metric_def::MetricDef;
use carescore_engine::metrics::{self, standard, GroupBy};
use carescore_engine::period::PeriodKind;
use carescore_engine::records::keys::record_key;
use carescore_engine::records::{secs_to_naive, ContactRecord, RecordStore};
use carescore_engine::scorecard::ScorecardHistory;

/// The reporting period the pages use. Months are what the managers review.
pub const PERIOD_KIND: PeriodKind = PeriodKind::Month;

/// Facts about the loaded records, for the Data page and the dashboard headline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataSummary {
    pub records: usize,
    pub rows_read: usize,
    pub agents: usize,
    pub teams: usize,
    pub channels: Vec<String>,
    /// First and last opening date (`YYYY-MM-DD`).
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Canonical fields present in the file, in canonical order.
    pub fields: Vec<Field>,
}

/// Where the workspace came from; the Data page says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Demo,
    /// Imported files or review files.
    Imported,
}

/// Records plus the metric tables measured from them.
#[derive(Debug)]
pub struct Measured {
    pub origin: Origin,
    /// The records themselves: kept for de-duplicating the next import, for exports and
    /// for the records behind a number.
    pub store: Arc<RecordStore>,
    pub summary: DataSummary,
    pub rejected: Vec<RejectedRow>,
    pub agents: MeasureTable,
    pub teams: MeasureTable,
    pub centre: MeasureTable,
    /// Period labels present in the agent table, oldest first.
    pub periods: Vec<String>,
    /// Keys of the records left out of the tables (accepted appeals); `store` keeps them.
    pub excluded_records: BTreeSet<String>,
}

impl Measured {
    /// The demo centre, generated straight into a record store (the engine checks that
    /// this is the store its CSV import would read from the demo file).
    pub fn demo(history: &ScorecardHistory) -> Result<Measured, String> {
        Measured::demo_with(&DemoConfig::default(), history)
    }

    /// [`Measured::demo`] for another demo configuration (a smaller centre, a seed);
    /// fails with the reason when the configuration is invalid.
    pub fn demo_with(config: &DemoConfig, history: &ScorecardHistory) -> Result<Measured, String> {
        let store = demo::record_store(config)?;
        let rows_read = store.len();
        Ok(Measured::measure(
            Origin::Demo,
            Arc::new(store),
            Vec::new(),
            rows_read,
            history,
        ))
    }

    /// Measures every metric the scheme may need, per agent, team and centre, by month.
    pub fn measure(
        origin: Origin,
        store: Arc<RecordStore>,
        rejected: Vec<RejectedRow>,
        rows_read: usize,
        history: &ScorecardHistory,
    ) -> Measured {
        Measured::measure_excluding(origin, store, rejected, rows_read, history, BTreeSet::new())
    }

    /// [`Measured::measure`] leaving the records with these keys out of the tables (the
    /// contact records of accepted appeals). The store, the summary and the exports keep
    /// every record; only the measures skip them.
    pub fn measure_excluding(
        origin: Origin,
        store: Arc<RecordStore>,
        rejected: Vec<RejectedRow>,
        rows_read: usize,
        history: &ScorecardHistory,
        excluded_records: BTreeSet<String>,
    ) -> Measured {
        let defs = metric_defs_for(history);
        let kept = without_records(&store, &excluded_records);
        let measured = kept.as_ref().unwrap_or(&store);
        let agents = metrics::compute(measured, &defs, GroupBy::Agent, PERIOD_KIND);
        let teams = metrics::compute(measured, &defs, GroupBy::Team, PERIOD_KIND);
        let centre = metrics::compute(measured, &defs, GroupBy::All, PERIOD_KIND);
        let periods: BTreeSet<String> = agents.rows.iter().map(|r| r.period.clone()).collect();
        Measured {
            origin,
            summary: summarise(&store, rows_read),
            store,
            rejected,
            agents,
            teams,
            centre,
            periods: periods.into_iter().collect(),
            excluded_records,
        }
    }

    /// The same records measured again leaving `excluded` out; `None` when that is the
    /// set already left out (nothing to do).
    pub fn with_exclusions(
        &self,
        history: &ScorecardHistory,
        excluded: BTreeSet<String>,
    ) -> Option<Measured> {
        (excluded != self.excluded_records).then(|| {
            Measured::measure_excluding(
                self.origin,
                Arc::clone(&self.store),
                self.rejected.clone(),
                self.summary.rows_read,
                history,
                excluded,
            )
        })
    }

    /// The most recent period with data.
    pub fn latest_period(&self) -> Option<&str> {
        self.periods.last().map(String::as_str)
    }
}

/// A copy of `store` without the records whose key is in `excluded`; `None` when no
/// record is left out (the store itself is measured).
fn without_records(store: &RecordStore, excluded: &BTreeSet<String>) -> Option<RecordStore> {
    if excluded.is_empty() {
        return None;
    }
    let out: Vec<bool> = (0..store.len())
        .map(|i| excluded.contains(&record_key(store, i)))
        .collect();
    if !out.contains(&true) {
        return None;
    }
    let kept: Vec<ContactRecord> = (0..store.len())
        .filter(|&i| !out[i])
        .map(|i| store.record(i))
        .collect();
    Some(RecordStore::from_records(
        &kept,
        Some(store.present_fields()),
    ))
}

/// The standard catalogue plus the custom metrics of every version of the scheme, so a
/// period scored by an older version still finds its columns.
fn metric_defs_for(history: &ScorecardHistory) -> Vec<MetricDef> {
    let mut defs = standard::definitions();
    for version in &history.versions {
        for custom in &version.scorecard.custom_metrics {
            if !defs.iter().any(|d| d.id == custom.id) {
                defs.push(custom.clone());
            }
        }
    }
    defs
}

fn summarise(store: &RecordStore, rows_read: usize) -> DataSummary {
    let opened = store.opened_at_secs();
    let day = |secs: i64| secs_to_naive(secs).date().to_string();
    let mut channels: Vec<String> = store
        .channel_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    channels.sort();
    DataSummary {
        records: store.len(),
        rows_read,
        agents: store.agent_names().len(),
        teams: store.team_names().len(),
        channels,
        first_day: opened.iter().min().map(|&s| day(s)),
        last_day: opened.iter().max().map(|&s| day(s)),
        fields: Field::MAPPABLE
            .into_iter()
            .filter(|&f| store.has_field(f))
            .collect(),
    }
}
