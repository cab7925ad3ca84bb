//! One module per page.

mod coming_soon;
mod config_error;
#[cfg(feature = "faq-chat")]
pub mod faq;
mod home;
mod not_found;

pub use coming_soon::AreaPage;
#[cfg(not(feature = "faq-chat"))]
pub use coming_soon::ComingSoon;
pub use config_error::ConfigError;
pub use home::Home;
pub use not_found::NotFound;
