// The one place screens call the shell from: one function per command wrapper of
// src/ipc/commands.ts, answering in the evaluation-format shapes of ./model (converted by ./adapt
// from the generated wire types). Every failure becomes an IpcError whose `code` screens branch on.

import * as C from '../ipc/commands';
import type * as W from '../ipc/bindings.gen';
import * as A from './adapt';
import type {
  AppInfo,
  CatalogEntry,
  Consensus,
  Criterion,
  ErrorCode,
  EvaluationSummary,
  Evaluator,
  IpcError,
  JournalEntry,
  JournalVerdict,
  Offer,
  Opened,
  PriceSimulation,
  Results,
  Score,
  Settings,
  SignatureInfo,
  TemplateInfo,
  Tender,
} from './model';

/** Any rejection as an IpcError (the shell sends `{code, message}`; anything else is internal). */
export function toIpcError(error: unknown): IpcError {
  if (error && typeof error === 'object' && 'code' in error) {
    const e = error as { code: unknown; message?: unknown };
    const code = String(e.code)
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toLowerCase() as ErrorCode;
    return {
      code: A.ERROR_CODES.includes(code) ? code : 'internal',
      message: typeof e.message === 'string' ? e.message : String(e.message ?? ''),
    };
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

const edit = async (run: () => Promise<W.EvaluationViewDto>): Promise<Results> =>
  A.resultsFromWire((await call(run)).results);

export interface ExportedReport {
  path: string;
  bytes: number;
  sha256: string;
}

export const backend = {
  appInfo: async (): Promise<AppInfo & { osUser: string }> => {
    const info = await call(C.appInfo);
    return {
      version: info.version,
      data_dir: info.dbPath,
      osUser: info.osUser,
      openOnStart: info.openOnStart,
    };
  },
  reportFirstPaint: () => call(C.reportFirstPaint),

  listEvaluations: async (): Promise<EvaluationSummary[]> =>
    (await call(C.listEvaluations)).map(A.summaryFromWire),
  openEvaluation: async (reference: string): Promise<Opened> =>
    A.viewFromWire(await call(() => C.openEvaluation(reference))),
  listTemplates: async (): Promise<TemplateInfo[]> => (await call(C.listTemplates)).map(A.templateFromWire),
  createFromTemplate: async (template: string, reference: string, title: string, buyer: string): Promise<Opened> =>
    A.viewFromWire(await call(() => C.createFromTemplate(template, reference, title, buyer, actor))),
  /** Returns the reference of the imported evaluation. */
  importEvaluationFile: (path: string, replace: boolean) =>
    call(() => C.importEvaluationFile(path, replace, actor)),
  exportEvaluationFile: (reference: string, path: string) =>
    call(() => C.exportEvaluationFile(reference, path)),
  deleteEvaluation: (reference: string) => call(() => C.deleteEvaluation(reference)),

  updateTender: (reference: string, tender: Tender) =>
    edit(() => C.updateTender(reference, A.tenderToWire(tender), actor)),
  updateSettings: (reference: string, settings: Settings) =>
    edit(() => C.updateSettings(reference, A.settingsToWire(settings), actor)),
  replaceCriteria: (reference: string, criteria: Criterion[]) =>
    edit(() => C.replaceCriteria(reference, criteria.map(A.criterionToWire), actor)),
  /** The coded problems of a criteria tree being edited (nothing is saved). */
  checkCriteria: (criteria: Criterion[]) =>
    call(() => C.checkCriteria(criteria.map(A.criterionToWire))),
  upsertEvaluator: (reference: string, evaluator: Evaluator) =>
    edit(() => C.upsertEvaluator(reference, A.evaluatorToWire(evaluator), actor)),
  removeEvaluator: (reference: string, evaluator: string) =>
    edit(() => C.removeEvaluator(reference, evaluator, actor)),
  upsertOffer: (reference: string, offer: Offer) =>
    edit(() => C.upsertOffer(reference, A.offerToWire(offer), actor)),
  removeOffer: (reference: string, offer: string) => edit(() => C.removeOffer(reference, offer, actor)),
  /** `by`: who is at the keyboard (the "Je suis …" evaluator); the OS account otherwise. */
  setScore: (reference: string, score: Score, by?: string) =>
    edit(() => C.setScore(reference, A.scoreToWire(score), by || actor)),
  removeScore: (reference: string, offer: string, criterion: string, evaluator: string, by?: string) =>
    edit(() => C.removeScore(reference, offer, criterion, evaluator, by || actor)),
  setConsensus: (reference: string, consensus: Consensus) =>
    edit(() => C.setConsensus(reference, A.consensusToWire(consensus), actor)),
  removeConsensus: (reference: string, offer: string, criterion: string) =>
    edit(() => C.removeConsensus(reference, offer, criterion, actor)),

  searchCatalog: async (query: string): Promise<CatalogEntry[]> =>
    (await call(() => C.searchCatalog(query))).map(A.catalogEntryFromWire),
  simulatePriceFormulas: async (reference: string): Promise<PriceSimulation[]> =>
    (await call(() => C.simulatePriceFormulas(reference))).map(A.simulationFromWire),

  exportReport: (reference: string, lang: 'fr' | 'en', path: string): Promise<ExportedReport> =>
    call(() => C.exportReport(reference, lang, path)),
  signReport: async (args: {
    input: string;
    output: string;
    p12Path: string;
    password: string;
    reason: string | null;
    visible: boolean;
  }): Promise<SignatureInfo[]> =>
    A.signaturesFromWire(
      await call(() => C.signReport(args.input, args.output, args.p12Path, args.password, args.reason, args.visible)),
    ),
  verifyReport: async (path: string): Promise<SignatureInfo[]> =>
    A.signaturesFromWire(await call(() => C.verifyReport(path))),
  saveSignedRevision: (path: string, index: number, output: string): Promise<void> =>
    call(() => C.saveSignedRevision(path, index, output)),

  listJournal: async (reference: string): Promise<JournalEntry[]> =>
    (await call(() => C.listJournal(reference))).map(A.journalFromWire),
  verifyJournal: async (reference: string): Promise<JournalVerdict> =>
    A.verdictFromWire(await call(() => C.verifyJournal(reference))),
};

export type Backend = typeof backend;
