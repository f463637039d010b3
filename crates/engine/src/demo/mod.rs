//! Demo data: a realistic, seeded e-commerce after-sales service centre, written as canonical
//! CSV ([`write_csv`]) or straight into a record store ([`record_store`]), so the app, the
//! CLI and the benchmarks have data without any file.
//!
//! The default is the demo workspace: 3 teams (售后一组/二组/三组, a chat team, a hotline team
//! and a written-requests team), 24 agents, 2026-07-01 to 2026-09-30, 20,000 contacts over
//! chat, phone, email and ticket. The data tells stories on purpose: a few clearly strong and
//! weak agents, one fast-but-sloppy agent (shortest handling, most complaints), some improving
//! and one declining month by month, busy hours with more waiting and unanswered contacts,
//! and about a third of customers leaving a rating.
//!
//! Output is identical for the same [`DemoConfig`] on every platform, native or wasm32 (see
//! [`random`]), and streams: a million contacts are never held in memory at once.

mod calendar;
mod contact;
mod random;
mod roster;
mod store_writer;
mod writer;

use std::io::{self, Write};

use chrono::{Datelike, Months, NaiveDate};

use crate::field::Field;
use crate::records::RecordStore;
use calendar::{busyness, daily_counts, ArrivalClock};
use contact::{simulate, team_channel_tables, topic_tables, Situation};
use random::{cumulative, DemoRng, Stream};
use store_writer::StoreWriter;
use writer::RowWriter;

pub use contact::{CHANNELS, TOPICS};
pub use roster::{agent_names, profiles, team_name, AgentProfile, AgentRole};

/// The canonical columns of a demo file, in order (every mappable field but
/// `first_response_at`, which `first_response_secs` already gives).
pub const COLUMNS: [Field; 17] = [
    Field::Id,
    Field::Agent,
    Field::Team,
    Field::Channel,
    Field::Topic,
    Field::OpenedAt,
    Field::Answered,
    Field::FirstResponseSecs,
    Field::HandleSecs,
    Field::Resolved,
    Field::ResolvedAt,
    Field::FirstContactResolved,
    Field::ReopenCount,
    Field::ReassignCount,
    Field::Complaint,
    Field::Csat,
    Field::SlaMet,
];

/// Unresolved work is exported this long after the period ends: later resolutions are open.
const EXPORT_DELAY_SECS: i64 = 86_400;
const AVERAGE_MONTH_DAYS: f64 = 30.44;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub contacts: usize,
    pub agents: usize,
    pub teams: usize,
    /// First day of the period.
    pub start: NaiveDate,
    /// Whole months from `start`.
    pub months: u32,
}

impl Default for DemoConfig {
    /// The demo workspace.
    fn default() -> DemoConfig {
        DemoConfig {
            seed: 2026,
            contacts: 20_000,
            agents: 24,
            teams: 3,
            start: NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date"),
            months: 3,
        }
    }
}

impl DemoConfig {
    /// Why this configuration cannot be generated, if it cannot.
    pub fn validate(&self) -> Result<(), String> {
        if self.agents == 0 {
            return Err("agents must be at least 1".to_string());
        }
        if self.teams == 0 || self.teams > self.agents {
            return Err(format!(
                "teams must be between 1 and the number of agents ({})",
                self.agents
            ));
        }
        if self.months == 0 || self.months > 120 {
            return Err("months must be between 1 and 120".to_string());
        }
        if self.end().is_none() {
            return Err("the period ends past the supported calendar".to_string());
        }
        Ok(())
    }

    /// The day after the period's last day.
    pub fn end(&self) -> Option<NaiveDate> {
        self.start.checked_add_months(Months::new(self.months))
    }
}

/// Each agent's name and team, in roster order.
pub fn roster(config: &DemoConfig) -> Vec<(String, String)> {
    profiles(config)
        .into_iter()
        .map(|agent| (agent.name, agent.team))
        .collect()
}

/// Writes the demo file: a header of canonical field names, then `config.contacts` rows in
/// time order. An invalid configuration is an `InvalidInput` error; nothing is written.
pub fn write_csv<W: Write>(config: &DemoConfig, out: W) -> io::Result<()> {
    config
        .validate()
        .map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))?;
    let agents = profiles(config);
    let days = period_days(config);
    let mut rows = RowWriter::new(out, config.start, days, config.contacts, &agents);
    rows.header()?;
    simulate_contacts(config, &agents, |agent, contact| rows.row(agent, contact))?;
    rows.finish()
}

