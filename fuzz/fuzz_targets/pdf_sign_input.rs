//! `jauge sign`'s input check: reading the PDF and verifying its earlier signatures before a
//! countersignature, then the signature itself on whatever passes.
#![no_main]

use std::sync::OnceLock;

use chrono::TimeZone;
use libfuzzer_sys::fuzz_target;

fn signer() -> &'static jauge_signing::Signer {
    static SIGNER: OnceLock<jauge_signing::Signer> = OnceLock::new();
    SIGNER.get_or_init(|| {
        let p12 = include_bytes!("../../tests/fixtures/pki/ec-signer.p12");
        match jauge_signing::Signer::from_pkcs12(p12, "ec-signer-pass") {
            Ok(signer) => signer,
            Err(error) => panic!("the fixture signer loads: {error}"),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let at = chrono::Utc.timestamp_opt(1_795_000_000, 0).single();
    if let Some(at) = at {
        let _ = jauge_signing::sign_pdf(data, signer(), &jauge_signing::SignOptions::new(at));
    }
});
