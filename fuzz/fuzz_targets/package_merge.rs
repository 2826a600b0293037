//! The readers of the committee's files on any bytes: a package and a return file never panic
//! the reader, and a return file that reads is merged into the demo without panicking — either
//! refused with at most one problem, or sorted into new, unchanged and conflicting scores that
//! together account for every score of the file.
#![no_main]

use std::sync::OnceLock;

use jauge_domain::package::{parse_package, parse_return, plan_merge};
use jauge_domain::{Evaluation, parse_evaluation};
use libfuzzer_sys::fuzz_target;

fn demo() -> &'static Evaluation {
    static DEMO: OnceLock<Evaluation> = OnceLock::new();
    DEMO.get_or_init(|| {
        parse_evaluation(include_str!("../seeds/cloud-de-confiance.json")).expect("the demo reads")
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = parse_package(text);
    let Ok(file) = parse_return(text) else {
        return;
    };
    match plan_merge(demo(), &file) {
        Err(invalid) => assert_eq!(invalid.problems.len(), 1),
        Ok(plan) => assert_eq!(
            plan.new.len() + plan.unchanged + plan.conflicts.len(),
            file.scores.len()
        ),
    }
});
