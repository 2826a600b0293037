// The evaluation model as the UI sees it: the JSON spellings of the evaluation format
// (docs/evaluation-format.md) and of the results document (§9).
// When the shell's generated bindings (src/ipc/bindings.gen.ts) differ, src/lib/backend.ts adapts
// them to these types so that screens never depend on the wire format directly.

export type Procedure = 'open' | 'restricted' | 'negotiated' | 'competitive_dialogue' | 'adapted';

export interface Tender {
  reference: string;
  title: string;
  buyer: string;
  lot?: string | null;
  procedure?: Procedure | null;
  launch_date?: string | null;
  deadline: string;
  currency?: string | null;
}

export type AbnormallyLow =
  | { method: 'none' }
  | { method: 'mean_minus_sigma' }
  | { method: 'percent_below_mean'; percent?: number | null }
  | { method: 'trimmed_mean' };

export interface Settings {
  consolidation: 'mean' | 'median';
  divergence_threshold: number;
  abnormally_low: AbnormallyLow;
}

export interface Scale {
  min: number;
  max: number;
  step?: number | null;
}

export interface Level {
  value: number;
  label: string;
}

export type PriceFormula =
  | { name: 'proportional' }
  | { name: 'linear' }
  | { name: 'relative_gap' }
  | { name: 'n_times'; n: number };

export interface AutoCheck {
  scheme: string;
  min_level?: number | null;
  status?: CertificationStatus[] | null;
}

export type LeafKind = 'scored' | 'price' | 'requirement';

export interface Criterion {
  id: string;
  title: string;
  weight: number;
  children?: Criterion[];
  kind?: LeafKind;
  environmental?: boolean;
  refs?: string[];
  scale?: Scale;
  levels?: Level[];
  threshold?: number | null;
  formula?: PriceFormula;
  auto?: AutoCheck | null;
}

export interface Evaluator {
  id: string;
  name: string;
  role?: string | null;
}

export type CertificationStatus =
  | 'qualified'
  | 'certified'
  | 'in_progress'
  | 'declared'
  | 'expired'
  | 'withdrawn';

export interface Certification {
  scheme: string;
  level?: number | null;
  status: CertificationStatus;
  valid_from?: string | null;
  valid_until?: string | null;
  reference?: string | null;
}

export interface Offer {
  id: string;
  bidder: string;
  name?: string | null;
  price?: number | null;
  irregular?: { reason: string } | null;
  certifications?: Certification[];
}

export interface Score {
  offer: string;
  criterion: string;
  evaluator: string;
  value?: number | null;
  met?: boolean | null;
  justification?: string | null;
  at?: string | null;
}

export interface Consensus {
  offer: string;
  criterion: string;
  value?: number | null;
  met?: boolean | null;
  justification: string;
}

export interface Evaluation {
  format: 'jauge/evaluation@1';
  tender: Tender;
  settings: Settings;
  criteria: Criterion[];
  evaluators: Evaluator[];
  offers: Offer[];
  scores: Score[];
  consensus: Consensus[];
}

// ---- results (§9) ----

export type OfferStatus = 'ranked' | 'incomplete' | 'eliminated';

export type ValueSource = 'consensus' | 'evaluators' | 'certifications' | 'none';
export interface LeafResult {
  value?: number | null;
  met?: boolean | null;
  points?: number | null;
  /** Where the value comes from (from the shell; results files do not carry it). */
  source?: ValueSource;
}

export interface Elimination {
  reason: 'irregular' | 'requirement_not_met' | 'below_threshold';
  criterion: string | null;
  detail: string;
  /** The sentence of the vocabulary (PHRASES.eliminations) that tells it, and its parameters. */
  phrase: string;
  params: Partial<Record<string, string>>;
}

export interface OfferResult {
  id: string;
  status: OfferStatus;
  rank: number | null;
  total: number | null;
  groups: Record<string, number> | null;
  criteria: Record<string, LeafResult>;
  eliminated_because: Elimination[];
  abnormally_low: boolean;
}

export interface CellRef {
  offer: string;
  criterion: string;
}

export interface Divergence extends CellRef {
  spread: number;
  resolved: boolean;
}

export interface Sensitivity {
  criterion: string;
  weight: number;
  from: number;
  to: number;
}

export interface Warning {
  code: string;
  criterion: string | null;
  message: string;
  ref?: string;
  /** The parameters of the vocabulary's sentence (PHRASES.warnings[code]). */
  params: Partial<Record<string, string>>;
}

export interface Results {
  complete: boolean;
  winner: string | null;
  offers: OfferResult[];
  missing: CellRef[];
  undecided: CellRef[];
  divergences: Divergence[];
  sensitivity: Sensitivity[];
  warnings: Warning[];
}

export interface Opened {
  evaluation: Evaluation;
  results: Results;
}

// ---- other commands ----

export interface EvaluationSummary {
  reference: string;
  title: string;
  buyer: string;
  deadline: string;
  offers: number;
  evaluators: number;
  scores: number;
  changed_at: string | null;
}

export interface TemplateInfo {
  name: string;
  title_fr: string;
  title_en: string;
  description_fr: string;
  description_en: string;
}

export interface CatalogEntry {
  reference: string;
  scheme: string;
  version: string;
  id: string;
  text_fr: string;
  text_en: string;
  category: string;
}

export interface PriceSimulation {
  formula: PriceFormula;
  results: Results;
}

export type SignatureVerdict = 'unchanged' | 'later_signatures_only' | 'modified_after' | 'broken';

/** A text the core words in both languages. */
export interface Bilingual {
  fr: string;
  en: string;
}

export interface SignerCertificate {
  sha256_fingerprint: string;
  subject: string;
  issuer: string;
  not_before: string | null;
  not_after: string | null;
  non_repudiation: boolean | null;
  qc_compliance: boolean;
  qc_sscd: boolean;
  qc_types: string[];
}

export interface SignatureInfo {
  field_name: string;
  signer_common_name: string | null;
  signer_subject: string | null;
  signing_time: string | null;
  intact: boolean;
  covers_whole_file: boolean;
  problem: string | null;
  verdict: SignatureVerdict;
  verdict_text: Bilingual;
  /** What changed after this signature, in the core's words. */
  modifications: { code: string; text: Bilingual }[];
  certificate: SignerCertificate | null;
  signed_within_validity: boolean | null;
}

export interface JournalEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload: string;
  hash: string;
}

export interface JournalVerdict {
  entries: number;
  head_hash: string | null;
  broken: { seq: number; reason: string } | null;
}

export interface AppInfo {
  version: string;
  data_dir?: string;
  /** The evaluation to show first (the app was started with `--open REFERENCE`). */
  openOnStart?: string | null;
}

/** The closed set of error codes the shell sends (never branch on message text). */
export type ErrorCode =
  | 'invalid'
  | 'wrong_password'
  | 'not_found'
  | 'conflict'
  | 'storage'
  | 'report'
  | 'signing'
  | 'io'
  | 'internal';

export interface IpcError {
  code: ErrorCode;
  message: string;
}
