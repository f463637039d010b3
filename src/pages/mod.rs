//! One file per page; each page's root element carries `data-testid="page-<name>"`.
//! The App's router picks the page (see `crate::app`).

pub mod agent;
pub mod awards;
pub mod dashboard;
pub mod data;
pub mod exports;
pub mod format;
pub mod forms;
pub mod import;
pub mod not_found;
pub mod plans;
pub mod review_files;
pub mod scheme_review;
pub mod scorecard;
pub mod settings;
pub mod team;
pub mod team_charts;
pub mod widgets;

pub use agent::{AgentPage, PrintPage};
pub use awards::AwardsPage;
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use forms::{CalibrationPage, FormsPage};
pub use not_found::NotFoundPage;
pub use plans::{PlansPage, PlansReviewPage};
pub use scorecard::ScorecardPage;
pub use settings::SettingsPage;
pub use team::TeamPage;
