//! Fast canonical-CSV formatting of demo rows. A million rows must take about a second, so
//! numbers and datetimes are formatted by hand into one reusable buffer instead of `write!`,
//! and day prefixes (`2026-07-01 `) are computed once per day, not per row.

use std::io::{self, Write};

use chrono::{Days, NaiveDate};

use super::contact::Contact;
use super::roster::AgentProfile;
use super::COLUMNS;

const FLUSH_AT: usize = 1 << 16;
/// Resolutions can land after the period; day prefixes are cached this far beyond it.
const CACHED_DAYS_AFTER: usize = 400;

pub(crate) struct RowWriter<'a, W: Write> {
    out: W,
    buffer: Vec<u8>,
    start: NaiveDate,
    day_prefixes: Vec<[u8; 11]>,
    agents: &'a [AgentProfile],
    id_width: usize,
    next_id: u64,
}

impl<'a, W: Write> RowWriter<'a, W> {
    pub(crate) fn new(
        out: W,
        start: NaiveDate,
        period_days: usize,
        contacts: usize,
        agents: &'a [AgentProfile],
    ) -> RowWriter<'a, W> {
        let day_prefixes = (0..period_days + CACHED_DAYS_AFTER)
            .map_while(|offset| start.checked_add_days(Days::new(offset as u64)))
            .map(day_prefix)
            .collect();
        RowWriter {
            out,
            buffer: Vec::with_capacity(FLUSH_AT + 1024),
            start,
            day_prefixes,
            agents,
            id_width: contacts.to_string().len().max(7),
            next_id: 1,
        }
    }

    pub(crate) fn header(&mut self) -> io::Result<()> {
        let names: Vec<&str> = COLUMNS.iter().map(|field| field.name()).collect();
        self.buffer.extend_from_slice(names.join(",").as_bytes());
        self.buffer.push(b'\n');
        Ok(())
    }

    pub(crate) fn row(&mut self, agent: usize, contact: &Contact) -> io::Result<()> {
        let profile = &self.agents[agent];
        let buffer = &mut self.buffer;
        buffer.push(b'C');
        push_padded(buffer, self.next_id, self.id_width);
        self.next_id += 1;
        buffer.push(b',');
        buffer.extend_from_slice(profile.name.as_bytes());
        buffer.push(b',');
        buffer.extend_from_slice(profile.team.as_bytes());
        buffer.push(b',');
        buffer.extend_from_slice(contact.channel.name().as_bytes());
        buffer.push(b',');
        buffer.extend_from_slice(super::TOPICS[contact.topic].as_bytes());
        buffer.push(b',');
        push_datetime(buffer, &self.day_prefixes, self.start, contact.opened_at);
        buffer.push(b',');
        push_bool(buffer, contact.answered);
        buffer.push(b',');
        if let Some(secs) = contact.first_response_secs {
            push_number(buffer, u64::from(secs));
        }
        buffer.push(b',');
        if let Some(secs) = contact.handle_secs {
            push_number(buffer, u64::from(secs));
        }
        buffer.push(b',');
        push_bool(buffer, contact.resolved);
        buffer.push(b',');
        if let Some(at) = contact.resolved_at {
            push_datetime(buffer, &self.day_prefixes, self.start, at);
        }
        buffer.push(b',');
        if let Some(fcr) = contact.first_contact_resolved {
            push_bool(buffer, fcr);
        }
        buffer.push(b',');
        push_number(buffer, u64::from(contact.reopen_count));
        buffer.push(b',');
        push_number(buffer, u64::from(contact.reassign_count));
        buffer.push(b',');
        push_bool(buffer, contact.complaint);
        buffer.push(b',');
        if let Some(csat) = contact.csat {
            buffer.push(b'0' + csat);
        }
        buffer.push(b',');
        push_bool(buffer, contact.sla_met);
        buffer.push(b'\n');
        if self.buffer.len() >= FLUSH_AT {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.out.flush()
    }
}

fn day_prefix(day: NaiveDate) -> [u8; 11] {
    let mut prefix = [0u8; 11];
    let text = format!("{day} "); // NaiveDate displays as %Y-%m-%d
    prefix.copy_from_slice(&text.as_bytes()[..11]);
    prefix
}

/// `YYYY-MM-DD HH:MM:SS` for `secs` seconds after midnight of `start`.
fn push_datetime(buffer: &mut Vec<u8>, prefixes: &[[u8; 11]], start: NaiveDate, secs: i64) {
    let day = secs.div_euclid(86_400);
    let second_of_day = secs.rem_euclid(86_400) as u32;
    match prefixes.get(day as usize) {
        Some(prefix) => buffer.extend_from_slice(prefix),
        None => {
            let date = start
                .checked_add_days(Days::new(day as u64))
                .unwrap_or(NaiveDate::MAX);
            buffer.extend_from_slice(&day_prefix(date));
        }
    }
    push_two_digits(buffer, second_of_day / 3600);
    buffer.push(b':');
    push_two_digits(buffer, second_of_day / 60 % 60);
    buffer.push(b':');
    push_two_digits(buffer, second_of_day % 60);
}

fn push_two_digits(buffer: &mut Vec<u8>, value: u32) {
    buffer.push(b'0' + (value / 10) as u8);
    buffer.push(b'0' + (value % 10) as u8);
}

fn push_bool(buffer: &mut Vec<u8>, value: bool) {
    buffer.extend_from_slice(if value { b"true" } else { b"false" });
}

fn push_number(buffer: &mut Vec<u8>, value: u64) {
    push_padded(buffer, value, 1);
}

/// Decimal digits of `value`, left-padded with zeros to at least `width`.
fn push_padded(buffer: &mut Vec<u8>, mut value: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut used = 0;
    loop {
        digits[used] = b'0' + (value % 10) as u8;
        used += 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    buffer.extend(std::iter::repeat_n(b'0', width.saturating_sub(used)));
    buffer.extend(digits[..used].iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_datetimes_format_canonically() {
        let mut buffer = Vec::new();
        push_padded(&mut buffer, 42, 7);
        buffer.push(b' ');
        push_number(&mut buffer, 0);
        buffer.push(b' ');
        push_number(&mut buffer, 18_446_744_073_709_551_615);
        assert_eq!(buffer, b"0000042 0 18446744073709551615");

        let start = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        let prefixes = vec![day_prefix(start)];
        let mut buffer = Vec::new();
        push_datetime(&mut buffer, &prefixes, start, 3_723);
        buffer.push(b'|');
        // Past the cache: computed from the calendar, across a month end.
        push_datetime(&mut buffer, &prefixes, start, 31 * 86_400 + 86_399);
        assert_eq!(buffer, b"2026-07-01 01:02:03|2026-08-01 23:59:59");
    }
}
