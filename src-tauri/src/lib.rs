//! Jauge's desktop app: a thin Tauri v2 shell over `jauge-api`. Each command converts its wire
//! arguments (`dto`), calls one API function and converts the answer back; failures reach the
//! UI as `IpcError { code, message }`. The store lives in the platform's app-data folder
//! (`JAUGE_DATA_DIR` overrides it, which the end-to-end tests use to start from scratch) and is
//! created on first launch with the demo evaluation imported.
//!
//! Business rules, SQL, PDF and cryptography belong to the crates under `crates/`, never here.
//! The app reaches no network: the UI is bundled, the CSP allows only the app's own origin and
//! IPC, and the only plugin is the native file dialog.

mod commands;
mod dto;
mod error;
mod state;
#[cfg(target_os = "linux")]
mod webview;

use std::path::PathBuf;
use std::time::Instant;

use tauri::Manager;

use crate::commands::{
    app, catalogs, committee, evaluations, journal, letters, prices, reports, rounds, scoring,
    setup, sheets, store,
};
use crate::state::AppState;

/// Overrides the folder of the store (tests, portable installs).
const DATA_DIR_VARIABLE: &str = "JAUGE_DATA_DIR";

/// The reference after `--open` on the command line: `jauge-desktop --open 2026-DNUM-CDC-014`
/// starts on that evaluation (the README's run command opens the demo this way).
fn reference_to_open(mut args: impl Iterator<Item = String>) -> Option<String> {
    args.find(|a| a == "--open").and_then(|_| args.next())
}

/// Starts the app; returns when its window is closed. A store that cannot be opened for work
/// (damaged, locked, read-only, from a newer Jauge) does not stop it: the first screen says why
/// and offers the ways out (`commands::store`).
#[allow(clippy::expect_used)]
pub fn run() {
    let started = Instant::now();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = match std::env::var_os(DATA_DIR_VARIABLE) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let mut state = AppState::open(&data_dir, started)?;
            state.open_on_start = reference_to_open(std::env::args());
            app.manage(state);
            #[cfg(target_os = "linux")]
            webview::without_gpu_compositing(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app::app_info,
            app::report_first_paint,
            evaluations::list_evaluations,
            evaluations::open_evaluation,
            evaluations::list_templates,
            evaluations::create_from_template,
            evaluations::import_evaluation_file,
            evaluations::open_consultation,
            evaluations::consultation_of_lot,
            evaluations::save_bidder,
            evaluations::set_award_rules,
            evaluations::set_lot_sans_suite,
            evaluations::add_bid,
            reports::export_consultation_report,
            evaluations::export_evaluation_file,
            evaluations::delete_evaluation,
            evaluations::simulate_price_formulas,
            setup::update_tender,
            setup::update_settings,
            setup::replace_criteria,
            setup::check_criteria,
            setup::upsert_evaluator,
            setup::remove_evaluator,
            setup::upsert_offer,
            setup::remove_offer,
            prices::price_sheet,
            prices::accept_correction,
            prices::withdraw_correction,
            prices::set_unit_price,
            prices::import_schedule_workbook,
            prices::export_schedule_workbook,
            scoring::set_score,
            scoring::remove_score,
            scoring::set_consensus,
            scoring::remove_consensus,
            catalogs::list_catalogs,
            catalogs::search_catalog,
            reports::export_report,
            reports::sign_report,
            reports::verify_report,
            reports::save_signed_revision,
            rounds::rounds_overview,
            rounds::open_round,
            rounds::eliminate_at_round,
            rounds::record_exchange,
            rounds::answer_exchange,
            committee::export_package,
            committee::import_return_file,
            committee::committee_progress,
            committee::committee_files,
            committee::return_certificates,
            committee::open_package,
            committee::evaluator_workspace,
            committee::write_return,
            committee::declare_interests,
            committee::open_prices,
            letters::prepare_letters,
            letters::write_letters,
            letters::write_request_letter,
            letters::write_consultation_letters,
            sheets::export_workbook,
            sheets::export_consultation_workbook,
            sheets::export_score_grid,
            sheets::import_score_grid,
            sheets::import_offers_workbook,
            journal::list_journal,
            journal::verify_journal,
            store::store_status,
            store::retry_opening_store,
            store::open_store_read_only,
            store::set_store_aside,
            store::list_backups,
            store::restore_backup,
        ])
        .run(tauri::generate_context!())
        .expect("Jauge could not start");
}

#[cfg(test)]
mod tests {
    use super::reference_to_open;

    #[test]
    fn the_open_argument_names_the_first_evaluation_shown() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            reference_to_open(args(&["jauge-desktop", "--open", "2026-X"]).into_iter()),
            Some("2026-X".to_owned())
        );
        assert_eq!(
            reference_to_open(args(&["jauge-desktop"]).into_iter()),
            None
        );
        assert_eq!(
            reference_to_open(args(&["jauge-desktop", "--open"]).into_iter()),
            None
        );
    }
}
