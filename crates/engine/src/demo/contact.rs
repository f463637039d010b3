//! One simulated contact: from the agent's effective skill and pace, the channel, the topic and
//! how busy the hour is, to every outcome field. The causal story is deliberate: skill drives
//! resolution, transfers and satisfaction; satisfaction drives ratings and complaints; busy hours
//! drive waiting, missed SLAs and unanswered chats and calls.

use super::random::{cumulative, logistic, DemoRng};
use super::roster::{AgentProfile, AgentRole};

/// Canonical channel strings, in [`Channel`] order.
pub const CHANNELS: [&str; 4] = ["chat", "phone", "email", "ticket"];

/// Canonical topic strings.
pub const TOPICS: [&str; 6] = ["退换货", "物流", "退款", "质量", "发票", "维修"];

/// How easy each topic is to settle at once (added to the resolution odds), in [`TOPICS`] order.
const TOPIC_EASE: [f64; 6] = [0.0, 0.3, 0.0, -0.5, 0.4, -0.7];
/// Handling-time multiplier per topic.
const TOPIC_EFFORT: [f64; 6] = [1.05, 0.8, 1.0, 1.2, 0.85, 1.3];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Channel {
    Chat = 0,
    Phone = 1,
    Email = 2,
    Ticket = 3,
}

impl Channel {
    const ALL: [Channel; 4] = [
        Channel::Chat,
        Channel::Phone,
        Channel::Email,
        Channel::Ticket,
    ];

    pub(crate) fn name(self) -> &'static str {
        CHANNELS[self as usize]
    }

    /// Topic mix: chat is mostly delivery and returns, email carries invoices, phone repairs.
    fn topic_weights(self) -> [f64; 6] {
        match self {
            Channel::Chat => [0.28, 0.30, 0.18, 0.12, 0.06, 0.06],
            Channel::Phone => [0.22, 0.22, 0.16, 0.16, 0.04, 0.20],
            Channel::Email => [0.18, 0.06, 0.16, 0.18, 0.30, 0.12],
            Channel::Ticket => [0.30, 0.10, 0.20, 0.20, 0.05, 0.15],
        }
    }

    /// Median seconds to first response at a quiet hour, its log-spread, and how much a busy
    /// hour multiplies it. Chat and phone wait seconds; email and tickets wait hours.
    fn first_response(self) -> (f64, f64, f64) {
        match self {
            Channel::Chat => (12.0, 0.6, 1.0),
            Channel::Phone => (9.0, 0.7, 1.2),
            Channel::Email => (7_200.0, 0.8, 0.6),
            Channel::Ticket => (5_400.0, 0.9, 0.6),
        }
    }

    /// The first-response target that `sla_met` reports against, in seconds.
    pub(crate) fn sla_secs(self) -> u32 {
        match self {
            Channel::Chat => 30,
            Channel::Phone => 20,
            Channel::Email => 8 * 3600,
            Channel::Ticket => 4 * 3600,
        }
    }

    /// Median handling seconds of an average agent and its log-spread.
    fn handling(self) -> (f64, f64) {
        match self {
            Channel::Chat => (420.0, 0.55),
            Channel::Phone => (300.0, 0.6),
            Channel::Email => (540.0, 0.6),
            Channel::Ticket => (780.0, 0.65),
        }
    }

    /// Share of contacts never answered at a quiet hour, and the extra share at peak.
    fn abandonment(self) -> (f64, f64) {
        match self {
            Channel::Chat => (0.015, 0.07),
            Channel::Phone => (0.03, 0.11),
            Channel::Email | Channel::Ticket => (0.0, 0.0),
        }
    }

    /// Share of customers who answer the survey: chat pops it up, email surveys are ignored.
    fn rating_rate(self) -> f64 {
        match self {
            Channel::Chat => 0.42,
            Channel::Phone => 0.32,
            Channel::Email => 0.24,
            Channel::Ticket => 0.28,
        }
    }
}

/// Channel mixes by team specialisation, cycling over teams: a chat team, a hotline team and a
/// written-requests team.
pub(crate) fn team_channel_tables(teams: usize) -> Vec<Vec<f64>> {
    const MIXES: [[f64; 4]; 3] = [
        [0.62, 0.18, 0.08, 0.12],
        [0.25, 0.50, 0.10, 0.15],
        [0.30, 0.10, 0.30, 0.30],
    ];
    (0..teams.max(1))
        .map(|team| cumulative(&MIXES[team % MIXES.len()]))
        .collect()
}

pub(crate) fn topic_tables() -> [Vec<f64>; 4] {
    Channel::ALL.map(|channel| cumulative(&channel.topic_weights()))
}

/// Every field of a simulated contact; times are seconds since the demo period starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Contact {
    pub channel: Channel,
    pub topic: usize,
    pub opened_at: i64,
    pub answered: bool,
    pub first_response_secs: Option<u32>,
    pub handle_secs: Option<u32>,
    pub resolved: bool,
    pub resolved_at: Option<i64>,
    pub first_contact_resolved: Option<bool>,
    pub reopen_count: u32,
    pub reassign_count: u32,
    pub complaint: bool,
    pub csat: Option<u8>,
    pub sla_met: bool,
}

