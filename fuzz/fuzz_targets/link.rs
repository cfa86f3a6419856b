//! Any bytes as a share link, as they are and re-signed (so the body gets past the checksum
//! into the decoder): the decoder returns a valid scenario or an error, never panics, and a
//! scenario it returns survives its own link exactly.
#![no_main]

use headroom::model::Scenario;
use libfuzzer_sys::fuzz_target;

/// `text` with its checksum recomputed (FNV-1a, 32 bits, over all before the last `~`).
fn resigned(text: &str) -> String {
    let body = text.rsplit_once('~').map_or(text, |(body, _)| body);
    let sum = body.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{body}~{sum:08x}")
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for link in [text.to_string(), resigned(&text)] {
        if let Ok(s) = Scenario::from_link(&link) {
            assert!(s.validate().is_ok());
            assert_eq!(Scenario::from_link(&s.to_link()).unwrap(), s);
        }
    }
});
