//! One module per page.

mod area_unavailable;
mod config_error;
pub mod dossiers;
pub mod faq;
pub mod lessons;
pub mod payments;
pub mod reports;
pub mod tourism;
mod home;
mod not_found;

pub use area_unavailable::AreaUnavailable;
pub use config_error::ConfigError;
pub use home::Home;
pub use not_found::NotFound;