/// The whole demo file in memory (tests, benchmarks).
///
/// Panics if `config` is invalid (see [`DemoConfig::validate`]).
pub fn csv_string(config: &DemoConfig) -> String {
    let mut bytes = Vec::with_capacity(config.contacts.saturating_mul(128) + 256);
    write_csv(config, &mut bytes).expect("writing to memory cannot fail for a valid config");
    String::from_utf8(bytes).expect("the writer emits UTF-8")
}

/// The demo records straight into a store, the same store reading [`csv_string`] back
/// gives (a test checks it), without formatting and parsing the text: the app builds its
/// demo workspace on first open, where that round trip was half the wait.
pub fn record_store(config: &DemoConfig) -> Result<RecordStore, String> {
    config.validate()?;
    let agents = profiles(config);
    let mut store = StoreWriter::new(config, &agents);
    simulate_contacts(config, &agents, |agent, contact| {
        store.row(agent, contact);
        Ok(())
    })
    .expect("pushing into memory cannot fail");
    Ok(store.finish())
}

fn period_days(config: &DemoConfig) -> usize {
    let end = config.end().expect("validated");
    (end - config.start).num_days() as usize
}

/// Runs the simulation of a valid `config`, handing each contact (with its agent's index)
/// to `emit` in time order.
fn simulate_contacts(
    config: &DemoConfig,
    agents: &[AgentProfile],
    mut emit: impl FnMut(usize, &contact::Contact) -> io::Result<()>,
) -> io::Result<()> {
    let start = config.start;
    let end = config.end().expect("validated");
    let days: Vec<NaiveDate> = start.iter_days().take_while(|day| *day < end).collect();
    let weekdays: Vec<u32> = days
        .iter()
        .map(|day| day.weekday().num_days_from_monday())
        .collect();
    let exported_at = days.len() as i64 * 86_400 + EXPORT_DELAY_SECS;

    let team_of: Vec<usize> = (0..agents.len())
        .map(|index| index * config.teams / agents.len())
        .collect();
    let on_duty = duty_tables(agents);
    let channel_tables = team_channel_tables(config.teams);
    let topic_tables = topic_tables();
    let clock = ArrivalClock::new();

    let mut calendar_rng = DemoRng::new(config.seed, Stream::Calendar);
    let per_day = daily_counts(config.contacts, &weekdays, &mut calendar_rng);
    let mut rng = DemoRng::new(config.seed, Stream::Contacts);

    for (day, (&count, &weekday)) in per_day.iter().zip(&weekdays).enumerate() {
        let (duty_agents, duty_table) = &on_duty[weekday as usize];
        for second_of_day in clock.arrivals(count, &mut rng) {
            let agent = duty_agents[rng.pick(duty_table)];
            let opened_at = day as i64 * 86_400 + i64::from(second_of_day);
            let situation = Situation {
                agent: &agents[agent],
                channel_table: &channel_tables[team_of[agent]],
                topic_tables: &topic_tables,
                opened_at,
                busyness: busyness(second_of_day),
                months_elapsed: opened_at as f64 / (86_400.0 * AVERAGE_MONTH_DAYS),
                exported_at,
            };
            let contact = simulate(&situation, &mut rng);
            emit(agent, &contact)?;
        }
    }
    Ok(())
}

/// For each weekday, the agents on duty and the cumulative workload table to route among them.
fn duty_tables(agents: &[AgentProfile]) -> Vec<(Vec<usize>, Vec<f64>)> {
    (0..7)
        .map(|weekday| {
            let mut on_duty: Vec<usize> = (0..agents.len())
                .filter(|&index| agents[index].works_on(weekday))
                .collect();
            if on_duty.is_empty() {
                on_duty = (0..agents.len()).collect();
            }
            let weights: Vec<f64> = on_duty
                .iter()
                .map(|&index| agents[index].workload)
                .collect();
            (on_duty, cumulative(&weights))
        })
        .collect()
}

#[cfg(test)]
mod tests;
