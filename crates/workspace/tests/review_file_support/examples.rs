//! The documents behind the committed example and fixture files, built in code so a test
//! can rebuild them and compare bytes (run with `CARESCORE_BLESS=1` to rewrite the files).

#![allow(dead_code)]

use super::work::populated;

use std::collections::BTreeMap;
use std::sync::Arc;

use carescore_engine::field::Field;
use carescore_engine::ingest::{ColumnSpec, Mapping};
use carescore_engine::records::{ContactRecord, FieldSet, RecordStore};
use carescore_engine::scorecard::defaults::default_scorecard;
use carescore_engine::scorecard::{ScorecardHistory, ScorecardVersion};
use carescore_workspace::formats::review_file::{Document, SavedMapping};
use carescore_workspace::formats::saved_state::SavedOrigin;
use carescore_workspace::Workspace;
use chrono::{NaiveDate, NaiveDateTime};

pub fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
}

pub fn fields(list: &[Field]) -> FieldSet {
    let mut set = FieldSet::default();
    for &field in list {
        set.insert(field);
    }
    set
}

/// A contact as a ticketing system exports it.
#[allow(clippy::too_many_arguments)]
fn contact(
    id: Option<&str>,
    agent: &str,
    team: &str,
    channel: &str,
    topic: &str,
    opened: &str,
    first_response: f64,
    handle: f64,
    resolved_at: Option<&str>,
    fcr: bool,
    csat: Option<u8>,
) -> ContactRecord {
    ContactRecord {
        id: id.map(str::to_string),
        agent: agent.into(),
        team: Some(team.into()),
        channel: Some(channel.into()),
        topic: Some(topic.into()),
        opened_at: at(opened),
        answered: true,
        first_response_secs: Some(first_response),
        handle_secs: Some(handle),
        resolved: Some(resolved_at.is_some()),
        resolved_at: resolved_at.map(at),
        first_contact_resolved: Some(fcr),
        reopen_count: Some(u32::from(!fcr)),
        complaint: Some(false),
        csat,
        ..ContactRecord::default()
    }
}

/// `docs/review-file.example.json`: two teams, three agents, six records (four from a
/// system with ticket ids, two from a sheet without), the default scorecard history, the
/// mapping of the Chinese ticket export, and every other slice populated
/// ([`super::work::populated`]).
pub fn example_document() -> Document {
    Document::from_workspace(&example_workspace())
}

/// The workspace behind the example.
pub fn example_workspace() -> Workspace {
    populated(
        example_store(),
        &["张伟", "李娜", "Maria Santos"],
        vec![ticket_mapping()],
    )
}

/// `tests/fixtures/review_file/v2-workspace.json`, the first version with every slice:
/// today the example's workspace. Frozen once a version 3 exists: build it here from
/// fixed values then, as [`v1_fixture_document`] is, so the fixture keeps its meaning.
pub fn v2_fixture_document() -> Document {
    Document::from_workspace(&example_workspace())
}

/// The example's records.
fn example_store() -> RecordStore {
    let listed = fields(&[
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
        Field::Complaint,
        Field::Csat,
        Field::ResolutionSecs,
    ]);
    let with_ids = [
        contact(
            Some("T-1001"),
            "张伟",
            "华东一组",
            "chat",
            "退款",
            "2026-09-01T09:12:05",
            18.0,
            240.0,
            Some("2026-09-01T09:20:00"),
            true,
            Some(5),
        ),
        contact(
            Some("T-1002"),
            "张伟",
            "华东一组",
            "phone",
            "物流",
            "2026-09-01T10:40:00",
            4.0,
            512.5,
            Some("2026-09-02T16:00:00"),
            false,
            Some(3),
        ),
        contact(
            Some("T-1003"),
            "李娜",
            "华东一组",
            "chat",
            "换货",
            "2026-09-02T14:03:31",
            42.0,
            380.0,
            Some("2026-09-02T14:30:00"),
            true,
            None,
        ),
        contact(
            Some("T-1004"),
            "Maria Santos",
            "华南二组",
            "email",
            "发票",
            "2026-09-03T08:00:00",
            3600.0,
            900.0,
            None,
            false,
            Some(4),
        ),
    ];
    let without_ids = [
        contact(
            None,
            "Maria Santos",
            "华南二组",
            "chat",
            "退款",
            "2026-09-15T11:11:11",
            12.25,
            300.0,
            Some("2026-09-15T11:30:00"),
            true,
            Some(5),
        ),
        ContactRecord {
            answered: false,
            first_response_secs: None,
            handle_secs: None,
            resolved: Some(false),
            resolved_at: None,
            first_contact_resolved: None,
            reopen_count: None,
            csat: None,
            ..contact(
                None,
                "李娜",
                "华东一组",
                "phone",
                "物流",
                "2026-09-16T20:45:00",
                0.0,
                0.0,
                None,
                false,
                None,
            )
        },
    ];
    let mut store = RecordStore::from_records(&with_ids, Some(listed));
    store.append(&RecordStore::from_records(&without_ids, Some(listed)));
    store
}

