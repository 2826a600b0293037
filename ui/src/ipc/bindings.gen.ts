// Generated from src-tauri/src/dto by ts-rs. Do not edit: run `cargo test -p jauge-desktop -- --ignored export_bindings`.

export type IpcError = { code: string, message: string, };

export type EvaluationDto = { tender: TenderDto, settings: SettingsDto, criteria: Array<CriterionDto>, evaluators: Array<EvaluatorDto>, offers: Array<OfferDto>, scores: Array<ScoreDto>, consensus: Array<ConsensusDto>, };

export type TenderDto = { reference: string, title: string, buyer: string, lot?: string | null, procedure?: ProcedureDto | null, launchDate?: string | null, deadline: string, 
/**
 * ISO 4217; `EUR` when absent.
 */
currency?: string | null, };

export type ProcedureDto = "open" | "restricted" | "negotiated" | "competitive_dialogue" | "adapted";

export type SettingsDto = { consolidation?: ConsolidationDto | null, divergenceThreshold?: number | null, abnormallyLow?: AbnormallyLowDto | null, };

export type ConsolidationDto = "mean" | "median";

export type AbnormallyLowDto = { "method": "none" } | { "method": "mean_minus_sigma" } | { "method": "percent_below_mean", 
/**
 * 20 when absent.
 */
percent?: number | null, } | { "method": "trimmed_mean" };

export type CriterionDto = { id: string, title: string, weight: number, environmental?: boolean | null, 
/**
 * Catalog references such as `secnumcloud@3.2:19.6.b`.
 */
refs?: Array<string> | null, body: CriterionBodyDto, };

export type CriterionBodyDto = { "kind": "group", children: Array<CriterionDto>, } | { "kind": "scored", scale: ScaleDto, levels?: Array<LevelDto> | null, 
/**
 * Minimum consolidated value; below it the offer is eliminated.
 */
threshold?: number | null, } | { "kind": "price", formula: PriceFormulaDto, } | { "kind": "requirement", auto?: AutoCheckDto | null, };

export type ScaleDto = { min: number, max: number, step?: number | null, };

export type LevelDto = { value: number, label: string, };

export type PriceFormulaDto = { "name": "proportional" } | { "name": "linear" } | { "name": "relative_gap" } | { "name": "n_times", n: number, };

export type AutoCheckDto = { scheme: string, minLevel?: number | null, 
/**
 * `["qualified", "certified"]` when absent.
 */
status?: Array<CertificationStatusDto> | null, };

export type EvaluatorDto = { id: string, name: string, role?: string | null, };

export type OfferDto = { id: string, bidder: string, 
/**
 * Commercial name; the bidder stands for it when absent.
 */
name?: string | null, price?: number | null, 
/**
 * Why the buyer declared the offer irregular, unacceptable or inappropriate.
 */
irregular?: string | null, certifications?: Array<CertificationDto> | null, };

export type CertificationDto = { scheme: string, level?: number | null, status: CertificationStatusDto, validFrom?: string | null, validUntil?: string | null, reference?: string | null, };

export type CertificationStatusDto = "qualified" | "certified" | "in_progress" | "declared" | "expired" | "withdrawn";

export type ScoreDto = { offer: string, criterion: string, evaluator: string, value?: number | null, met?: boolean | null, justification?: string | null, 
/**
 * RFC 3339, kept as written.
 */
at?: string | null, };

export type ConsensusDto = { offer: string, criterion: string, value?: number | null, met?: boolean | null, justification: string, };

export type EvaluationViewDto = { evaluation: EvaluationDto, results: ResultsDto, };

export type ResultsDto = { 
/**
 * True when no offer is incomplete.
 */
complete: boolean, 
/**
 * The offer ranked first, once no offer is incomplete.
 */
winner?: string | null, 
/**
 * Ranked offer ids, best first.
 */
ranking: Array<string>, 
/**
 * One entry per offer, in the order of the evaluation.
 */
offers: Array<OfferResultDto>, 
/**
 * Every (offer, leaf) with no value yet.
 */
missing: Array<CellDto>, 
/**
 * Every (offer, requirement) on which evaluators disagree and no consensus exists.
 */
undecided: Array<CellDto>, divergences: Array<DivergenceDto>, sensitivity: Array<SensitivityDto>, warnings: Array<WarningDto>, };

export type CellDto = { offer: string, criterion: string, };

export type OfferStatusDto = "ranked" | "incomplete" | "eliminated";

