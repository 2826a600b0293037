//! The three readers of a PDF a user opens, on the same bytes: `jauge verify` (every
//! signature's checks and the revision analysis after it, and the revision a signature covers),
//! `jauge extract` (the `evaluation.json` attachment, in bounded memory) and `jauge sign`'s input
//! check before a countersignature (then the signature itself on whatever passes). One target
//! for the three, so that one run of ten million inputs covers them all.
#![no_main]

use std::sync::OnceLock;

use chrono::TimeZone;
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

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
    let verified = jauge_signing::verify_pdf(data);
    if let Ok(reports) = &verified {
        for report in reports {
            // The texts the CLI and the app print must be computable for any input.
            let _ = report.verdict.french();
            for modification in &report.modifications {
                let _ = (modification.french(), modification.english());
            }
            if let Some(revision) = jauge_signing::signed_revision(data, report) {
                // A prefix of the very bytes read, not a copy: compared by address, because
                // libFuzzer traces every byte of a slice comparison.
                assert!(revision.as_ptr() == data.as_ptr() && revision.len() <= data.len());
            }
        }
    }
    let _ = jauge_report::extract_evaluation(data);
    // `sign_pdf` first runs the same verification on the same bytes and refuses a broken or
    // modified document; only what passes it reaches the countersigning, so only that is signed
    // here (verifying every input twice halved the rate).
    let passes = match &verified {
        Ok(reports) => reports.iter().all(|r| r.verdict.is_valid()),
        Err(_) => false,
    };
    let at = chrono::Utc.timestamp_opt(1_795_000_000, 0).single();
    if let (true, Some(at)) = (passes, at) {
        let signed = jauge_signing::sign_pdf(data, signer(), &jauge_signing::SignOptions::new(at));
        if let Ok(signed) = signed {
            // A countersignature appends: what was there stays byte for byte (compared by
            // digest, which is built without libFuzzer's comparison tracing).
            let prefix = signed.get(..data.len()).map(Sha256::digest);
            assert_eq!(prefix, Some(Sha256::digest(data)));
        }
    }
});
