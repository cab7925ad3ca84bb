//! VietQR (NAPAS 247) bank-transfer payloads: EMVCo merchant-presented QR, with the dossier code as the
//! transfer purpose so the treasury can match the money. A QR confirms nothing by itself: the dossier's
//! payment status always comes from the server.

use crate::text;

/// NAPAS's application id in field 38.
const NAPAS_AID: &str = "A000000727";
/// Service code: transfer to an account.
const SERVICE_TO_ACCOUNT: &str = "QRIBFTTA";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VietQr {
    /// The bank's 6-digit BIN (970436 for Vietcombank…).
    pub bank_bin: String,
    pub account: String,
    /// In đồng; `None` gives a static QR where the payer types the amount.
    pub amount: Option<u64>,
    /// At most 25 ASCII characters (folded from Vietnamese if needed).
    pub purpose: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrError {
    BankBin,
    Account,
    Amount,
    PurposeTooLong { len: usize },
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor.
/// The banks people recognise by name, by their NAPAS BIN (`../shared/DOMAIN.md`).
const BANKS: [(&str, &str); 10] = [
    ("970436", "Vietcombank"),
    ("970415", "VietinBank"),
    ("970418", "BIDV"),
    ("970405", "Agribank"),
    ("970422", "MB"),
    ("970407", "Techcombank"),
    ("970416", "ACB"),
    ("970432", "VPBank"),
    ("970423", "TPBank"),
    ("970403", "Sacombank"),
];

/// A bank as people read it: "Vietcombank (970436)", or the BIN alone for a bank not in the list.
pub fn bank_label(bin: &str) -> String {
    match BANKS.iter().find(|(b, _)| *b == bin) {
        Some((_, name)) => format!("{name} ({bin})"),
        None => bin.to_string(),
    }
}

pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

/// One TLV field: two-digit id, two-digit length, value (at most 99 bytes).
fn tlv(id: &str, value: &str) -> Option<String> {
    (value.len() <= 99).then(|| format!("{id}{:02}{value}", value.len()))
}

/// The purpose as the QR carries it: ASCII letters, digits, spaces and `-._` only; Vietnamese letters
/// lose their marks, ASCII keeps its case (dossier codes are upper case).
pub fn purpose_text(purpose: &str) -> String {
    purpose
        .chars()
        .map(|c| if c.is_ascii() { c.to_string() } else { text::fold(&c.to_string()) })
        .collect::<String>()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '_'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl VietQr {
    pub fn payload(&self) -> Result<String, QrError> {
        if self.bank_bin.len() != 6 || !self.bank_bin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(QrError::BankBin);
        }
        if self.account.is_empty() || self.account.len() > 19 || !self.account.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(QrError::Account);
        }
        let purpose = purpose_text(&self.purpose);
        if purpose.len() > 25 {
            return Err(QrError::PurposeTooLong { len: purpose.len() });
        }
        let beneficiary = format!("{}{}", tlv("00", &self.bank_bin).ok_or(QrError::BankBin)?, tlv("01", &self.account).ok_or(QrError::Account)?);
        let merchant = format!(
            "{}{}{}",
            tlv("00", NAPAS_AID).ok_or(QrError::BankBin)?,
            tlv("01", &beneficiary).ok_or(QrError::Account)?,
            tlv("02", SERVICE_TO_ACCOUNT).ok_or(QrError::BankBin)?
        );
        let mut out = String::new();
        out += &tlv("00", "01").expect("short");
        out += &tlv("01", if self.amount.is_some() { "12" } else { "11" }).expect("short");
        out += &tlv("38", &merchant).ok_or(QrError::Account)?;
        out += &tlv("53", "704").expect("short");
        if let Some(amount) = self.amount {
            if amount == 0 || amount > 9_999_999_999_999 {
                return Err(QrError::Amount);
            }
            out += &tlv("54", &amount.to_string()).expect("short");
        }
        out += &tlv("58", "VN").expect("short");
        if !purpose.is_empty() {
            out += &tlv("62", &tlv("08", &purpose).expect("at most 25")).expect("short");
        }
        out += "6304";
        let crc = crc16(out.as_bytes());
        Ok(format!("{out}{crc:04X}"))
    }
}

/// Whether a payload's CRC (its last four hex digits, after `6304`) is right.
pub fn verify(payload: &str) -> bool {
    let Some(body_len) = payload.len().checked_sub(4) else { return false };
    if !payload.is_ascii() || !payload[..body_len].ends_with("6304") {
        return false;
    }
    u16::from_str_radix(&payload[body_len..], 16).is_ok_and(|crc| crc == crc16(&payload.as_bytes()[..body_len]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // Published vectors (../shared/DOMAIN.md).
    const V1: &str = "00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA530370454061800005802VN62230819thanh toan don hang630470FA";
    const V2: &str = "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C";

    #[test]
    fn published_vectors_byte_for_byte() {
        let q1 = VietQr { bank_bin: "970436".into(), account: "1017595600".into(), amount: Some(180_000), purpose: "thanh toan don hang".into() };
        assert_eq!(q1.payload().unwrap(), V1);
        let q2 = VietQr { bank_bin: "970415".into(), account: "0011001932418".into(), amount: Some(120_000), purpose: "ủng hộ lũ lụt".into() };
        assert_eq!(q2.payload().unwrap(), V2);
        assert!(verify(V1) && verify(V2));
        assert!(!verify(&V1.replace("180000", "190000")));
        assert_eq!(crc16(b"123456789"), 0x29B1); // the CRC's own check value
        assert_eq!(purpose_text("Lệ phí MTS-251203-0001!"), "Le phi MTS-251203-0001");
    }

    #[test]
    fn refusals() {
        let ok = VietQr { bank_bin: "970436".into(), account: "1017595600".into(), amount: Some(1), purpose: "MTS-251203-0001".into() };
        assert!(ok.payload().is_ok());
        assert_eq!(VietQr { bank_bin: "97043".into(), ..ok.clone() }.payload(), Err(QrError::BankBin));
        assert_eq!(VietQr { account: "12 34".into(), ..ok.clone() }.payload(), Err(QrError::Account));
        assert_eq!(VietQr { amount: Some(0), ..ok.clone() }.payload(), Err(QrError::Amount));
        assert_eq!(
            VietQr { purpose: "thanh toan ho so MTS-251203-0001".into(), ..ok }.payload(),
            Err(QrError::PurposeTooLong { len: 32 })
        );
    }

    proptest! {
        #[test]
        fn every_payload_verifies(bin in "[0-9]{6}", account in "[0-9A-Z]{1,19}", amount in 1u64..10_000_000_000, purpose in "[a-zA-Z0-9 ]{0,25}") {
            let payload = VietQr { bank_bin: bin, account, amount: Some(amount), purpose }.payload().unwrap();
            prop_assert!(verify(&payload));
            prop_assert!(payload.is_ascii());
        }

        #[test]
        fn long_purposes_are_refused(purpose in "[a-z]{26,40}") {
            let q = VietQr { bank_bin: "970436".into(), account: "1".into(), amount: None, purpose };
            let refused = matches!(q.payload(), Err(QrError::PurposeTooLong { .. }));
            prop_assert!(refused);
        }
    }

    #[test]
    fn banks_are_named_beside_their_bin() {
        assert_eq!(super::bank_label("970436"), "Vietcombank (970436)");
        assert_eq!(super::bank_label("970403"), "Sacombank (970403)");
        assert_eq!(super::bank_label("970999"), "970999");
    }
}
