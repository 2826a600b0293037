//! The store's file as a whole (`jauge_api::store_file`): opening it for work with its daily and
//! before-migration backups, and each way out when it cannot be opened — on real SQLite files in
//! temporary folders, read back by second connections.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use jauge_api::store::{Change, Db, OpenFailure, SCHEMA_VERSION};
use jauge_api::{BACKUPS_KEPT, BackupKind, ErrorCode, Store};

use crate::support::repo_file;

const DEMO: &str = "2026-DNUM-CDC-014";

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 8, 30, 0).unwrap() + Duration::days(n)
}

fn demo_text() -> String {
    std::fs::read_to_string(repo_file("assets/demo/cloud-de-confiance.json")).unwrap()
}

/// A store in a fresh folder holding the demo, opened for work on day 0 and closed again.
fn demo_store_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    let mut store = jauge_api::open_store_for_work(&path, day(0)).unwrap();
    jauge_api::import_evaluation(&mut store, &demo_text(), false, day(0), "Claire").unwrap();
    (dir, path)
}

fn open(path: &Path, when: DateTime<Utc>) -> Store {
    jauge_api::open_store_for_work(path, when).unwrap()
}

fn titles(store: &Store) -> Vec<String> {
    jauge_api::list_evaluations(store)
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect()
}

fn retitle(store: &mut Store, title: &str, when: DateTime<Utc>) {
    let mut tender = jauge_api::load_evaluation(store, DEMO).unwrap().tender;
    tender.title = title.to_owned();
    jauge_api::apply_change(store, DEMO, &Change::UpdateTender(tender), when, "Claire").unwrap();
}

#[test]
fn the_first_opening_of_each_day_backs_the_store_up_and_the_last_seven_are_kept() {
    let (dir, path) = demo_store_file();
    assert!(
        jauge_api::list_backups(&path).unwrap().is_empty(),
        "a store just created has nothing to back up"
    );
    drop(open(&path, day(0) + Duration::hours(1)));
    drop(open(&path, day(0) + Duration::hours(3)));
    let backups = jauge_api::list_backups(&path).unwrap();
    assert_eq!(backups.len(), 1, "one backup for the day: {backups:?}");
    assert_eq!(backups[0].kind, BackupKind::Daily);
    assert_eq!(backups[0].taken_at, day(0) + Duration::hours(1));

    // The backup is a whole store of its own, readable without the original.
    let copy = dir.path().join("backups").join(&backups[0].file_name);
    let read = jauge_api::open_store_read_only(&copy).unwrap();
    assert_eq!(jauge_api::list_evaluations(&read).unwrap().len(), 1);
    assert!(jauge_api::verify_journal(&read, DEMO).unwrap().is_intact());

    for n in 1..=10 {
        drop(open(&path, day(n)));
    }
    let backups = jauge_api::list_backups(&path).unwrap();
    assert_eq!(backups.len(), BACKUPS_KEPT);
    assert_eq!(backups[0].taken_at, day(10), "newest first");
    assert_eq!(
        backups[BACKUPS_KEPT - 1].taken_at,
        day(4),
        "the oldest went"
    );
    // Files of its own in the folder are left alone.
    std::fs::write(dir.path().join("backups").join("notes.txt"), "à garder").unwrap();
    drop(open(&path, day(11)));
    assert!(dir.path().join("backups").join("notes.txt").exists());
}

#[test]
fn a_store_in_an_older_format_is_backed_up_as_it_was_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jauge.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            &std::fs::read_to_string(repo_file("crates/store/migrations/0001_initial_schema.sql"))
                .unwrap(),
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = open(&path, day(0));
    assert_eq!(store.db().schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);

    let backups = jauge_api::list_backups(&path).unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
    let before = Db::open_read_only(dir.path().join("backups").join(&backups[0].file_name))
        .unwrap()
        .schema_version()
        .unwrap();
    assert_eq!(
        before, 1,
        "the backup is the file as it was, before migrating"
    );
}

