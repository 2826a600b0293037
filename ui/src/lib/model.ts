// The shapes of the shell's answers that are not part of the evaluation format, as the screens
// use them (./backend converts the shell's camelCase DTOs into these). The evaluation and its
// results are not here: screens use the types generated from the Rust domain
// (src/ipc/bindings.gen.ts), which are the file format itself (spec §1–§9).

import type {
  ErrorCode,
  IpcError as GeneratedIpcError,
  PriceSimulationView,
  SignatureVerdictDto,
} from '../ipc/bindings.gen';

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
  /** The consultation this evaluation is a lot of, `null` for an evaluation on its own. */
  consultation: string | null;
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

/** The results under one price formula (the shell's answer as is). */
export type PriceSimulation = PriceSimulationView;

/** How a signature stands: the core's closed set, as generated. */
export type SignatureVerdict = SignatureVerdictDto;

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
  /** Why the signature is broken or cannot be checked, in the core's words. */
  problem: { code: string; text: Bilingual } | null;
  verdict: SignatureVerdict;
  verdict_text: Bilingual;
  /** What changed after this signature, in the core's words. */
  modifications: { code: string; text: Bilingual }[];
  /** Remarks that leave the verdict as it is (weak digest, timestamps…), in the core's words. */
  remarks: { code: string; text: Bilingual }[];
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
export type { ErrorCode } from '../ipc/bindings.gen';

/** The generated shape, with `code` narrowed to the closed set. */
export interface IpcError extends Omit<GeneratedIpcError, 'code'> {
  code: ErrorCode;
}
