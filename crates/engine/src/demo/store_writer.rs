//! Demo contacts straight into a [`RecordStore`]: the same records, ids and string order
//! that reading the demo CSV back would give, with no text formatted or parsed.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::contact::Contact;
use super::roster::AgentProfile;
use super::{DemoConfig, COLUMNS, TOPICS};
use crate::field::Field;
use crate::records::{naive_to_secs, tri, EncodedRow, FieldSet, RecordStore, NO_COUNT};

pub(crate) struct StoreWriter<'a> {
    store: RecordStore,
    agents: &'a [AgentProfile],
    /// Seconds since the epoch of the period's first midnight (local wall time).
    start_secs: i64,
    id: String,
    id_width: usize,
    next_id: u64,
}

impl<'a> StoreWriter<'a> {
    pub(crate) fn new(config: &DemoConfig, agents: &'a [AgentProfile]) -> StoreWriter<'a> {
        let mut present = FieldSet::default();
        for field in COLUMNS {
            present.insert(field);
        }
        // As the CSV reader derives it from `resolved_at`.
        present.insert(Field::ResolutionSecs);
        let mut store = RecordStore::with_fields(present);
        store.reserve(config.contacts);
        StoreWriter {
            store,
            agents,
            start_secs: midnight_secs(config.start),
            id: String::with_capacity(24),
            // The CSV writer's id width: the ids must be the same text.
            id_width: config.contacts.to_string().len().max(7),
            next_id: 1,
        }
    }

    pub(crate) fn row(&mut self, agent: usize, contact: &Contact) {
        let profile = &self.agents[agent];
        self.id.clear();
        write!(self.id, "C{:0width$}", self.next_id, width = self.id_width)
            .expect("writing to a String cannot fail");
        self.next_id += 1;
        // Interned in the CSV reader's order (agent, team, channel, topic), so string ids
        // match too.
        let strings = self.store.strings_mut();
        let agent = strings.intern(&profile.name);
        let team = strings.intern(&profile.team);
        let channel = strings.intern(contact.channel.name());
        let topic = strings.intern(TOPICS[contact.topic]);
        let opened_at = self.start_secs + contact.opened_at;
        let seconds = |secs: Option<u32>| secs.map_or(f32::NAN, |secs| secs as f32);
        let count = |count: u32| count.min(u32::from(NO_COUNT - 1)) as u16;
        self.store.push_encoded(EncodedRow {
            id: Some(&self.id),
            agent,
            team,
            channel,
            topic,
            opened_at,
            answered: contact.answered,
            first_response_secs: seconds(contact.first_response_secs),
            handle_secs: seconds(contact.handle_secs),
            resolved: tri(Some(contact.resolved)),
            resolution_secs: contact
                .resolved_at
                .map_or(f32::NAN, |at| (at - contact.opened_at) as f32),
            first_contact_resolved: tri(contact.first_contact_resolved),
            reopen_count: count(contact.reopen_count),
            reassign_count: count(contact.reassign_count),
            complaint: tri(Some(contact.complaint)),
            csat: contact.csat.unwrap_or(0),
            sla_met: tri(Some(contact.sla_met)),
        });
    }

    pub(crate) fn finish(mut self) -> RecordStore {
        self.store.shrink_to_fit();
        self.store
    }
}

fn midnight_secs(day: NaiveDate) -> i64 {
    naive_to_secs(day.and_hms_opt(0, 0, 0).expect("midnight exists"))
}
