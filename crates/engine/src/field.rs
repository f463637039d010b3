//! The canonical fields of a contact record (one chat, call, email or ticket). Files name
//! their columns as they like; a mapping ties those headers to these fields.

use serde::{Deserialize, Serialize};

/// A canonical contact-record field. The serde spelling is the public name used in
/// mappings, canonical CSV headers and metric definitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Agent,
    Team,
    Channel,
    Topic,
    OpenedAt,
    Answered,
    FirstResponseSecs,
    FirstResponseAt,
    HandleSecs,
    Resolved,
    ResolvedAt,
    FirstContactResolved,
    ReopenCount,
    ReassignCount,
    Complaint,
    Csat,
    SlaMet,
    /// Derived, never mapped: `resolved_at - opened_at` in seconds.
    ResolutionSecs,
}

/// What kind of value a field holds, which decides how its text is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    DateTime,
    Bool,
    /// Durations in seconds: plain numbers, `h:mm:ss` or `mm:ss`.
    Seconds,
    Count,
    /// CSAT, 1 to 5.
    Rating,
}

impl Field {
    /// Every field a mapping may name, in canonical CSV column order.
    pub const MAPPABLE: [Field; 18] = [
        Field::Id,
        Field::Agent,
        Field::Team,
        Field::Channel,
        Field::Topic,
        Field::OpenedAt,
        Field::Answered,
        Field::FirstResponseSecs,
        Field::FirstResponseAt,
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

    /// The public snake_case name (`first_response_secs`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Agent => "agent",
            Field::Team => "team",
            Field::Channel => "channel",
            Field::Topic => "topic",
            Field::OpenedAt => "opened_at",
            Field::Answered => "answered",
            Field::FirstResponseSecs => "first_response_secs",
            Field::FirstResponseAt => "first_response_at",
            Field::HandleSecs => "handle_secs",
            Field::Resolved => "resolved",
            Field::ResolvedAt => "resolved_at",
            Field::FirstContactResolved => "first_contact_resolved",
            Field::ReopenCount => "reopen_count",
            Field::ReassignCount => "reassign_count",
            Field::Complaint => "complaint",
            Field::Csat => "csat",
            Field::SlaMet => "sla_met",
            Field::ResolutionSecs => "resolution_secs",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::MAPPABLE
            .into_iter()
            .chain([Field::ResolutionSecs])
            .find(|field| field.name() == name)
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Field::Id | Field::Agent | Field::Team | Field::Channel | Field::Topic => {
                FieldKind::Text
            }
            Field::OpenedAt | Field::FirstResponseAt | Field::ResolvedAt => FieldKind::DateTime,
            Field::Answered
            | Field::Resolved
            | Field::FirstContactResolved
            | Field::Complaint
            | Field::SlaMet => FieldKind::Bool,
            Field::FirstResponseSecs | Field::HandleSecs | Field::ResolutionSecs => {
                FieldKind::Seconds
            }
            Field::ReopenCount | Field::ReassignCount => FieldKind::Count,
            Field::Csat => FieldKind::Rating,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for field in Field::MAPPABLE.into_iter().chain([Field::ResolutionSecs]) {
            assert_eq!(Field::from_name(field.name()), Some(field));
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.name()));
        }
    }
}
