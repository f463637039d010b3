//! The one piece every versioned JSON format reads through: check the version key, refuse
//! a newer document with [`newer_message`] ("saved by a newer version of CareScore (v3):
//! reload the page or update"), walk the format's [`Chain`] of upgrades from the version
//! found to the current one.
//!
//! It is defined in the engine (`carescore_engine::versioning`) because the scorecard
//! format lives there and the engine cannot depend on this crate; this module is its
//! home for the workspace's formats. A format declares
//!
//! ```
//! use carescore_workspace::formats::versioning::{Chain, Step};
//! const STEPS: &[Step] = &[];
//! const CHAIN: Chain = Chain::new("version", STEPS);
//! assert_eq!(CHAIN.current(), 1);
//! ```
//!
//! and reads with `CHAIN.to_current(value)`, mapping [`VersionError::Newer`] to its own
//! "newer" error and the rest to "unreadable".

pub use carescore_engine::versioning::{newer_message, Chain, Step, VersionError};
