//! Records grouped by (group, period): dense group and period indices per record, and
//! the records of each pair as one run of an index list, so that each metric is then one
//! pass over its columns.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::period::PeriodKind;
use crate::records::{RecordStore, NO_TEXT};

use super::compute::NO_TEAM_GROUP;
use super::GroupBy;

/// Dense group indices, numbered in the order of their sorted names.
pub(super) struct Groups {
    pub(super) names: Vec<String>,
    pub(super) of_record: Vec<u32>,
}

impl Groups {
    pub(super) fn new(store: &RecordStore, by: GroupBy) -> Groups {
        let column = match by {
            GroupBy::All => {
                return Groups {
                    names: vec!["all".to_string()],
                    of_record: vec![0; store.len()],
                }
            }
            GroupBy::Agent => store.agent_ids(),
            GroupBy::Team => store.team_ids(),
        };
        // Text id -> group; NO_TEXT (no team) gets its own slot at the end.
        let slots = store.strings().len() + 1;
        let slot = |id: u32| {
            if id == NO_TEXT {
                slots - 1
            } else {
                id as usize
            }
        };
        let mut used = vec![false; slots];
        for &id in column {
            used[slot(id)] = true;
        }
        let mut named: Vec<(String, usize)> = (0..slots)
            .filter(|&s| used[s])
            .map(|s| {
                let name = if s == slots - 1 {
                    NO_TEAM_GROUP
                } else {
                    store.text(s as u32).unwrap_or_default()
                };
                (name.to_string(), s)
            })
            .collect();
        named.sort();
        let mut group_of_slot = vec![u32::MAX; slots];
        for (group, (_, s)) in named.iter().enumerate() {
            group_of_slot[*s] = group as u32;
        }
        Groups {
            of_record: column.iter().map(|&id| group_of_slot[slot(id)]).collect(),
            names: named.into_iter().map(|(name, _)| name).collect(),
        }
    }
}

/// Dense period indices, numbered in the order of their sorted labels.
pub(super) struct Periods {
    pub(super) labels: Vec<String>,
    pub(super) of_record: Vec<u32>,
}

const SECS_PER_DAY: i64 = 86_400;
/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i64 = 719_163;

impl Periods {
    pub(super) fn new(store: &RecordStore, kind: PeriodKind) -> Periods {
        let opened = store.opened_at_secs();
        if kind == PeriodKind::All || opened.is_empty() {
            return Periods {
                labels: vec!["all".to_string()],
                of_record: vec![0; opened.len()],
            };
        }
        let day_of = |secs: i64| secs.div_euclid(SECS_PER_DAY);
        let (min_day, max_day) = opened.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &s| {
            (lo.min(day_of(s)), hi.max(day_of(s)))
        });
        // A label per calendar day in range (only days with records are labelled), then a
        // day -> period table: one subtraction and one load per record.
        let span = (max_day - min_day + 1) as usize;
        let mut day_used = vec![false; span];
        for &secs in opened {
            day_used[(day_of(secs) - min_day) as usize] = true;
        }
        let mut label_of_day: Vec<Option<String>> = vec![None; span];
        let mut labels: Vec<String> = Vec::new();
        for (offset, used) in day_used.iter().enumerate() {
            if *used {
                let days_ce = min_day + offset as i64 + UNIX_EPOCH_FROM_CE;
                let date = NaiveDate::from_num_days_from_ce_opt(days_ce as i32)
                    .expect("stored dates are in chrono's range");
                let label = kind.label_of(date);
                labels.push(label.clone());
                label_of_day[offset] = Some(label);
            }
        }
        labels.sort();
        labels.dedup();
        let index: HashMap<&str, u32> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| (label.as_str(), i as u32))
            .collect();
        let period_of_day: Vec<u32> = label_of_day
            .iter()
            .map(|label| label.as_deref().map_or(u32::MAX, |l| index[l]))
            .collect();
        let of_record = opened
            .iter()
            .map(|&secs| period_of_day[(day_of(secs) - min_day) as usize])
            .collect();
        Periods { labels, of_record }
    }
}

/// The records of one (group, period): `start..end` is its slice of a buffer holding
/// every record's value in bucket order.
pub(super) struct Run {
    pub(super) group: u32,
    pub(super) period: u32,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Each record's bucket (an index into `runs`); runs in output order.
pub(super) struct Buckets {
    pub(super) bucket_of: Vec<u32>,
    pub(super) runs: Vec<Run>,
}

impl Buckets {
    pub(super) fn new(
        group_of: &[u32],
        period_of: &[u32],
        groups: usize,
        periods: usize,
    ) -> Buckets {
        let cells = groups.saturating_mul(periods);
        let mut runs = Vec::new();
        if cells <= 1 << 24 {
            // Dense (group, period) cells: count, then number the non-empty ones in order.
            let mut counts = vec![0u32; cells];
            for (&g, &p) in group_of.iter().zip(period_of) {
                counts[g as usize * periods + p as usize] += 1;
            }
            let mut run_of_cell = vec![u32::MAX; cells];
            let mut start = 0;
            for (cell, &count) in counts.iter().enumerate() {
                if count > 0 {
                    run_of_cell[cell] = runs.len() as u32;
                    let end = start + count as usize;
                    runs.push(Run {
                        group: (cell / periods) as u32,
                        period: (cell % periods) as u32,
                        start,
                        end,
                    });
                    start = end;
                }
            }
            let bucket_of = group_of
                .iter()
                .zip(period_of)
                .map(|(&g, &p)| run_of_cell[g as usize * periods + p as usize])
                .collect();
            Buckets { bucket_of, runs }
        } else {
            // Too many cells for a dense table (e.g. 100k agents by day): sort instead.
            let mut order: Vec<u32> = (0..group_of.len() as u32).collect();
            order.sort_by_key(|&i| (group_of[i as usize], period_of[i as usize]));
            let mut bucket_of = vec![0; group_of.len()];
            let key = |i: u32| (group_of[i as usize], period_of[i as usize]);
            let mut start = 0;
            while start < order.len() {
                let (group, period) = key(order[start]);
                let mut end = start;
                while end < order.len() && key(order[end]) == (group, period) {
                    bucket_of[order[end] as usize] = runs.len() as u32;
                    end += 1;
                }
                runs.push(Run {
                    group,
                    period,
                    start,
                    end,
                });
                start = end;
            }
            Buckets { bucket_of, runs }
        }
    }
}

/// The most frequent team of each agent group over all its records (ties: the first name
/// in sort order); `None` when the agent's records have no team.
pub(super) fn main_team_per_group(store: &RecordStore, groups: &Groups) -> Vec<Option<String>> {
    let mut counts: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for (&group, &team) in groups.of_record.iter().zip(store.team_ids()) {
        if team != NO_TEXT {
            *counts.entry((group, team)).or_default() += 1;
        }
    }
    let mut best: Vec<Option<(u32, &str)>> = vec![None; groups.names.len()];
    for ((group, team), count) in counts {
        let name = store.text(team).unwrap_or_default();
        let slot = &mut best[group as usize];
        let better = match slot {
            None => true,
            Some((best_count, best_name)) => {
                count > *best_count || (count == *best_count && name < *best_name)
            }
        };
        if better {
            *slot = Some((count, name));
        }
    }
    best.into_iter()
        .map(|team| team.map(|(_, name)| name.to_string()))
        .collect()
}
