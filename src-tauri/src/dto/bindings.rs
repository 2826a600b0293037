//! Keeps `ui/src/ipc/bindings.gen.ts` in step with the domain model and the DTOs: `bindings_are_fresh` fails when the
//! committed file differs from what the types generate, and the ignored `export_bindings`
//! rewrites it. Fixed domain data the UI shows without asking (the certification schemes) is
//! written there too, with the format's defaults, so the screens and the report cannot drift apart.

use std::path::PathBuf;

use jauge_api::domain::scheme::{Scheme, SchemeLevel};
use jauge_api::domain::wire::{CriterionBodyRepr, Irregular, LeafRepr};
use jauge_api::domain::{
    AbnormallyLowMethod, AutoCheck, Cell, Certification, CertificationStatus, Consensus,
    Consolidation, Criterion, DEFAULT_DIVERGENCE_THRESHOLD, DEFAULT_PERCENT_BELOW_MEAN, Divergence,
    EVALUATION_FORMAT, Elimination, EliminationPhrase, EliminationReason, Evaluation, Evaluator,
    LeafOutcome, Level, Offer, OfferResult, OfferStatus, PriceFormula, Procedure, RESULTS_FORMAT,
    Results, Scale, Score, Sensitivity, Settings, Tender, Warning, WarningCode,
};
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
        // The evaluation file (spec §1–§7), as the domain serialises it.
        declaration::<Evaluation>(),
        declaration::<Tender>(),
        declaration::<Procedure>(),
        declaration::<Settings>(),
        declaration::<Consolidation>(),
        declaration::<AbnormallyLowMethod>(),
        declaration::<Criterion>(),
        declaration::<CriterionBodyRepr>(),
        declaration::<LeafRepr>(),
        declaration::<Scale>(),
        declaration::<Level>(),
        declaration::<PriceFormula>(),
        declaration::<AutoCheck>(),
        declaration::<Evaluator>(),
        declaration::<Offer>(),
        declaration::<Irregular>(),
        declaration::<Certification>(),
        declaration::<CertificationStatus>(),
        declaration::<Score>(),
        declaration::<Consensus>(),
        declaration::<jauge_api::domain::PriceSchedule>(),
        declaration::<jauge_api::domain::ScheduleLine>(),
        declaration::<jauge_api::domain::ScheduleOffer>(),
        declaration::<jauge_api::domain::LinePrice>(),
        declaration::<jauge_api::domain::PriceCorrection>(),
        declaration::<jauge_api::domain::Negotiation>(),
        declaration::<jauge_api::domain::Round>(),
        declaration::<jauge_api::domain::RoundKind>(),
        declaration::<jauge_api::domain::OfferVersion>(),
        declaration::<jauge_api::domain::RoundElimination>(),
        declaration::<jauge_api::domain::Exchange>(),
        declaration::<jauge_api::domain::ExchangeKind>(),
        declaration::<jauge_api::domain::Citation>(),
        declaration::<jauge_api::domain::CorrectionRoute>(),
        // The results document (spec §9).
        declaration::<Results>(),
        declaration::<Cell>(),
        declaration::<OfferStatus>(),
        declaration::<OfferResult>(),
        declaration::<LeafOutcome>(),
        declaration::<EliminationReason>(),
        declaration::<Elimination>(),
        declaration::<EliminationPhrase>(),
        declaration::<Divergence>(),
        declaration::<Sensitivity>(),
        declaration::<Warning>(),
        declaration::<WarningCode>(),
        // What the commands return around them.
        declaration::<EvaluationView>(),
        declaration::<CellView>(),
        declaration::<PriceSimulationView>(),
        declaration::<PriceSheetView>(),
        declaration::<OfferSheetDto>(),
        declaration::<CriterionTotalDto>(),
        declaration::<DiscrepancyDto>(),
        declaration::<ScheduleImportDto>(),
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
        declaration::<ExportedFileDto>(),
        // Letters to bidders (their facts: the domain's own) and workbooks.
        declaration::<jauge_api::domain::letters::Letter>(),
        declaration::<jauge_api::domain::letters::Notification>(),
        declaration::<jauge_api::domain::standstill::NotificationChannel>(),
        declaration::<jauge_api::domain::letters::Awardee>(),
        declaration::<jauge_api::domain::letters::Decision>(),
        declaration::<jauge_api::domain::letters::PointsRow>(),
        declaration::<jauge_api::domain::letters::Advantage>(),
        declaration::<jauge_api::domain::letters::Rejection>(),
        declaration::<jauge_api::domain::ValueSource>(),
        declaration::<jauge_api::domain::letters::AbnormallyLowRejection>(),
        declaration::<LetterPreviewDto>(),
        declaration::<LettersRequestDto>(),
        declaration::<LettersSigningDto>(),
        declaration::<WrittenLetterDto>(),
        declaration::<WorkbookImportDto>(),
        // Negotiated procedures: every round side by side, a round being opened.
        declaration::<jauge_api::domain::rounds::RoundResults>(),
        declaration::<jauge_api::domain::rounds::RoundComparison>(),
        declaration::<jauge_api::domain::rounds::OfferChange>(),
        declaration::<jauge_api::domain::rounds::CriterionChange>(),
        declaration::<jauge_api::domain::rounds::RoundNote>(),
        declaration::<RoundsView>(),
        declaration::<RoundOpeningDto>(),
        // A consultation's home: its lots, their award across lots.
        declaration::<ConsultationView>(),
        declaration::<LotView>(),
        declaration::<BidView>(),
        declaration::<BidderView>(),
        declaration::<jauge_api::domain::lots::OverCapRule>(),
        declaration::<SentenceDto>(),
        declaration::<ImportedDto>(),
        declaration::<jauge_api::domain::lots::LotStatus>(),
        declaration::<jauge_api::domain::lots::BidOutcome>(),
        // The committee screen.
        declaration::<jauge_api::domain::package::EvaluatorProgress>(),
        declaration::<jauge_api::domain::package::CommitteeFile>(),
        declaration::<jauge_api::domain::package::EvaluatorWorkspace>(),
        declaration::<ReturnSigningDto>(),
        declaration::<jauge_api::domain::package::FileDirection>(),
        declaration::<jauge_api::domain::Declaration>(),
        declaration::<jauge_api::domain::package::GroupProgress>(),
        declaration::<ConflictDto>(),
        declaration::<MergeReportDto>(),
        declaration::<StaleDeclarationDto>(),
        declaration::<ReturnFlagDto>(),
        declaration::<ReturnCertificateDto>(),
        declaration::<VerificationDto>(),
        declaration::<SignatureDto>(),
        declaration::<SignatureVerdictDto>(),
        declaration::<SignatureNoteDto>(),
        declaration::<BilingualDto>(),
        declaration::<CertificateDto>(),
        declaration::<AppInfoDto>(),
        declaration::<StoreStatusDto>(),
        declaration::<StartupProblemDto>(),
        declaration::<StartupKindDto>(),
        declaration::<BackupDto>(),
        declaration::<BackupKindDto>(),
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
    let defaults = serde_json::to_string_pretty(&defaults()).expect("defaults as JSON");
    let error_codes: Vec<&str> = jauge_api::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let error_codes = serde_json::to_string(&error_codes).expect("error codes as JSON");
    let round_kinds: Vec<&str> = jauge_api::domain::RoundKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    let round_kinds = serde_json::to_string(&round_kinds).expect("round kinds as JSON");
    let exchange_kinds: Vec<&str> = jauge_api::domain::ExchangeKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    let exchange_kinds = serde_json::to_string(&exchange_kinds).expect("exchange kinds as JSON");
    format!(
        "// Generated from jauge_domain (feature `ts`) and src-tauri/src/dto by ts-rs. \
         Do not edit: run `{REFRESH}`.\n\n{}\n\
         /** The closed set of `IpcError.code` values (jauge_api::ErrorCode): branch on these, \
         never on a message. */\n\
         export const ERROR_CODES = {error_codes} as const;\n\
         export type ErrorCode = (typeof ERROR_CODES)[number];\n\n\
         /** Every kind of round, in their order (jauge_domain::RoundKind::ALL). */\n\
         export const ROUND_KINDS: readonly RoundKind[] = {round_kinds};\n\n\
         /** Every kind of request to a bidder (jauge_domain::ExchangeKind::ALL). */\n\
         export const EXCHANGE_KINDS: readonly ExchangeKind[] = {exchange_kinds};\n\n\
         /** The `format` of an evaluation file (spec §1). */\n\
         export const EVALUATION_FORMAT = \"{EVALUATION_FORMAT}\";\n\n\
         /** An evaluation file, as the shell sends it: exactly what the file writer writes. */\n\
         export type EvaluationDocument = {{ format: typeof EVALUATION_FORMAT }} & Evaluation;\n\n\
         /** The `format` of the results document (spec §9). */\n\
         export const RESULTS_FORMAT = \"{RESULTS_FORMAT}\";\n\n\
         /** The results document of spec §9, as `jauge evaluate` writes it. */\n\
         export type ResultsDocument = {{ format: typeof RESULTS_FORMAT }} & Results;\n\n\
         /** What the format assumes when a file leaves a key out (jauge_domain's defaults): \
         shown as such, never written for the author. */\n\
         export const DEFAULTS: {{ consolidation: Consolidation, divergence_threshold: number, \
         abnormally_low: AbnormallyLowMethod, percent_below_mean: number, \
         auto_status: Array<CertificationStatus>, currency: string }} = {defaults};\n\n\
         /** The certification schemes of spec §6 (jauge_domain::scheme). */\n\
         export const SCHEMES: readonly SchemeDto[] = {schemes};\n\n\
         /** Every sentence about an evaluation, in French and English (jauge_domain::words). */\n\
         export const PHRASES: VocabularyDto = {phrases};\n",
        declarations.join("\n")
    )
}

/// The defaults of the format, read from the domain rather than restated.
fn defaults() -> serde_json::Value {
    let settings = Settings::default();
    serde_json::json!({
        "consolidation": settings.consolidation(),
        "divergence_threshold": DEFAULT_DIVERGENCE_THRESHOLD,
        "abnormally_low": settings.abnormally_low(),
        "percent_below_mean": DEFAULT_PERCENT_BELOW_MEAN,
        "auto_status": AutoCheck::DEFAULT_STATUS,
        "currency": Tender::default_currency(),
    })
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
#[ignore = "writes ui/src/ipc/bindings.gen.ts and the UI's fixtures; run it to refresh them"]
fn export_bindings() {
    std::fs::write(path(), generate()).expect("write ui/src/ipc/bindings.gen.ts");
    super::fixtures::export();
}
