// The one place screens call the shell from: one function per command wrapper of
// src/ipc/commands.ts. Evaluations and results pass through untouched: they are the file format
// on both sides (the generated types of src/ipc/bindings.gen.ts). The shell's other answers
// (lists, journal, signatures, app facts) are read into the shapes of ./model. Every failure
// becomes an IpcError whose `code` screens branch on.

import * as C from '../ipc/commands';
import { ERROR_CODES } from '../ipc/bindings.gen';
import type * as W from '../ipc/bindings.gen';
import type {
  CellView,
  Consensus,
  Criterion,
  EvaluationView,
  Evaluator,
  Offer,
  Score,
  Settings,
  Tender,
} from '../ipc/bindings.gen';
import type {
  AppInfo,
  CatalogEntry,
  ErrorCode,
  EvaluationSummary,
  IpcError,
  JournalEntry,
  JournalVerdict,
  PriceSimulation,
  SignatureInfo,
  TemplateInfo,
} from './model';

export { ERROR_CODES };

/** Any rejection as an IpcError (the shell sends `{code, message, problems?}`; anything else is internal). */
export function toIpcError(error: unknown): IpcError {
  if (error && typeof error === 'object' && 'code' in error) {
    const e = error as { code: unknown; message?: unknown; problems?: IpcError['problems'] };
    const code = String(e.code)
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase() as ErrorCode;
    const known = (ERROR_CODES as readonly string[]).includes(code) ? code : 'internal';
    const message = typeof e.message === 'string' ? e.message : String(e.message ?? '');
    // Coded problems travel with `invalid` only, and only in the shape the shell sends.
    const problems = known === 'invalid' && Array.isArray(e.problems?.problems) ? e.problems : undefined;
    return problems ? { code: known, message, problems } : { code: known, message };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Runs one command wrapper of src/ipc/commands.ts, turning its rejection into an IpcError. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toIpcError(error);
  }
}

// Who the journal names for each change: the computer's account, as the shell reports it.
let actor = 'jauge';
export function setActor(name: string): void {
  if (name.trim()) actor = name.trim();
}
export function currentActor(): string {
  return actor;
}

// Where files are proposed by default: the user's documents folder, as the shell reports it
// (a bare name would land in whatever folder the app was started from).
let documentsDir: string | null = null;
export function setDocumentsDir(dir: string | null | undefined): void {
  documentsDir = dir?.trim() || null;
}
/** `text` (a tender reference, an evaluator id: the buyer's free text) kept to what a file name
 * may hold on every system. */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** `name` inside the documents folder, with that folder's own separator (`\` on Windows). */
export function inDocuments(name: string): string {
  if (!documentsDir) return name;
  const separator = documentsDir.includes('\\') && !documentsDir.includes('/') ? '\\' : '/';
  return documentsDir.replace(/[\\/]+$/, '') + separator + name;
}

// ---- the shell's own shapes, read into ./model ----

function summaryFromWire(s: W.TenderSummaryDto): EvaluationSummary {
  return { ...s, changed_at: s.changedAt ?? null, consultation: s.consultation ?? null };
}

function templateFromWire(t: W.TemplateDto): TemplateInfo {
  return {
    name: t.name,
    title_fr: t.titleFr,
    title_en: t.titleEn,
    description_fr: t.descriptionFr,
    description_en: t.descriptionEn,
  };
}

function catalogEntryFromWire(e: W.CatalogEntryDto): CatalogEntry {
  return {
    reference: e.reference,
    scheme: e.scheme,
    version: e.version,
    id: e.id,
    text_fr: e.textFr,
    text_en: e.textEn,
    category: e.category,
  };
}

function signaturesFromWire(v: W.VerificationDto): SignatureInfo[] {
  return v.signatures.map((s) => ({
    field_name: s.fieldName,
    signer_common_name: s.signerCommonName ?? null,
    signer_subject: s.signerSubject ?? null,
    signing_time: s.signingTime ?? null,
    intact: s.intact,
    covers_whole_file: s.coversWholeFile,
    problem: s.problem ?? null,
    verdict: s.verdict,
    verdict_text: s.verdictText,
    modifications: s.modifications.map((m) => ({ code: m.code, text: m.text })),
    remarks: s.remarks.map((m) => ({ code: m.code, text: m.text })),
    certificate: s.certificate
      ? {
          sha256_fingerprint: s.certificate.sha256Fingerprint,
          subject: s.certificate.subject,
          issuer: s.certificate.issuer,
          not_before: s.certificate.notBefore ?? null,
          not_after: s.certificate.notAfter ?? null,
          non_repudiation: s.certificate.nonRepudiation ?? null,
          qc_compliance: s.certificate.qcCompliance,
          qc_sscd: s.certificate.qcSscd,
          qc_types: s.certificate.qcTypes,
        }
      : null,
    signed_within_validity: s.signedWithinValidity ?? null,
  }));
}

