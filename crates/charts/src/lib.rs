//! CareScore's chart layout, with no web crate in its tree so it is tested natively:
//!
//! - [`backend`]: a plotters backend that records shapes as plain values
//! - [`cartesian`]: the frame of the x/y charts (size, mesh, axis labels)
//! - [`palette`]: Okabe-Ito colours, dashes, markers and hatching
//! - [`scale`]: a chart's series, value ranges, ticks and label thinning
//!
//! The web app's `charts` module turns a recording into SVG DOM and adds the words.

pub mod backend;
pub mod cartesian;
pub mod palette;
pub mod scale;
