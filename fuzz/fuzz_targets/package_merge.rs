//! The readers of the committee's files on any bytes: a package and a return file never panic
//! the reader, and a return file that reads is merged into the demo without panicking — either
//! refused with the problems it names, or sorted into new, unchanged and conflicting scores that
//! together account for every score of the file. A return file's signature (a detached CMS, the
//! bytes themselves too) is checked without panicking, and never verifies on bytes it did not
//! sign.
#![no_main]

use std::sync::OnceLock;

use jauge_domain::package::{parse_package, parse_return, plan_merge, signed_text};
use jauge_domain::{Evaluation, parse_evaluation};
use libfuzzer_sys::fuzz_target;

fn demo() -> &'static Evaluation {
    static DEMO: OnceLock<Evaluation> = OnceLock::new();
    DEMO.get_or_init(|| {
        parse_evaluation(include_str!("../seeds/cloud-de-confiance.json")).expect("the demo reads")
    })
}

/// The bytes a hex string spells, `None` when it is not hex.
fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fuzz_target!(|bytes: &[u8]| {
    assert!(!jauge_signing::verify_detached(bytes, b"not what was signed").valid);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = parse_package(text);
    let Ok(file) = parse_return(text) else {
        return;
    };
    if let Some(cms) = file.signature.as_deref().and_then(from_hex) {
        let _ = jauge_signing::verify_detached(&cms, signed_text(&file).as_bytes());
    }
    match plan_merge(demo(), &file, None) {
        Err(invalid) => assert!(!invalid.problems.is_empty()),
        Ok(plan) => assert_eq!(
            plan.new.len() + plan.unchanged + plan.conflicts.len(),
            file.scores.len()
        ),
    }
});
