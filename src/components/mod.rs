//! Pieces of the shell that every page shares.

mod connection_banner;
mod error_summary;
mod footer;
mod header;
mod lang_switch;
mod loaded;
mod load_error;
mod page_title;
mod qr;
mod sketch_map;
mod summary_row;

pub use connection_banner::ConnectionBanner;
pub use error_summary::{title_with_errors, ErrorSummary, InlineError, Problem, ProblemTarget};
pub use footer::Footer;
pub use header::Header;
pub use lang_switch::LangSwitch;
pub use loaded::Loaded;
pub use load_error::{LoadError, Loading};
pub use page_title::use_page_title;
pub use qr::qr_svg;
pub use sketch_map::{percent, share_of, sketch_map, sketch_svg, Pin, WIDTH};
pub use summary_row::summary_row;
