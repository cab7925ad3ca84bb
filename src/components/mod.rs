//! Pieces of the shell that every page shares.

mod connection_banner;
mod footer;
mod header;
mod lang_switch;
mod page_title;

pub use connection_banner::ConnectionBanner;
pub use footer::Footer;
pub use header::Header;
pub use lang_switch::LangSwitch;
pub use page_title::use_page_title;
