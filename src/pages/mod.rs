//! One module per page.

mod coming_soon;
mod config_error;
pub mod dossiers;
pub mod faq;
pub mod lessons;
pub mod payments;
pub mod tourism;
mod home;
mod not_found;

pub use coming_soon::AreaPage;

pub use config_error::ConfigError;
pub use home::Home;
pub use not_found::NotFound;