#[test]
fn a_damaged_a_newer_and_a_locked_store_each_say_why_and_where() {
    let dir = tempfile::tempdir().unwrap();

    let damaged = dir.path().join("damaged.sqlite3");
    std::fs::write(
        &damaged,
        b"PK\x03\x04 not a database, a zip someone renamed",
    )
    .unwrap();
    let problem = jauge_api::open_store_for_work(&damaged, day(0)).unwrap_err();
    assert_eq!(problem.kind, OpenFailure::Damaged, "{problem:?}");
    assert_eq!(problem.path, damaged);
    assert_eq!(
        std::fs::read(&damaged).unwrap(),
        b"PK\x03\x04 not a database, a zip someone renamed",
        "the file is left as it was"
    );

    let newer = dir.path().join("newer.sqlite3");
    drop(Store::open(&newer).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let problem = jauge_api::open_store_for_work(&newer, day(0)).unwrap_err();
    assert_eq!(problem.kind, OpenFailure::TooNew, "{problem:?}");
    assert!(
        problem.detail.contains("update Jauge"),
        "{}",
        problem.detail
    );

    let locked = dir.path().join("locked.sqlite3");
    drop(Store::open(&locked).unwrap());
    let holder = rusqlite::Connection::open(&locked).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let problem = jauge_api::open_store_for_work(&locked, day(0)).unwrap_err();
    assert_eq!(problem.kind, OpenFailure::Locked, "{problem:?}");
}

#[test]
fn a_store_opened_read_only_lists_and_exports_but_refuses_every_edit() {
    let (_dir, path) = demo_store_file();
    let before = std::fs::read(&path).unwrap();
    let mut store = jauge_api::open_store_read_only(&path).unwrap();
    assert_eq!(titles(&store).len(), 1);
    let exported = jauge_api::export_evaluation(&store, DEMO).unwrap();
    assert!(exported.contains(DEMO));
    let mut tender = jauge_api::load_evaluation(&store, DEMO).unwrap().tender;
    tender.title = "Changé en lecture seule".into();
    let refused = jauge_api::apply_change(
        &mut store,
        DEMO,
        &Change::UpdateTender(tender),
        day(0),
        "Claire",
    )
    .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Storage, "{refused}");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte written");
}

#[test]
fn a_store_set_aside_keeps_its_last_edits_and_a_fresh_store_takes_its_place() {
    let (dir, path) = demo_store_file();
    let mut store = open(&path, day(0));
    retitle(&mut store, "Titre saisi juste avant", day(0));
    drop(store);
    let aside = jauge_api::set_store_aside(&path, day(1)).unwrap();
    assert!(!path.exists());
    assert_eq!(aside.parent(), Some(dir.path()));

    let kept = jauge_api::open_store_read_only(&aside).unwrap();
    assert_eq!(titles(&kept), ["Titre saisi juste avant"]);
    assert!(jauge_api::verify_journal(&kept, DEMO).unwrap().is_intact());
    drop(kept);

    let fresh = open(&path, day(1));
    assert!(titles(&fresh).is_empty(), "a fresh, empty store");
}

#[test]
fn restoring_a_backup_sets_the_current_store_aside_and_a_file_that_is_no_store_is_refused() {
    let (dir, path) = demo_store_file();
    let mut store = open(&path, day(1)); // takes the day's backup, demo title
    retitle(&mut store, "Titre du lendemain", day(1));
    drop(store);
    let backup = jauge_api::list_backups(&path).unwrap().remove(0);

    let aside = jauge_api::restore_backup(&path, &backup.file_name, day(2))
        .unwrap()
        .expect("the current store was set aside");
    let restored = Store::open(&path).unwrap();
    assert_ne!(titles(&restored), ["Titre du lendemain"]);
    assert!(
        jauge_api::verify_journal(&restored, DEMO)
            .unwrap()
            .is_intact()
    );
    drop(restored);
    assert_eq!(
        titles(&jauge_api::open_store_read_only(&aside).unwrap()),
        ["Titre du lendemain"]
    );

    let unknown = jauge_api::restore_backup(&path, "../jauge.sqlite3", day(3)).unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::NotFound);
    let forged = "jauge-20261105T083000Z-daily.sqlite3";
    std::fs::write(dir.path().join("backups").join(forged), b"not a database").unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(jauge_api::restore_backup(&path, forged, day(3)).is_err());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the current store stays"
    );
}
