//! Charts: radar, trend lines, histogram and grouped bars. plotters lays them out (label
//! areas, ticks, coordinates) on a backend that only records shapes ([`backend`], in the
//! pure `carescore-charts` crate with the frame, the palette and the scales); the
//! record becomes an inline `<svg>` of DOM nodes ([`svg`]), so labels are real text in the
//! page's fonts (Chinese included) and names can never inject markup. Every chart is a
//! `<figure>`: title, `role="img"` drawing named by the title, legend, and its numbers in a
//! "Data table". Series differ by Okabe-Ito colour and by dash, marker or hatching, so
//! they survive colour blindness and greyscale print; N/A values are gaps, never zeros.
//!
//! A page passes plain, already-translated data; wrap in `move ||` to follow the language:
//!
//! ```ignore
//! use crate::charts::{Axis, GroupedBarChart, HistogramChart, RadarChart, Series, TrendChart};
//! let score = Axis::new(i18n.t("charts.score"), Some(i18n.t("charts.unit_points")));
//! view! {
//!     // Dimension scores of an agent against the team average (None = N/A).
//!     <RadarChart title=t dimensions=vec!["服务质量".into(), "效率".into()]
//!         series=vec![Series::new(agent, vec![Some(82.0), None]), Series::new(team_avg, vec![Some(75.0), Some(70.0)])]
//!         value_axis=score.clone()/>
//!     // A value per period (x categories in order), several series.
//!     <TrendChart title=t periods=vec!["2026-06".into(), "2026-07".into()]
//!         series=vec![Series::new(agent, vec![Some(80.0), Some(84.0)])]
//!         x_axis=Axis::new(i18n.t("common.period"), None) y_axis=score.clone()/>
//!     // Total scores of a group's agents, binned by ten points.
//!     <HistogramChart title=t scores=vec![Some(72.5), Some(91.0), None]/>
//!     // Per dimension (group), one bar per team.
//!     <GroupedBarChart title=t groups=dimension_names series=one_series_per_team
//!         x_axis=Axis::new(i18n.t("charts.dimension"), None) y_axis=score/>
//! }
//! ```

pub mod bars;
pub mod data;
pub mod figure;
pub mod histogram;
pub mod radar;
pub mod svg;
pub mod trend;

// The layout is pure and lives in its own crate, tested natively.
pub use carescore_charts::{backend, cartesian, palette};

pub use bars::GroupedBarChart;
pub use data::{Axis, Series};
pub use histogram::HistogramChart;
pub use radar::RadarChart;
pub use trend::TrendChart;
