//! The consultation reader on any bytes: it never panics, reports at most 100 problems, and what
//! it accepts is awarded across its lots with finite totals and every cap kept, writes out and
//! reads back equal, and stores apart (head, lots) and comes back together equal.
#![no_main]

use jauge_domain::catalog::Catalogs;
use jauge_domain::lots::{
    consultation_from_head, consultation_head_to_json, consultation_to_json,
    evaluate_consultation,
};
use jauge_domain::{MAX_PROBLEMS, parse_consultation};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::sync::OnceLock;

fn catalogs() -> &'static Catalogs {
    static CATALOGS: OnceLock<Catalogs> = OnceLock::new();
    CATALOGS.get_or_init(|| Catalogs::bundled().expect("bundled catalogs parse"))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match parse_consultation(text) {
        Err(invalid) => {
            assert!(invalid.problems.len() <= MAX_PROBLEMS);
            let _ = invalid.to_string();
        }
        Ok(consultation) => {
            let results = evaluate_consultation(&consultation, catalogs());
            let mut won: HashMap<usize, u32> = HashMap::new();
            for lot in &results.allocation.lots {
                for holder in &lot.holders {
                    assert!(holder.total.is_finite(), "{holder:?}");
                    *won.entry(holder.bidder).or_default() += 1;
                }
            }
            if let Some(cap) = consultation.rules.max_lots_awarded_per_bidder {
                assert!(won.values().all(|&n| n <= cap), "{won:?} over the cap {cap}");
            }
            let written = consultation_to_json(&consultation).to_string();
            let again = parse_consultation(&written).expect("the written document reads back");
            assert_eq!(again, consultation);
            let head = consultation_head_to_json(&consultation).to_string();
            let evaluations: Vec<_> = consultation
                .lots
                .iter()
                .map(|l| l.evaluation.clone())
                .collect();
            let joined = consultation_from_head(&head, &evaluations).expect("head and lots join");
            assert_eq!(joined, consultation);
        }
    }
});
