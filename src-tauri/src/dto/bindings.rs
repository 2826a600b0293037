//! Keeps `ui/src/ipc/bindings.gen.ts` in step with the DTOs: `bindings_are_fresh` fails when the
//! committed file differs from what the types generate, and the ignored `export_bindings`
//! rewrites it. Fixed domain data the UI shows without asking (the certification schemes) is
//! written there too, so the screens and the report cannot drift apart.

use std::path::PathBuf;

use jauge_api::domain::scheme::{Scheme, SchemeLevel};
use serde::Serialize;
use ts_rs::TS;

use super::*;
use crate::error::IpcError;

const REFRESH: &str = "cargo test -p jauge-desktop -- --ignored export_bindings";

/// A certification scheme of spec §6 with its usual spelling and the meaning of its levels:
/// not sent over IPC, written into the bindings as the constant `SCHEMES`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SchemeDto {
    /// As files write it (`gaia-x`).
    pub name: String,
    /// As readers write it (`Gaia-X`).
    pub label: String,
    pub levels: Vec<SchemeLevelDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SchemeLevelDto {
    pub level: u8,
    pub fr: String,
    pub en: String,
}

impl From<&Scheme> for SchemeDto {
    fn from(s: &Scheme) -> Self {
        SchemeDto {
            name: s.name.into(),
            label: s.label.into(),
            levels: s.levels.iter().map(SchemeLevelDto::from).collect(),
        }
    }
}

impl From<&SchemeLevel> for SchemeLevelDto {
    fn from(l: &SchemeLevel) -> Self {
        SchemeLevelDto {
            level: l.level,
            fr: l.fr.into(),
            en: l.en.into(),
        }
    }
}

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
        declaration::<SchemeDto>(),
        declaration::<SchemeLevelDto>(),
        declaration::<LangDto>(),
        declaration::<ExportedReportDto>(),
        declaration::<VerificationDto>(),
        declaration::<SignatureDto>(),
        declaration::<SignatureVerdictDto>(),
        declaration::<BilingualDto>(),
        declaration::<ModificationDto>(),
        declaration::<CertificateDto>(),
        declaration::<AppInfoDto>(),
        declaration::<ParamsDto>(),
        declaration::<ProblemDto>(),
        declaration::<ProblemsDto>(),
        declaration::<PhraseDto>(),
        declaration::<VocabularyDto>(),
    ];
    let schemes: Vec<SchemeDto> = jauge_api::domain::scheme::SCHEMES
        .iter()
        .map(SchemeDto::from)
        .collect();
    let schemes = serde_json::to_string_pretty(&schemes).expect("schemes as JSON");
    let phrases = VocabularyDto::from(&jauge_api::domain::words::PHRASES);
    let phrases = serde_json::to_string_pretty(&phrases).expect("vocabulary as JSON");
    format!(
        "// Generated from src-tauri/src/dto by ts-rs. Do not edit: run `{REFRESH}`.\n\n{}\n\
         /** The certification schemes of the evaluation format (jauge_domain::scheme). */\n\
         export const SCHEMES: readonly SchemeDto[] = {schemes};\n\n\
         /** Every sentence about an evaluation, in French and English (jauge_domain::words). */\n\
         export const PHRASES: VocabularyDto = {phrases};\n",
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