/// The mapping of the example's ticket export (Chinese headers).
pub fn ticket_mapping() -> SavedMapping {
    let pairs = [
        (Field::Id, "工单号"),
        (Field::Agent, "客服"),
        (Field::Team, "组别"),
        (Field::Channel, "渠道"),
        (Field::Topic, "问题类型"),
        (Field::OpenedAt, "创建时间"),
        (Field::FirstResponseSecs, "首次响应(秒)"),
        (Field::HandleSecs, "处理时长(秒)"),
        (Field::ResolvedAt, "解决时间"),
        (Field::FirstContactResolved, "一次解决"),
        (Field::ReopenCount, "重开次数"),
        (Field::Complaint, "投诉"),
        (Field::Csat, "满意度"),
    ];
    let columns: BTreeMap<Field, ColumnSpec> = pairs
        .iter()
        .map(|(field, header)| (*field, ColumnSpec::Header(header.to_string())))
        .collect();
    SavedMapping {
        signature: "headers-v1:3f9a51c2d07e4b88".into(),
        headers: pairs.iter().map(|(_, header)| header.to_string()).collect(),
        mapping: Mapping {
            columns,
            datetime_format: Some("%Y/%m/%d %H:%M:%S".into()),
            true_values: vec!["是".into()],
            false_values: vec!["否".into()],
            ..Mapping::default()
        },
    }
}

/// `tests/fixtures/review_file/v1-workspace.json`: a version 1 workspace from a source
/// without ids, csat or teams, and a history of two versions. Frozen: every later version
/// must still read it (through the migration chain) as this document.
pub fn v1_fixture_document() -> Document {
    let listed = fields(&[
        Field::Agent,
        Field::OpenedAt,
        Field::HandleSecs,
        Field::Complaint,
        Field::SlaMet,
    ]);
    let record =
        |agent: &str, opened: &str, handle: Option<f64>, complaint: Option<bool>| ContactRecord {
            agent: agent.into(),
            opened_at: at(opened),
            answered: true,
            handle_secs: handle,
            complaint,
            sla_met: Some(handle.is_some_and(|h| h < 600.0)),
            ..ContactRecord::default()
        };
    let store = RecordStore::from_records(
        &[
            record("王芳", "2021-01-04T09:00:00", Some(312.0), Some(false)),
            record("王芳", "2021-01-04T09:30:00", None, None),
            record(
                "Ann <b>Lee</b>",
                "2021-02-01T23:59:59",
                Some(0.1f32.into()),
                Some(true),
            ),
            record(
                "Ann <b>Lee</b>",
                "2021-03-31T00:00:00",
                Some(1234.5),
                Some(false),
            ),
        ],
        Some(listed),
    );
    let mut later = default_scorecard();
    later.dimensions[0].weight = 50.0;
    let history = ScorecardHistory {
        schema_version: 1,
        versions: vec![
            ScorecardVersion {
                effective_from: NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
                reason: "first scheme".into(),
                scorecard: default_scorecard(),
            },
            ScorecardVersion {
                effective_from: NaiveDate::from_ymd_opt(2021, 3, 1).unwrap(),
                reason: "质量权重提高 / quality weighs more".into(),
                scorecard: later,
            },
        ],
    };
    let workspace = Workspace {
        origin: SavedOrigin::Imported,
        records: Arc::new(store),
        scorecards: history,
        ..Workspace::default()
    };
    // Version 1 had none of the later sections: the file says nothing about them.
    Document {
        imports: None,
        awards: None,
        feedback: None,
        actions: None,
        scheme_review: None,
        ..Document::from_workspace(&workspace)
    }
}
