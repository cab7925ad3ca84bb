//! Paying a dossier's fee: the hand-off to the payment provider (VNPay), the VietQR transfer, and the
//! page the provider sends the citizen back to. Whether something is paid is only ever read from the
//! gateway.

mod pay;
mod qr;
mod result;

pub use pay::PayPage;
pub use result::PayResult;

use mytho_core::routes::PAYMENT;

pub fn pay_path(code: &str) -> String {
    format!("{PAYMENT}/ho-so/{code}")
}
