//! `jauge extract`'s reader: the evaluation.json attachment, read in bounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jauge_report::extract_evaluation(data);
});
