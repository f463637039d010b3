//! One module per page; each page's root element carries `data-testid="page-<name>"`.
//! The App's router picks the page (see `crate::app`). A page imports no other page: what
//! two pages share lives in [`crate::components`].

pub mod agent;
pub mod awards;
pub mod dashboard;
pub mod data;
pub mod forms;
pub mod not_found;
pub mod plans;
pub mod scheme_review;
pub mod scorecard;
pub mod settings;
pub mod team;

pub use agent::{AgentPage, PrintPage};
pub use awards::AwardsPage;
pub use dashboard::DashboardPage;
pub use data::DataPage;
pub use forms::{CalibrationPage, FormsPage};
pub use not_found::NotFoundPage;
pub use plans::{PlansPage, WeeklyReviewPage};
pub use scheme_review::SchemeReviewPage;
pub use scorecard::ScorecardPage;
pub use settings::SettingsPage;
pub use team::TeamPage;
