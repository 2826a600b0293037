//! Importing any bytes into a store, as `jauge_api::import_evaluation` does (read and validate,
//! then write the rows and the journal entry in one transaction): no panic, and an accepted
//! evaluation loads back equal with a journal that verifies.
#![no_main]

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use jauge_domain::parse_evaluation;
use jauge_store::Db;
use libfuzzer_sys::fuzz_target;

/// Imports into one store before a fresh one is opened: each import of the same tender adds a
/// journal entry, and verifying a journal that grows without end would make every later input
/// slower than the one before (the run would measure the journal, not the import).
const IMPORTS_PER_STORE: u32 = 64;

thread_local! {
    static DB: RefCell<Option<(Db, u32)>> = const { RefCell::new(None) };
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(evaluation) = parse_evaluation(text) else {
        return;
    };
    DB.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_some_and(|(_, imports)| *imports >= IMPORTS_PER_STORE) {
            *slot = None;
        }
        let (db, imports) =
            slot.get_or_insert_with(|| (Db::open_in_memory().expect("in-memory store"), 0));
        *imports += 1;
        let at = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).expect("a time");
        db.replace_evaluation(&evaluation, at, "fuzz")
            .expect("a valid evaluation is stored");
        let reference = &evaluation.tender.reference;
        let loaded = db.load_evaluation(reference).expect("it loads back");
        assert_eq!(loaded, evaluation);
        let verdict = db.verify_journal(reference).expect("the journal reads");
        assert!(verdict.broken.is_none(), "{:?}", verdict.broken);
    });
});
