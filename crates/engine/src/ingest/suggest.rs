//! A first guess at a file's mapping from its headers, for the import dialog to show and
//! the user to correct: exports from Chinese and English helpdesk, chat and call-centre
//! tools name the same things many ways (客服, 坐席, Agent Name...).
//!
//! Headers are normalised before matching ([`normalise_header`]): case, spaces,
//! punctuation and full-width forms do not matter. A header whose normalised text is a
//! field's own name is an [`Confidence::Exact`] match, one of the field's synonyms a
//! [`Confidence::Synonym`] match, and one that contains a synonym (of at least two Chinese
//! characters or four letters) a [`Confidence::Partial`] one. Each header serves at most
//! one field and each field takes at most one header, the best match first. A date column
//! and a time column (`Date` + `Time`, 日期 + 时间) become one joined `opened_at`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field::Field;

use super::mapping::{ColumnSpec, Mapping};

/// How sure a match is; the order is the ranking (best last).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The header contains a synonym.
    Partial,
    /// The header is a known synonym.
    Synonym,
    /// The header is the field's canonical name.
    Exact,
}

/// One field and the header(s) suggested for it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldMatch {
    pub field: Field,
    /// One header, or a date header and a time header to be joined.
    pub headers: Vec<String>,
    pub confidence: Confidence,
}

/// The suggested mapping, why, and what was left over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub mapping: Mapping,
    /// In canonical field order.
    pub matches: Vec<FieldMatch>,
    /// Headers no field took, in file order.
    pub unmatched: Vec<String>,
}

/// Synonyms per field, in Chinese and English, as written by users (normalised when
/// compared).
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::Agent,
        &[
            "客服",
            "坐席",
            "客服名称",
            "客服昵称",
            "接待客服",
            "客服姓名",
            "客服账号",
            "员工",
            "Agent",
            "Agent Name",
            "Rep",
            "Staff",
            "Employee",
            "Assignee",
        ],
    ),
    (
        Field::Team,
        &[
            "组",
            "小组",
            "团队",
            "班组",
            "组别",
            "所属组",
            "Team",
            "Group",
            "Team Name",
        ],
    ),
    (
        Field::Channel,
        &["渠道", "来源", "接入渠道", "Channel", "Source", "Via"],
    ),
    (
        Field::Topic,
        &[
            "问题类型",
            "咨询类型",
            "问题分类",
            "业务类型",
            "Topic",
            "Category",
            "Reason",
            "Issue Type",
        ],
    ),
    (
        Field::Id,
        &[
            "工单号",
            "工单ID",
            "工单编号",
            "会话ID",
            "会话编号",
            "Ticket ID",
            "Call Id",
            "ID",
            "Ticket",
            "Conversation ID",
            "Contact ID",
        ],
    ),
    (
        Field::OpenedAt,
        &[
            "创建时间",
            "开始时间",
            "咨询时间",
            "进线时间",
            "会话开始时间",
            "接入时间",
            "Created At",
            "Opened At",
            "Created",
            "Start Time",
            "Date Time",
            "Timestamp",
        ],
    ),
    (
        Field::FirstResponseSecs,
        &[
            "首次响应时长",
            "首响时长",
            "首次响应时长秒",
            "首响时长秒",
            "Speed of answer in seconds",
            "Speed of answer",
            "First Response",
            "First Response Time",
            "ASA",
        ],
    ),
    (
        Field::FirstResponseAt,
        &[
            "首次响应时间",
            "首响时间",
            "First Response At",
            "First Replied At",
        ],
    ),
    (
        Field::HandleSecs,
        &[
            "处理时长",
            "通话时长",
            "会话时长",
            "AvgTalkDuration",
            "Handle Time",
            "AHT",
            "Talk Time",
            "Handling Time",
            "Talk Duration",
        ],
    ),
    (
        Field::Resolved,
        &["是否解决", "已解决", "Resolved", "Is Resolved", "Solved"],
    ),
    (
        Field::ResolvedAt,
        &[
            "解决时间",
            "关闭时间",
            "Resolved At",
            "Closed At",
            "Solved At",
        ],
    ),
    (
        Field::FirstContactResolved,
        &[
            "一次解决",
            "首次解决",
            "一次性解决",
            "FCR",
            "First Contact Resolution",
            "First Contact Resolved",
        ],
    ),
    (
        Field::ReopenCount,
        &["重开次数", "Reopen", "Reopens", "Reopen Count"],
    ),
    (
        Field::ReassignCount,
        &[
            "转接次数",
            "Transfers",
            "Reassign",
            "Reassigns",
            "Transfer Count",
        ],
    ),
    (
        Field::Complaint,
        &["投诉", "是否投诉", "Complaint", "Complaints"],
    ),
    (
        Field::Csat,
        &[
            "满意度",
            "评价",
            "满意度评分",
            "评分",
            "CSAT",
            "Satisfaction rating",
            "Satisfaction",
            "Rating",
        ],
    ),
    (
        Field::Answered,
        &["是否接通", "是否接待", "Answered (Y/N)", "Answered"],
    ),
    (Field::SlaMet, &["SLA", "是否达标", "SLA Met", "Within SLA"]),
];

