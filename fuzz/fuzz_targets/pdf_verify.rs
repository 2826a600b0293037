//! `jauge verify`'s reader: every signature's checks and the revision analysis after it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reports) = jauge_signing::verify_pdf(data) {
        for report in &reports {
            // The texts the CLI and the app print must be computable for any input.
            let _ = report.verdict.french();
            for modification in &report.modifications {
                let _ = (modification.french(), modification.english());
            }
            let _ = jauge_signing::signed_revision(data, report);
        }
    }
});
