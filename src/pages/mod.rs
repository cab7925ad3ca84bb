//! One module per page.

mod config_error;
pub mod dossiers;
pub mod faq;
pub mod lessons;
pub mod payments;
pub mod reports;
pub mod tourism;
mod home;
mod not_found;

pub use config_error::ConfigError;
pub use home::Home;
pub use not_found::NotFound;