/// Headers holding only the date, or only the time, of the opening (joined when both are
/// there).
const DATE_PARTS: &[&str] = &["日期", "咨询日期", "Date", "Day"];
const TIME_PARTS: &[&str] = &["时间", "Time", "Time of Day"];

/// Weight a synonym needs to be found inside a longer header: two Chinese characters or
/// four Latin letters (so `ID`, `组` or `SLA` never match by containment).
const PARTIAL_MIN_WEIGHT: usize = 4;

/// The header as compared: full-width forms folded to ASCII, lower case, letters and
/// digits only (spaces, punctuation and symbols dropped).
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .map(|c| match c {
            // Full-width ASCII (！ to ～) and the ideographic space.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A key under which a saved mapping is found again for the next file with the same
/// headers, in any order: the normalised headers, sorted, joined by U+001F.
pub fn header_signature(headers: &[String]) -> String {
    let mut normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    normalised.sort_unstable();
    normalised.join("\u{1f}")
}

/// Suggests a mapping for a file with these headers. See the module documentation.
pub fn suggest_mapping(headers: &[String]) -> Suggestion {
    let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut candidates = candidates(&normalised);
    // Best confidence first, then the longer (more specific) synonym, then file order.
    candidates.sort_by(|a, b| {
        (b.confidence, b.weight, a.header, a.field).cmp(&(
            a.confidence,
            a.weight,
            b.header,
            b.field,
        ))
    });
    let mut header_used = vec![false; headers.len()];
    let mut chosen: BTreeMap<Field, (Vec<usize>, Confidence)> = BTreeMap::new();
    for candidate in candidates {
        if header_used[candidate.header] || chosen.contains_key(&candidate.field) {
            continue;
        }
        header_used[candidate.header] = true;
        chosen.insert(
            candidate.field,
            (vec![candidate.header], candidate.confidence),
        );
    }
    if let std::collections::btree_map::Entry::Vacant(opened) = chosen.entry(Field::OpenedAt) {
        if let Some(columns) = date_and_time(&normalised, &header_used) {
            for &column in &columns {
                header_used[column] = true;
            }
            opened.insert((columns, Confidence::Synonym));
        }
    }

    let mut mapping = Mapping::default();
    let mut matches = Vec::new();
    for (field, (columns, confidence)) in chosen {
        let names: Vec<String> = columns.iter().map(|&i| headers[i].clone()).collect();
        let spec = match names.as_slice() {
            [single] => ColumnSpec::Header(single.clone()),
            _ => ColumnSpec::Joined(names.clone()),
        };
        mapping.columns.insert(field, spec);
        matches.push(FieldMatch {
            field,
            headers: names,
            confidence,
        });
    }
    let unmatched = headers
        .iter()
        .zip(&header_used)
        .filter(|(_, used)| !**used)
        .map(|(header, _)| header.clone())
        .collect();
    Suggestion {
        mapping,
        matches,
        unmatched,
    }
}

/// A possible (header, field) pair.
struct Candidate {
    header: usize,
    field: Field,
    confidence: Confidence,
    /// Weight of the matched text (see [`weight`]).
    weight: usize,
}

/// Every header's best match with every field.
fn candidates(normalised: &[String]) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (header, text) in normalised.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        for &(field, synonyms) in SYNONYMS {
            let own_name = normalise_header(field.name());
            let best = if *text == own_name {
                Some((Confidence::Exact, weight(&own_name)))
            } else {
                synonyms
                    .iter()
                    .map(|synonym| normalise_header(synonym))
                    .filter_map(|synonym| {
                        let weight = weight(&synonym);
                        if *text == synonym {
                            Some((Confidence::Synonym, weight))
                        } else if weight >= PARTIAL_MIN_WEIGHT && text.contains(&synonym) {
                            Some((Confidence::Partial, weight))
                        } else {
                            None
                        }
                    })
                    .max()
            };
            if let Some((confidence, weight)) = best {
                found.push(Candidate {
                    header,
                    field,
                    confidence,
                    weight,
                });
            }
        }
    }
    found
}

