//! Unguessable codes and ids from the operating system's random source.

use mytho_core::dossier::RESUME_ALPHABET;

/// `groups` × `size` characters, rejection-sampled so each character is uniform over the unambiguous
/// alphabet, groups joined by dashes (`ABCD-EFGH-JKMN` for resume codes, `ABC-DEF` for classes).
pub fn code(groups: usize, size: usize) -> Result<String, getrandom::Error> {
    let n = RESUME_ALPHABET.len() as u16;
    // The largest multiple of the alphabet's size that fits in a byte: bytes at or above it are skipped.
    let limit = 256 - 256 % n;
    let len = groups * size;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let mut buf = [0u8; 16];
        getrandom::fill(&mut buf)?;
        let wanted = len - out.len();
        out.extend(buf.iter().map(|b| u16::from(*b)).filter(|b| *b < limit).map(|b| RESUME_ALPHABET[(b % n) as usize]).take(wanted));
    }
    let parts: Vec<String> = out.chunks(size).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    Ok(parts.join("-"))
}

/// 128 random bits as 32 lower-case hex digits (upload ids, trainer tokens, learner ids).
pub fn hex_id() -> Result<String, getrandom::Error> {
    let mut raw = [0u8; 16];
    getrandom::fill(&mut raw)?;
    Ok(raw.iter().map(|b| format!("{b:02x}")).collect())
}