export type OfferResultDto = { id: string, status: OfferStatusDto, rank?: number | null, total?: number | null, 
/**
 * Points per top-level node, in tree order; absent unless the offer is ranked.
 */
groups?: Array<GroupPointsDto> | null, 
/**
 * One entry per leaf, in tree order.
 */
criteria: Array<LeafResultDto>, eliminatedBecause: Array<EliminationDto>, abnormallyLow: boolean, };

export type GroupPointsDto = { criterion: string, points: number, };

export type LeafKindDto = "scored" | "price" | "requirement";

export type ValueSourceDto = "consensus" | "evaluators" | "certifications" | "none";

export type LeafResultDto = { criterion: string, kind: LeafKindDto, 
/**
 * The consolidated value (scored) or the price (price); absent when missing.
 */
value?: number | null, 
/**
 * Requirement met; absent when missing or undecided.
 */
met?: boolean | null, 
/**
 * Points earned; absent unless the offer is ranked (and for requirements).
 */
points?: number | null, 
/**
 * Where the value comes from; absent for the price.
 */
source?: ValueSourceDto | null, };

export type EliminationReasonDto = "irregular" | "requirement_not_met" | "below_threshold";

export type EliminationDto = { reason: EliminationReasonDto, criterion?: string | null, detail: string, };

export type DivergenceDto = { offer: string, criterion: string, spread: number, resolved: boolean, };

export type SensitivityDto = { criterion: string, weight: number, from: number, to: number, };

export type WarningDto = { 
/**
 * `no_environmental_criterion` or `unknown_ref`.
 */
code: string, criterion?: string | null, 
/**
 * The unknown catalog reference, for `unknown_ref`.
 */
reference?: string | null, message: string, };

export type PriceSimulationDto = { formula: PriceFormulaDto, results: ResultsDto, };

export type TenderSummaryDto = { reference: string, title: string, buyer: string, 
/**
 * `YYYY-MM-DD`.
 */
deadline: string, offers: number, evaluators: number, scores: number, 
/**
 * RFC 3339 time of the last change.
 */
changedAt?: string | null, };

export type JournalEntryDto = { seq: number, 
/**
 * RFC 3339.
 */
at: string, actor: string, 
/**
 * `evaluation.import`, `score.set`, `consensus.set`…
 */
action: string, 
/**
 * The change as compact JSON, in the spellings of the evaluation format.
 */
payload: string, stateHash: string, prevHash: string, hash: string, };

export type JournalVerdictDto = { entries: number, 
/**
 * The last entry's hash, printed in the report.
 */
headHash?: string | null, 
/**
 * The chain is whole and the stored data is the state its last entry recorded.
 */
intact: boolean, broken?: JournalBreakDto | null, };

export type JournalBreakDto = { seq: number, reason: BreakReasonDto, 
/**
 * In English; the UI words it from `reason`.
 */
message: string, };

export type BreakReasonDto = "hash_mismatch" | "prev_hash_mismatch" | "missing_entry" | "state_edited_after";

export type CatalogDto = { 
/**
 * Lower-case scheme, as in certifications (`secnumcloud`, `gaia-x`…).
 */
scheme: string, version: string, titleFr: string, titleEn: string, publisher: string, published?: string | null, entries: number, };

export type CatalogEntryDto = { 
/**
 * What a criterion's `refs` cite: `secnumcloud@3.2:19.6.b`.
 */
reference: string, scheme: string, version: string, id: string, textFr: string, textEn: string, 
/**
 * `contract`, `data_protection`, `security`, `location`, `sovereignty`, `reversibility`,
 * `environment` or `assurance`.
 */
category: string, 
/**
 * `declaration`, `certification`, `attestation` or `document`.
 */
evidence: string, inUse: boolean, 
/**
 * A caveat, in French.
 */
note?: string | null, 
/**
 * `verified`, `secondary`, `recollection` or `conflicting`.
 */
confidence: string, related: Array<string>, };

export type TemplateDto = { name: string, titleFr: string, titleEn: string, 
/**
 * One line saying what the template is for.
 */
descriptionFr: string, descriptionEn: string, };

export type SchemeDto = { 
/**
 * As files write it (`gaia-x`).
 */
name: string, 
/**
 * As readers write it (`Gaia-X`).
 */
label: string, levels: Array<SchemeLevelDto>, };

export type SchemeLevelDto = { level: number, fr: string, en: string, };

export type LangDto = "fr" | "en";

export type ExportedReportDto = { path: string, bytes: number, 
/**
 * Lowercase hex SHA-256 of the PDF.
 */
sha256: string, };