/// How specific a normalised text is: 1 per ASCII character, 2 per other (a Chinese
/// character says as much as a couple of letters).
fn weight(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// An unused date-only header and an unused time-only header, or a date header alone.
fn date_and_time(normalised: &[String], used: &[bool]) -> Option<Vec<usize>> {
    let find = |parts: &[&str]| {
        let parts: Vec<String> = parts.iter().map(|p| normalise_header(p)).collect();
        (0..normalised.len()).find(|&i| !used[i] && parts.contains(&normalised[i]))
    };
    let date = find(DATE_PARTS)?;
    Some(match find(TIME_PARTS) {
        Some(time) => vec![date, time],
        None => vec![date],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_csv;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    fn header_of(suggestion: &Suggestion, field: Field) -> Option<Vec<&str>> {
        suggestion
            .matches
            .iter()
            .find(|m| m.field == field)
            .map(|m| m.headers.iter().map(String::as_str).collect())
    }

    #[test]
    fn normalising_ignores_case_spaces_punctuation_and_full_width() {
        assert_eq!(normalise_header("Answered (Y/N)"), "answeredyn");
        assert_eq!(normalise_header("ＣＳＡＴ　评分："), "csat评分");
        assert_eq!(
            normalise_header(" first_response_secs "),
            "firstresponsesecs"
        );
        assert_eq!(normalise_header("【客服】昵称"), "客服昵称");
    }

    #[test]
    fn signatures_ignore_order_and_spelling_but_not_content() {
        let a = header_signature(&strings(&["Agent", "Date", "CSAT"]));
        let b = header_signature(&strings(&["csat", " date", "AGENT"]));
        assert_eq!(a, b);
        assert_ne!(a, header_signature(&strings(&["Agent", "Date"])));
        assert_eq!(a, "agent\u{1f}csat\u{1f}date");
    }

    #[test]
    fn chinese_headers_map_with_their_confidence() {
        let headers = strings(&[
            "工单号",
            "客服昵称",
            "所属组",
            "渠道",
            "咨询类型",
            "进线时间",
            "首次响应时间",
            "首响时长(秒)",
            "处理时长",
            "是否解决",
            "关闭时间",
            "满意度评分",
            "是否投诉",
            "备注",
            "客服工号",
        ]);
        let suggestion = suggest_mapping(&headers);
        assert_eq!(header_of(&suggestion, Field::Id), Some(vec!["工单号"]));
        assert_eq!(header_of(&suggestion, Field::Agent), Some(vec!["客服昵称"]));
        assert_eq!(header_of(&suggestion, Field::Team), Some(vec!["所属组"]));
        assert_eq!(
            header_of(&suggestion, Field::OpenedAt),
            Some(vec!["进线时间"])
        );
        assert_eq!(
            header_of(&suggestion, Field::FirstResponseAt),
            Some(vec!["首次响应时间"])
        );
        assert_eq!(
            header_of(&suggestion, Field::FirstResponseSecs),
            Some(vec!["首响时长(秒)"])
        );
        assert_eq!(
            header_of(&suggestion, Field::ResolvedAt),
            Some(vec!["关闭时间"])
        );
        assert_eq!(
            header_of(&suggestion, Field::Csat),
            Some(vec!["满意度评分"])
        );
        assert_eq!(
            header_of(&suggestion, Field::Complaint),
            Some(vec!["是否投诉"])
        );
        // "客服工号" contains 客服 but the agent is taken by the better match.
        assert_eq!(suggestion.unmatched, ["备注", "客服工号"]);
        let agent = suggestion
            .matches
            .iter()
            .find(|m| m.field == Field::Agent)
            .unwrap();
        assert_eq!(agent.confidence, Confidence::Synonym);

        let text = "工单号,客服昵称,所属组,渠道,咨询类型,进线时间,首次响应时间,首响时长(秒),\
                    处理时长,是否解决,关闭时间,满意度评分,是否投诉,备注,客服工号\n\
                    T1,张伟,售后一组,在线,退款,2026-07-01 09:00:00,2026-07-01 09:00:30,,\
                    5:00,是,2026-07-01 10:00:00,5,否,,A01\n";
        let result = read_csv(text.as_bytes(), Some(&suggestion.mapping)).unwrap();
        assert!(result.rejected.is_empty(), "{:?}", result.rejected);
        let record = result.store.record(0);
        assert_eq!(record.first_response_secs, Some(30.0));
        assert_eq!(record.handle_secs, Some(300.0));
        assert_eq!(record.team.as_deref(), Some("售后一组"));
    }

    #[test]
    fn exact_names_beat_synonyms_and_each_header_serves_one_field() {
        let headers = strings(&[
            "Agent Name",
            "agent",
            "Opened At",
            "Resolved",
            "Resolved At",
        ]);
        let suggestion = suggest_mapping(&headers);
        let agent = &suggestion.matches[0];
        assert_eq!(agent.field, Field::Agent);
        assert_eq!(agent.headers, ["agent"]);
        assert_eq!(agent.confidence, Confidence::Exact);
        assert_eq!(
            header_of(&suggestion, Field::Resolved),
            Some(vec!["Resolved"])
        );
        assert_eq!(
            header_of(&suggestion, Field::ResolvedAt),
            Some(vec!["Resolved At"])
        );
        assert_eq!(suggestion.unmatched, ["Agent Name"]);
        let mut used: Vec<&String> = suggestion.matches.iter().flat_map(|m| &m.headers).collect();
        used.sort();
        used.dedup();
        assert_eq!(used.len(), 4);
    }

    #[test]
    fn a_date_and_a_time_column_are_joined_and_containment_is_partial() {
        let suggestion = suggest_mapping(&strings(&["日期", "坐席", "时间", "客户满意度"]));
        assert_eq!(
            header_of(&suggestion, Field::OpenedAt),
            Some(vec!["日期", "时间"])
        );
        assert_eq!(
            suggestion.mapping.columns[&Field::OpenedAt],
            ColumnSpec::Joined(strings(&["日期", "时间"]))
        );
        let csat = suggestion
            .matches
            .iter()
            .find(|m| m.field == Field::Csat)
            .unwrap();
        assert_eq!(csat.confidence, Confidence::Partial);
        // Short synonyms never match by containment.
        let suggestion = suggest_mapping(&strings(&["Paid", "Slate"]));
        assert!(suggestion.matches.is_empty());
    }

    #[test]
    fn the_pwc_call_centre_file_reads_with_the_suggested_mapping() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/pwc_call_center/Call-Center-Dataset.csv"
        );
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("skipped: {path} is not there");
            return;
        };
        let headers = super::super::read_headers(&bytes, None).unwrap();
        let suggestion = suggest_mapping(&headers);
        assert_eq!(header_of(&suggestion, Field::Agent), Some(vec!["Agent"]));
        assert_eq!(
            header_of(&suggestion, Field::OpenedAt),
            Some(vec!["Date", "Time"])
        );
        assert_eq!(
            header_of(&suggestion, Field::Csat),
            Some(vec!["Satisfaction rating"])
        );
        assert_eq!(header_of(&suggestion, Field::Id), Some(vec!["Call Id"]));
        assert_eq!(
            header_of(&suggestion, Field::FirstResponseSecs),
            Some(vec!["Speed of answer in seconds"])
        );
        assert_eq!(
            header_of(&suggestion, Field::HandleSecs),
            Some(vec!["AvgTalkDuration"])
        );
        assert_eq!(
            header_of(&suggestion, Field::Answered),
            Some(vec!["Answered (Y/N)"])
        );
        assert!(
            suggestion.unmatched.is_empty(),
            "{:?}",
            suggestion.unmatched
        );
        let result = read_csv(&bytes, Some(&suggestion.mapping)).unwrap();
        assert_eq!(result.rows_read, 5000);
        assert!(result.rejected.is_empty(), "{:?}", &result.rejected[..1]);
        assert!(result.store.has_field(Field::Csat));
        assert_eq!(result.store.len(), 5000);
    }
}