function journalFromWire(e: W.JournalEntryDto): JournalEntry {
  return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, payload: e.payload, hash: e.hash };
}

function verdictFromWire(v: W.JournalVerdictDto): JournalVerdict {
  return {
    entries: v.entries,
    head_hash: v.headHash ?? null,
    broken: v.intact ? null : { seq: v.broken?.seq ?? 0, reason: v.broken?.reason ?? 'unknown' },
  };
}

export interface ExportedFile {
  path: string;
  bytes: number;
  sha256: string;
}

export const backend = {
  appInfo: async (): Promise<AppInfo & { osUser: string; documentsDir: string | null }> => {
    const info = await call(C.appInfo);
    return {
      version: info.version,
      data_dir: info.dbPath,
      osUser: info.osUser,
      openOnStart: info.openOnStart,
      documentsDir: info.documentsDir ?? null,
    };
  },
  reportFirstPaint: () => call(C.reportFirstPaint),

  listEvaluations: async (): Promise<EvaluationSummary[]> =>
    (await call(C.listEvaluations)).map(summaryFromWire),
  openEvaluation: (reference: string): Promise<EvaluationView> => call(() => C.openEvaluation(reference)),
  listTemplates: async (): Promise<TemplateInfo[]> => (await call(C.listTemplates)).map(templateFromWire),
  createFromTemplate: (template: string, reference: string, title: string, buyer: string): Promise<EvaluationView> =>
    call(() => C.createFromTemplate(template, reference, title, buyer, actor)),
  /** What was imported: an evaluation, or a consultation with its lots (by its reference). */
  importEvaluationFile: (path: string, replace: boolean) =>
    call(() => C.importEvaluationFile(path, replace, actor)),
  openConsultation: (reference: string) => call(() => C.openConsultation(reference)),
  consultationOfLot: (reference: string) => call(() => C.consultationOfLot(reference)),
  saveBidder: (reference: string, bidder: string, company: string, siret: string | null) =>
    call(() => C.saveBidder(reference, bidder, company, siret)),
  setAwardRules: (reference: string, maxLotsPerBidder: number | null, overCapRule: W.OverCapRule) =>
    call(() => C.setAwardRules(reference, maxLotsPerBidder, overCapRule)),
  setLotSansSuite: (reference: string, lot: string, reason: string | null) =>
    call(() => C.setLotSansSuite(reference, lot, reason)),
  addBid: (reference: string, lot: string, bidder: string) => call(() => C.addBid(reference, lot, bidder)),
  exportEvaluationFile: (reference: string, path: string) =>
    call(() => C.exportEvaluationFile(reference, path)),
  deleteEvaluation: (reference: string) => call(() => C.deleteEvaluation(reference)),

  // Set-up and offers: the whole evaluation as saved comes back.
  updateTender: (reference: string, tender: Tender): Promise<EvaluationView> =>
    call(() => C.updateTender(reference, tender, actor)),
  updateSettings: (reference: string, settings: Settings): Promise<EvaluationView> =>
    call(() => C.updateSettings(reference, settings, actor)),
  replaceCriteria: (reference: string, criteria: Criterion[]): Promise<EvaluationView> =>
    call(() => C.replaceCriteria(reference, criteria, actor)),
  /** The coded problems of a criteria tree being edited (nothing is saved). */
  checkCriteria: (criteria: Criterion[]) => call(() => C.checkCriteria(criteria)),
  upsertEvaluator: (reference: string, evaluator: Evaluator): Promise<EvaluationView> =>
    call(() => C.upsertEvaluator(reference, evaluator, actor)),
  removeEvaluator: (reference: string, evaluator: string): Promise<EvaluationView> =>
    call(() => C.removeEvaluator(reference, evaluator, actor)),
  upsertOffer: (reference: string, offer: Offer): Promise<EvaluationView> =>
    call(() => C.upsertOffer(reference, offer, actor)),
  removeOffer: (reference: string, offer: string): Promise<EvaluationView> =>
    call(() => C.removeOffer(reference, offer, actor)),

  // Scores and decisions: the edited cell as saved, with the new results.
  /** `by`: who is at the keyboard (the "Je suis …" evaluator); the OS account otherwise. */
  setScore: (reference: string, score: Score, by?: string): Promise<CellView> =>
    call(() => C.setScore(reference, score, by || actor)),
  removeScore: (reference: string, offer: string, criterion: string, evaluator: string, by?: string): Promise<CellView> =>
    call(() => C.removeScore(reference, offer, criterion, evaluator, by || actor)),
  setConsensus: (reference: string, consensus: Consensus): Promise<CellView> =>
    call(() => C.setConsensus(reference, consensus, actor)),
  removeConsensus: (reference: string, offer: string, criterion: string): Promise<CellView> =>
    call(() => C.removeConsensus(reference, offer, criterion, actor)),

  searchCatalog: async (query: string): Promise<CatalogEntry[]> =>
    (await call(() => C.searchCatalog(query))).map(catalogEntryFromWire),
  simulatePriceFormulas: (reference: string): Promise<PriceSimulation[]> =>
    call(() => C.simulatePriceFormulas(reference)),
  priceSheet: (reference: string): Promise<W.PriceSheetView> => call(() => C.priceSheet(reference)),
  acceptCorrection: (
    reference: string,
    offer: string,
    line: string | null,
    route: W.CorrectionRoute,
    note: string,
  ): Promise<W.PriceSheetView> => call(() => C.acceptCorrection(reference, offer, line, route, note, actor)),
  withdrawCorrection: (reference: string, offer: string, line: string | null): Promise<W.PriceSheetView> =>
    call(() => C.withdrawCorrection(reference, offer, line, actor)),
  setUnitPrice: (reference: string, offer: string, line: string, text: string): Promise<W.PriceSheetView> =>
    call(() => C.setUnitPrice(reference, offer, line, text, actor)),
  importScheduleWorkbook: (reference: string, offer: string, path: string): Promise<W.ScheduleImportDto> =>
    call(() => C.importScheduleWorkbook(reference, offer, path, actor)),
  exportScheduleWorkbook: (reference: string, lang: 'fr' | 'en', path: string): Promise<ExportedFile> =>
    call(() => C.exportScheduleWorkbook(reference, lang, path)),

  exportReport: (reference: string, lang: 'fr' | 'en', path: string): Promise<ExportedFile> =>
    call(() => C.exportReport(reference, lang, path)),
  exportConsultationReport: (reference: string, lang: 'fr' | 'en', path: string): Promise<ExportedFile> =>
    call(() => C.exportConsultationReport(reference, lang, path)),
  signReport: async (args: {
    input: string;
    output: string;
    p12Path: string;
    password: string;
    reason: string | null;
    visible: boolean;
  }): Promise<SignatureInfo[]> =>
    signaturesFromWire(
      await call(() => C.signReport(args.input, args.output, args.p12Path, args.password, args.reason, args.visible)),
    ),
  verifyReport: async (path: string): Promise<SignatureInfo[]> =>
    signaturesFromWire(await call(() => C.verifyReport(path))),
  saveSignedRevision: (path: string, index: number, output: string): Promise<void> =>
    call(() => C.saveSignedRevision(path, index, output)),

  exportPackage: (reference: string, evaluator: string, path: string): Promise<ExportedFile> =>
    call(() => C.exportPackage(reference, evaluator, null, path, actor)),
  importReturnFile: (reference: string, path: string, takeTheirs: boolean, acceptNewCertificate = false) =>
    call(() => C.importReturnFile(reference, path, takeTheirs, acceptNewCertificate, actor)),
  returnCertificates: (reference: string) => call(() => C.returnCertificates(reference)),
  committeeProgress: (reference: string) => call(() => C.committeeProgress(reference)),
  committeeFiles: (reference: string) => call(() => C.committeeFiles(reference)),
  openPackage: (path: string, replace: boolean) => call(() => C.openPackage(path, replace, actor)),
  evaluatorWorkspace: (reference: string) => call(() => C.evaluatorWorkspace(reference)),
  /** `signing.password` is used for this call only. */
  writeReturn: (reference: string, path: string, signing: W.ReturnSigningDto | null): Promise<ExportedFile> =>
    call(() => C.writeReturn(reference, path, signing)),
  declareInterests: (reference: string, declarations: W.Declaration[]) =>
    call(() => C.declareInterests(reference, declarations, actor)),
  openPrices: (reference: string) => call(() => C.openPrices(reference, actor)),

  roundsOverview: (reference: string) => call(() => C.roundsOverview(reference)),
  openRound: (reference: string, opening: W.RoundOpeningDto) => call(() => C.openRound(reference, opening, actor)),
  eliminateAtRound: (reference: string, round: string, offer: string, reason: string) =>
    call(() => C.eliminateAtRound(reference, round, offer, reason, actor)),
  recordExchange: (reference: string, exchange: W.Exchange) => call(() => C.recordExchange(reference, exchange, actor)),
  /** `file`: the answer's file, whose SHA-256 the shell computes (the file is not copied). */
  answerExchange: (reference: string, exchange: string, received: string, answer: string, file: string | null) =>
    call(() => C.answerExchange(reference, exchange, received, answer, file, actor)),

  prepareLetters: (reference: string, notification: W.Notification, lang: 'fr' | 'en') =>
    call(() => C.prepareLetters(reference, notification, lang)),
  /** `signing.password` is used for this call only. */
  writeLetters: async (
    reference: string,
    request: W.LettersRequestDto,
    folder: string,
    signing: W.LettersSigningDto | null,
  ) =>
    (await call(() => C.writeLetters(reference, request, folder, signing))).map((w) => ({
      offer: w.offer,
      path: w.path,
      signatures: w.verification ? signaturesFromWire(w.verification) : [],
    })),

  /** One letter per bidder of a consultation; `signing.password` is used for this call only. */
  writeConsultationLetters: async (
    reference: string,
    request: W.LettersRequestDto,
    folder: string,
    signing: W.LettersSigningDto | null,
  ) =>
    (await call(() => C.writeConsultationLetters(reference, request, folder, signing))).map((w) => ({
      offer: w.offer,
      path: w.path,
      signatures: w.verification ? signaturesFromWire(w.verification) : [],
    })),

  /** `signing.password` is used for this call only. */
  writeRequestLetter: async (
    reference: string,
    exchange: string,
    lang: 'fr' | 'en',
    folder: string,
    signing: W.LettersSigningDto | null,
  ) => {
    const w = await call(() => C.writeRequestLetter(reference, exchange, lang, folder, signing));
    return { offer: w.offer, path: w.path, signatures: w.verification ? signaturesFromWire(w.verification) : [] };
  },

  exportConsultationWorkbook: (reference: string, lang: 'fr' | 'en', path: string): Promise<ExportedFile> =>
    call(() => C.exportConsultationWorkbook(reference, lang, path)),
  exportWorkbook: (reference: string, lang: 'fr' | 'en', path: string): Promise<ExportedFile> =>
    call(() => C.exportWorkbook(reference, lang, path)),
  exportScoreGrid: (reference: string, evaluator: string, lang: 'fr' | 'en', path: string): Promise<ExportedFile> =>
    call(() => C.exportScoreGrid(reference, evaluator, lang, path)),
  importScoreGrid: (reference: string, evaluator: string, path: string) =>
    call(() => C.importScoreGrid(reference, evaluator, path, actor)),
  importOffersWorkbook: (reference: string, path: string) => call(() => C.importOffersWorkbook(reference, path, actor)),

  storeStatus: () => call(C.storeStatus),
  retryOpeningStore: () => call(C.retryOpeningStore),
  openStoreReadOnly: () => call(C.openStoreReadOnly),
  setStoreAside: () => call(C.setStoreAside),
  listBackups: () => call(C.listBackups),
  restoreBackup: (fileName: string) => call(() => C.restoreBackup(fileName)),

  listJournal: async (reference: string): Promise<JournalEntry[]> =>
    (await call(() => C.listJournal(reference))).map(journalFromWire),
  verifyJournal: async (reference: string): Promise<JournalVerdict> =>
    verdictFromWire(await call(() => C.verifyJournal(reference))),
};

export type Backend = typeof backend;