/// What the simulation needs to know about the moment and the routing of one contact.
pub(crate) struct Situation<'a> {
    pub agent: &'a AgentProfile,
    pub channel_table: &'a [f64],
    pub topic_tables: &'a [Vec<f64>; 4],
    pub opened_at: i64,
    pub busyness: f64,
    pub months_elapsed: f64,
    /// Seconds since the period start at which the data was exported: later resolutions
    /// have not happened yet.
    pub exported_at: i64,
}

pub(crate) fn simulate(situation: &Situation, rng: &mut DemoRng) -> Contact {
    let agent = situation.agent;
    let channel = Channel::ALL[rng.pick(situation.channel_table)];
    let topic = rng.pick(&situation.topic_tables[channel as usize]);
    let skill = agent.skill_at(situation.months_elapsed);
    let sloppy = agent.role == AgentRole::FastButSloppy;
    let busy = situation.busyness * situation.busyness;

    let (quiet_unanswered, peak_unanswered) = channel.abandonment();
    let answered = !rng.chance(quiet_unanswered + peak_unanswered * busy);
    if !answered {
        return Contact {
            channel,
            topic,
            opened_at: situation.opened_at,
            answered,
            first_response_secs: None,
            handle_secs: None,
            resolved: false,
            resolved_at: None,
            first_contact_resolved: None,
            reopen_count: 0,
            reassign_count: 0,
            complaint: rng.chance(0.004),
            csat: None,
            sla_met: false,
        };
    }

    let (response_median, response_spread, busy_factor) = channel.first_response();
    let speed_up = if sloppy { 0.6 } else { 1.0 };
    let first_response = rng.log_normal(
        response_median * (1.0 + busy_factor * busy) * speed_up,
        response_spread,
    );
    let first_response_secs = first_response.round().max(1.0) as u32;
    let sla_met = first_response_secs <= channel.sla_secs();

    let (handle_median, handle_spread) = channel.handling();
    let handle_scale = agent.pace * TOPIC_EFFORT[topic] * (1.0 - 0.08 * skill.clamp(-2.0, 2.0));
    let handle_secs = rng
        .log_normal(handle_median * handle_scale, handle_spread)
        .round()
        .max(20.0) as u32;

    let sloppiness = if sloppy { 1.0 } else { 0.0 };
    let ease = TOPIC_EASE[topic];
    let mut reassign_count = 0;
    if rng.chance(logistic(-2.7 - 0.6 * skill - ease)) {
        reassign_count = 1 + u32::from(rng.chance(0.2));
    }
    let written = matches!(channel, Channel::Email | Channel::Ticket);
    let resolution_odds = 1.35 + 0.9 * skill + ease
        - 0.4 * f64::from(reassign_count)
        - if written { 0.3 } else { 0.0 }
        - 1.0 * sloppiness;
    let first_contact_resolved = rng.chance(logistic(resolution_odds));

    let work_done_at = situation.opened_at + i64::from(first_response_secs + handle_secs);
    let (mut resolved, mut resolved_at, reopen_count) = if first_contact_resolved {
        (true, Some(work_done_at), 0)
    } else {
        let follow_up_median = if written {
            40.0 * 3600.0
        } else {
            26.0 * 3600.0
        };
        let follow_up = rng.log_normal(follow_up_median, 0.9).round() as i64;
        let settled = rng.chance(0.93);
        let reopens = if rng.chance(logistic(-0.9 - 0.6 * skill + 1.1 * sloppiness)) {
            1 + u32::from(rng.chance(0.3))
        } else {
            0
        };
        (
            settled,
            settled.then_some(work_done_at + follow_up),
            reopens,
        )
    };
    if resolved_at.is_some_and(|at| at > situation.exported_at) {
        resolved = false;
        resolved_at = None;
    }

    let satisfaction = 4.4 + 0.45 * skill + if first_contact_resolved { 0.25 } else { -0.45 }
        - 0.45 * f64::from(reopen_count)
        - 0.3 * f64::from(reassign_count)
        - if sla_met { 0.0 } else { 0.35 }
        - 0.5 * sloppiness
        + 0.8 * rng.normal();
    let csat = (satisfaction.round().clamp(1.0, 5.0) as u8).into();
    // Unhappy customers answer surveys more often than content ones.
    let rating_rate = channel.rating_rate() + if satisfaction < 2.5 { 0.15 } else { 0.0 };
    let rated = rng.chance(rating_rate);
    let complaint_rate = if satisfaction < 2.0 {
        0.10
    } else if satisfaction < 3.0 {
        0.025
    } else {
        0.0015
    } * (1.0 + 0.8 * sloppiness);

    Contact {
        channel,
        topic,
        opened_at: situation.opened_at,
        answered,
        first_response_secs: Some(first_response_secs),
        handle_secs: Some(handle_secs),
        resolved,
        resolved_at,
        first_contact_resolved: Some(first_contact_resolved),
        reopen_count,
        reassign_count,
        complaint: rng.chance(complaint_rate),
        csat: if rated { csat } else { None },
        sla_met,
    }
}
