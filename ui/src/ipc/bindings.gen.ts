// Generated from jauge_domain (feature `ts`) and src-tauri/src/dto by ts-rs. Do not edit: run `cargo test -p jauge-desktop -- --ignored export_bindings`.

export type IpcError = { code: string, message: string, };

export type Evaluation = { tender: Tender, 
/**
 * Absent from the file when every setting takes its default.
 */
settings?: Settings, criteria: Array<Criterion>, evaluators: Array<Evaluator>, offers: Array<Offer>, scores: Array<Score>, consensus: Array<Consensus>, };

export type Tender = { reference: string, title: string, buyer: string, lot?: string, procedure?: Procedure, launch_date?: string, deadline: string, currency?: string, };

export type Procedure = "open" | "restricted" | "negotiated" | "competitive_dialogue" | "adapted";

export type Settings = { consolidation?: Consolidation, divergence_threshold?: number, abnormally_low?: AbnormallyLowMethod, };

export type Consolidation = "mean" | "median";

export type AbnormallyLowMethod = { "method": "none" } | { "method": "mean_minus_sigma" } | { "method": "percent_below_mean", percent?: number, } | { "method": "trimmed_mean" };

export type Criterion = { id: string, title: string, weight: number, environmental?: boolean, refs?: Array<string>, } & ({ children: Array<Criterion>, } | Leaf);

export type CriterionBody = { children: Array<Criterion>, } | Leaf;

export type Leaf = { "kind": "scored", scale: Scale, levels?: Array<Level>, 
/**
 * Minimum consolidated value; below it the offer is eliminated.
 */
threshold?: number, } | { "kind": "price", formula: PriceFormula, } | { "kind": "requirement", auto?: AutoCheck, };

export type Scale = { min: number, max: number, step?: number, };

export type Level = { value: number, label: string, };

export type PriceFormula = { "name": "proportional" } | { "name": "linear" } | { "name": "relative_gap" } | { "name": "n_times", n: number, };

export type AutoCheck = { scheme: string, min_level?: number, 
/**
 * `None` when the file relies on the default `["qualified", "certified"]`.
 */
status?: Array<CertificationStatus>, };

export type Evaluator = { id: string, name: string, role?: string, };

export type Offer = { id: string, bidder: string, name?: string, price?: number, 
/**
 * The reason the buyer declared the offer irregular, unacceptable or inappropriate,
 * written `{"reason": …}` in the file.
 */
irregular?: Irregular, certifications?: Array<Certification>, };

export type Irregular = { reason: string, };

export type Certification = { scheme: string, level?: number, status: CertificationStatus, valid_from?: string, valid_until?: string, reference?: string, };

export type CertificationStatus = "qualified" | "certified" | "in_progress" | "declared" | "expired" | "withdrawn";

export type Score = { offer: string, criterion: string, evaluator: string, justification?: string, 
/**
 * RFC 3339, kept as written.
 */
at?: string, } & ({ "value": number } | { "met": boolean });

export type Consensus = { offer: string, criterion: string, justification: string, } & ({ "value": number } | { "met": boolean });

export type Results = { 
/**
 * True when no offer is incomplete.
 */
complete: boolean, 
/**
 * The single offer ranked first, when no offer is incomplete.
 */
winner: string | null, 
/**
 * One entry per offer, in the order of the evaluation file.
 */
offers: Array<OfferResult>, 
/**
 * Every (offer, leaf) with no value yet, offers in file order, leaves in tree order.
 */
missing: Array<Cell>, 
/**
 * Every (offer, requirement) on which evaluators disagree and no consensus exists.
 */
undecided: Array<Cell>, divergences: Array<Divergence>, sensitivity: Array<Sensitivity>, warnings: Array<Warning>, };

export type Cell = { offer: string, criterion: string, };

export type OfferStatus = "ranked" | "incomplete" | "eliminated";

export type OfferResult = { id: string, status: OfferStatus, rank: number | null, total: number | null, 
/**
 * Subtotal per top-level node, in tree order; `None` unless the offer is ranked. An object
 * keyed by node id in the JSON.
 */
groups: { [key in string]?: number } | null, 
/**
 * One entry per leaf, in tree order. An object keyed by leaf id in the JSON.
 */
criteria: { [key in string]?: LeafOutcome }, eliminated_because: Array<Elimination>, abnormally_low: boolean, };

export type LeafOutcome = { value: number | null, points: number | null, } | { value: number | null, points: number | null, } | { met: boolean | null, };

export type EliminationReason = "irregular" | "requirement_not_met" | "below_threshold";

export type Elimination = { reason: EliminationReason, criterion: string | null, detail: string, };

export type Divergence = { offer: string, criterion: string, spread: number, resolved: boolean, };

export type Sensitivity = { criterion: string, weight: number, from: number, to: number, };

export type Warning = { 
/**
 * The criterion concerned, when there is one.
 */
criterion: string | null, message: string, } & ({ "code": "no_environmental_criterion" } | { "code": "unknown_ref", ref: string, });

export type WarningCode = { "code": "no_environmental_criterion" } | { "code": "unknown_ref", ref: string, };

export type EvaluationView = { evaluation: EvaluationDocument, results: ResultsDocument, };

export type CellView = { offer: string, criterion: string, scores: Array<Score>, consensus: Consensus | null, results: ResultsDocument, };

export type PriceSimulationView = { formula: PriceFormula, results: ResultsDocument, };

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
 * Every signature is intact and the last one covers the whole file.
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
problem?: string | null, };

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

export const EVALUATION_FORMAT = "jauge/evaluation@1";

export type EvaluationDocument = { format: typeof EVALUATION_FORMAT } & Evaluation;

export const RESULTS_FORMAT = "jauge/results@1";

export type ResultsDocument = { format: typeof RESULTS_FORMAT } & Results;

export const DEFAULTS: { consolidation: Consolidation, divergence_threshold: number, abnormally_low: AbnormallyLowMethod, percent_below_mean: number, auto_status: Array<CertificationStatus>, currency: string } = {"consolidation":"mean","divergence_threshold":0.3,"abnormally_low":{"method":"mean_minus_sigma"},"percent_below_mean":20.0,"auto_status":["qualified","certified"],"currency":"EUR"};

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
