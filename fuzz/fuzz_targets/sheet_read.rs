//! The two workbooks a buyer brings back, on any bytes: a scoring grid filled in by a colleague
//! (`jauge_sheets::read_score_grid`, against the demo) and the list of bids received
//! (`jauge_sheets::read_offers`). Neither may panic, and every refusal names at least one
//! problem; scores that read belong to the demo's offers and criteria.
#![no_main]

use std::sync::OnceLock;

use jauge_domain::{Evaluation, parse_evaluation};
use libfuzzer_sys::fuzz_target;

fn demo() -> &'static Evaluation {
    static DEMO: OnceLock<Evaluation> = OnceLock::new();
    DEMO.get_or_init(|| {
        parse_evaluation(include_str!("../seeds/cloud-de-confiance.json")).expect("the demo reads")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let demo = demo();
    match jauge_sheets::read_score_grid(bytes, demo, "e2", "2026-12-02T08:00:00Z") {
        Ok(scores) => {
            for score in &scores {
                assert_eq!(score.evaluator, "e2");
                assert!(demo.offers.iter().any(|offer| offer.id == score.offer));
            }
        }
        Err(jauge_sheets::Error::Cells(problems)) => assert!(!problems.is_empty()),
        Err(_) => {}
    }
    if let Err(jauge_sheets::Error::Cells(problems)) = jauge_sheets::read_offers(bytes) {
        assert!(!problems.is_empty());
    }
});
