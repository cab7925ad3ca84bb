//! Dossiers: the procedure catalogue, one generic form engine for every procedure's form, drafts on
//! the device, submission, the receipt and tracking.

mod attachment;
mod catalogue;
mod check;
mod draft;
mod drafts;
mod fields;
mod practice;
mod procedure;
mod profile;
mod receipt;
mod resume;
mod step;
mod tracking;
mod ward;

pub use catalogue::Catalogue;
pub use drafts::DraftsPage;
pub use practice::PracticeStart;
pub use procedure::{ProcedureLayout, ProcedurePage};
pub use profile::ProfilePage;
pub use receipt::ReceiptPage;
pub use step::FormStep;
pub use tracking::TrackingPage;

use mytho_core::routes::TRACKING;

/// Drafts and receipts live with tracking: "my applications".
pub use mytho_core::routes::DRAFTS;
/// The details the user keeps on this device.
pub const PROFILE: &str = "/tra-cuu/thong-tin-cua-toi";

pub fn receipt_path(code: &str) -> String {
    format!("{TRACKING}/bien-nhan/{code}")
}

pub fn tracking_path(code: &str) -> String {
    format!("{TRACKING}?ma={code}")
}
