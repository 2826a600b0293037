//! Keeps `ui/src/ipc/bindings.gen.ts` in step with the DTOs: `bindings_are_fresh` fails when the
//! committed file differs from what the types generate, and the ignored `export_bindings`
//! rewrites it.

use std::path::PathBuf;

use ts_rs::TS;

use super::*;
use crate::error::IpcError;

const REFRESH: &str = "cargo test -p jauge-desktop -- --ignored export_bindings";

fn path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings.gen.ts")
}

fn declaration<T: TS>() -> String {
    format!("export {}\n", T::decl())
}

/// The whole file, types in a fixed order so the output is stable.
fn generate() -> String {
    let declarations = [
        declaration::<IpcError>(),
        declaration::<EvaluationDto>(),
        declaration::<TenderDto>(),
        declaration::<ProcedureDto>(),
        declaration::<SettingsDto>(),
        declaration::<ConsolidationDto>(),
        declaration::<AbnormallyLowDto>(),
        declaration::<CriterionDto>(),
        declaration::<CriterionBodyDto>(),
        declaration::<ScaleDto>(),
        declaration::<LevelDto>(),
        declaration::<PriceFormulaDto>(),
        declaration::<AutoCheckDto>(),
        declaration::<EvaluatorDto>(),
        declaration::<OfferDto>(),
        declaration::<CertificationDto>(),
        declaration::<CertificationStatusDto>(),
        declaration::<ScoreDto>(),
        declaration::<ConsensusDto>(),
        declaration::<EvaluationViewDto>(),
        declaration::<ResultsDto>(),
        declaration::<CellDto>(),
        declaration::<OfferStatusDto>(),
        declaration::<OfferResultDto>(),
        declaration::<GroupPointsDto>(),
        declaration::<LeafKindDto>(),
        declaration::<ValueSourceDto>(),
        declaration::<LeafResultDto>(),
        declaration::<EliminationReasonDto>(),
        declaration::<EliminationDto>(),
        declaration::<DivergenceDto>(),
        declaration::<SensitivityDto>(),
        declaration::<WarningDto>(),
        declaration::<PriceSimulationDto>(),
        declaration::<TenderSummaryDto>(),
        declaration::<JournalEntryDto>(),
        declaration::<JournalVerdictDto>(),
        declaration::<JournalBreakDto>(),
        declaration::<BreakReasonDto>(),
        declaration::<CatalogDto>(),
        declaration::<CatalogEntryDto>(),
        declaration::<TemplateDto>(),
        declaration::<LangDto>(),
        declaration::<ExportedReportDto>(),
        declaration::<VerificationDto>(),
        declaration::<SignatureDto>(),
        declaration::<AppInfoDto>(),
    ];
    format!(
        "// Generated from src-tauri/src/dto by ts-rs. Do not edit: run `{REFRESH}`.\n\n{}",
        declarations.join("\n")
    )
}

#[test]
fn bindings_are_fresh() {
    let committed = std::fs::read_to_string(path()).unwrap_or_default();
    assert!(
        committed == generate(),
        "ui/src/ipc/bindings.gen.ts is stale (or missing): run `{REFRESH}` and commit the result"
    );
}

#[test]
#[ignore = "writes ui/src/ipc/bindings.gen.ts; run it to refresh the committed bindings"]
fn export_bindings() {
    std::fs::write(path(), generate()).expect("write ui/src/ipc/bindings.gen.ts");
}
