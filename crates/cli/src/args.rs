//! Option values shared by the commands: the messages name the option and what it accepts.

use std::path::PathBuf;

use carescore_engine::metrics::GroupBy;
use carescore_engine::period::PeriodKind;

/// The next value as text (`name` is the option, for the message).
pub fn text(parser: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    parser
        .value()
        .map_err(|error| error.to_string())?
        .into_string()
        .map_err(|_| format!("{name} must be valid UTF-8"))
}

pub fn path(parser: &mut lexopt::Parser) -> Result<PathBuf, String> {
    Ok(PathBuf::from(
        parser.value().map_err(|error| error.to_string())?,
    ))
}

/// `--by agent|team|all`.
pub fn group_by(parser: &mut lexopt::Parser) -> Result<GroupBy, String> {
    let value = text(parser, "--by")?;
    GroupBy::parse(&value).ok_or_else(|| format!("--by must be agent, team or all, not {value:?}"))
}

/// `--period all|day|week|month|quarter`.
pub fn period(parser: &mut lexopt::Parser) -> Result<PeriodKind, String> {
    let value = text(parser, "--period")?;
    PeriodKind::parse(&value)
        .ok_or_else(|| format!("--period must be all, day, week, month or quarter, not {value:?}"))
}
