//! Payment API types. Only the gateway decides whether something was paid (on a verified IPN, or the
//! treasury's confirmation of a transfer); the browser only shows what the gateway recorded.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub const PAYMENTS_PATH: &str = "/payments";

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Card, e-wallet or internet banking through the VNPay gateway.
    Vnpay,
    /// Bank transfer by VietQR.
    Vietqr,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Pending,
    Paid,
    Failed,
    Cancelled,
}

impl PaymentStatus {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PaymentStatus::Pending, Lang::Vi) => "Chờ xác nhận thanh toán",
            (PaymentStatus::Paid, Lang::Vi) => "Đã thanh toán",
            (PaymentStatus::Failed, Lang::Vi) => "Thanh toán không thành công",
            (PaymentStatus::Cancelled, Lang::Vi) => "Đã hủy thanh toán",
            (PaymentStatus::Pending, Lang::En) => "Waiting for payment confirmation",
            (PaymentStatus::Paid, Lang::En) => "Paid",
            (PaymentStatus::Failed, Lang::En) => "Payment failed",
            (PaymentStatus::Cancelled, Lang::En) => "Payment cancelled",
        }
    }
}

/// The dossier a provider's return address is about, read from its order description ("Thanh toan le
/// phi ho so <code>"), so a return that cannot be verified can still lead to that dossier's tracking.
pub fn dossier_of_return(query: &str) -> Option<String> {
    let info = query.split('&').find_map(|kv| kv.strip_prefix("vnp_OrderInfo="))?;
    let info = info.replace("%20", " ").replace('+', " ");
    crate::dossier::normalize_code(info.rsplit(' ').next()?)
}

/// An amount as people read it in Việt Nam: `10.000 đ`.
pub fn format_vnd(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{out} đ")
}

/// `POST /api/v1/dossiers/{code}/payments`. No amount: the gateway takes it from the procedure's fee.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartPayment {
    pub phone_last4: String,
    pub method: PaymentMethod,
    pub lang: Lang,
}

/// What the app needs to hand the citizen over to the provider, or to show the transfer QR.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentStarted {
    pub txn_ref: String,
    pub method: PaymentMethod,
    pub amount_vnd: u64,
    pub status: PaymentStatus,
    /// The provider's page, for `vnpay`.
    pub pay_url: Option<String>,
    /// The transfer details, for `vietqr`.
    pub transfer: Option<Transfer>,
}

/// A bank transfer as the QR encodes it, and written out for people who type it by hand.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub payload: String,
    pub bank_bin: String,
    pub account: String,
    pub account_name: String,
    pub amount_vnd: u64,
    pub purpose: String,
}

/// A payment as recorded by the gateway.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentState {
    pub txn_ref: String,
    pub dossier_code: String,
    pub method: PaymentMethod,
    pub amount_vnd: u64,
    pub status: PaymentStatus,
    /// The provider's response code (VNPay: 00 success, 24 cancelled, 51 insufficient funds, 11 timeout…).
    pub response_code: Option<String>,
    /// When it was recorded as paid (RFC 3339, UTC).
    #[serde(default)]
    pub paid_at: Option<String>,
}

/// The IPN answer in VNPay's protocol.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpnReply {
    #[serde(rename = "RspCode")]
    pub rsp_code: String,
    #[serde(rename = "Message")]
    pub message: String,
}

#[cfg(test)]
mod format_tests {
    use super::format_vnd;

    #[test]
    fn amounts_use_dots_between_thousands() {
        assert_eq!(format_vnd(0), "0 đ");
        assert_eq!(format_vnd(2_000), "2.000 đ");
        assert_eq!(format_vnd(10_000), "10.000 đ");
        assert_eq!(format_vnd(1_250_000), "1.250.000 đ");
    }

    #[test]
    fn a_return_names_its_dossier() {
        let q = "vnp_Amount=1000000&vnp_OrderInfo=Thanh+toan+le+phi+ho+so+MTS-261202-K7M4QP&vnp_TxnRef=x";
        assert_eq!(super::dossier_of_return(q).as_deref(), Some("MTS-261202-K7M4QP"));
        assert_eq!(super::dossier_of_return("vnp_OrderInfo=Thanh%20toan%20MTS-251203-0001").as_deref(), Some("MTS-251203-0001"));
        assert_eq!(super::dossier_of_return("vnp_TxnRef=x"), None);
        assert_eq!(super::dossier_of_return("vnp_OrderInfo=%3Cscript%3E"), None);
    }
}
