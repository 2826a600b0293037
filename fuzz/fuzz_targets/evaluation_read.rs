//! The evaluation reader on any bytes: it never panics, reports at most 100 problems, and what
//! it accepts evaluates to finite numbers, writes out and reads back equal.
#![no_main]

use jauge_domain::catalog::Catalogs;
use jauge_domain::{MAX_PROBLEMS, evaluate, evaluation_to_canonical_string, parse_evaluation};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalogs() -> &'static Catalogs {
    static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
    CATALOGS.get_or_init(|| Catalogs::bundled().expect("bundled catalogs parse"))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match parse_evaluation(text) {
        Err(invalid) => {
            assert!(invalid.problems.len() <= MAX_PROBLEMS);
            let _ = invalid.to_string();
        }
        Ok(evaluation) => {
            let results = evaluate(&evaluation, catalogs());
            for offer in &results.offers {
                assert!(offer.total.is_none_or(f64::is_finite), "{offer:?}");
                for leaf in &offer.criteria {
                    assert!(leaf.outcome.points().is_none_or(f64::is_finite), "{leaf:?}");
                }
            }
            for s in &results.sensitivity {
                assert!(s.from.is_finite() && s.to.is_finite(), "{s:?}");
            }
            let _ = jauge_domain::results_to_json(&results).to_string();
            let canonical = evaluation_to_canonical_string(&evaluation);
            let again = parse_evaluation(&canonical).expect("the canonical text reads back");
            assert_eq!(again, evaluation);
        }
    }
});