export type VerificationDto = { signatures: Array<SignatureDto>, 
/**
 * Every signature is intact and only signatures were added after any of them.
 */
fullySigned: boolean, };

export type SignatureDto = { fieldName: string, signerCommonName?: string | null, signerSubject?: string | null, 
/**
 * RFC 3339, as claimed by the signer.
 */
signingTime?: string | null, subFilter?: string | null, byteRangeValid: boolean, digestMatches: boolean, signatureValid: boolean, 
/**
 * The covered bytes are exactly what the signer signed.
 */
intact: boolean, 
/**
 * Nothing was appended after this signature.
 */
coversWholeFile: boolean, 
/**
 * Why the signature is not intact, in English.
 */
problem?: string | null, verdict: SignatureVerdictDto, verdictText: BilingualDto, 
/**
 * What changed after this signature (empty unless `modified_after`).
 */
modifications: Array<ModificationDto>, 
/**
 * The signed revision is the file's first `signedBytes` bytes.
 */
signedBytes?: number | null, certificate?: CertificateDto | null, 
/**
 * The claimed signing time falls inside the certificate's validity period.
 */
signedWithinValidity?: boolean | null, };

export type SignatureVerdictDto = "unchanged" | "later_signatures_only" | "modified_after" | "broken";

export type BilingualDto = { fr: string, en: string, };

export type ModificationDto = { 
/**
 * Stable name, e.g. `page_content`, `attachment_replaced`.
 */
code: string, text: BilingualDto, };

export type CertificateDto = { 
/**
 * Lowercase hex SHA-256 of the certificate.
 */
sha256Fingerprint: string, 
/**
 * RFC 4514, control characters escaped.
 */
subject: string, issuer: string, serialNumber: string, 
/**
 * RFC 3339.
 */
notBefore?: string | null, notAfter?: string | null, 
/**
 * `None`: no key usage extension.
 */
nonRepudiation?: boolean | null, 
/**
 * The certificate declares itself qualified (EU QcCompliance statement).
 */
qcCompliance: boolean, qcSscd: boolean, 
/**
 * `esign`, `eseal`, `web`.
 */
qcTypes: Array<string>, };

export type AppInfoDto = { version: string, dbPath: string, 
/**
 * Where reports are proposed by default (the user's documents folder).
 */
documentsDir?: string | null, 
/**
 * The OS account, the default journal actor.
 */
osUser: string, 
/**
 * The evaluation to show first, when the app was started with `--open REFERENCE`.
 */
openOnStart?: string | null, };

/** The certification schemes of spec §6 (jauge_domain::scheme). */
export const SCHEMES: readonly SchemeDto[] = [
  {
    "name": "secnumcloud",
    "label": "SecNumCloud",
    "levels": []
  },
  {
    "name": "gaia-x",
    "label": "Gaia-X",
    "levels": [
      {
        "level": 0,
        "fr": "Standard Compliance",
        "en": "Standard Compliance"
      },
      {
        "level": 1,
        "fr": "Label niveau 1",
        "en": "Label Level 1"
      },
      {
        "level": 2,
        "fr": "Label niveau 2",
        "en": "Label Level 2"
      },
      {
        "level": 3,
        "fr": "Label niveau 3",
        "en": "Label Level 3"
      }
    ]
  },
  {
    "name": "eucs",
    "label": "EUCS",
    "levels": [
      {
        "level": 1,
        "fr": "élémentaire",
        "en": "basic"
      },
      {
        "level": 2,
        "fr": "substantiel",
        "en": "substantial"
      },
      {
        "level": 3,
        "fr": "élevé",
        "en": "high"
      }
    ]
  },
  {
    "name": "hds",
    "label": "HDS",
    "levels": []
  },
  {
    "name": "iso27001",
    "label": "ISO/IEC 27001",
    "levels": []
  },
  {
    "name": "iso27017",
    "label": "ISO/IEC 27017",
    "levels": []
  },
  {
    "name": "iso27018",
    "label": "ISO/IEC 27018",
    "levels": []
  },
  {
    "name": "iso27701",
    "label": "ISO/IEC 27701",
    "levels": []
  },
  {
    "name": "c5",
    "label": "BSI C5",
    "levels": [
      {
        "level": 1,
        "fr": "type 1",
        "en": "Type 1"
      },
      {
        "level": 2,
        "fr": "type 2",
        "en": "Type 2"
      }
    ]
  },
  {
    "name": "cispe",
    "label": "CISPE",
    "levels": []
  },
  {
    "name": "swipo",
    "label": "SWIPO",
    "levels": []
  }
];
