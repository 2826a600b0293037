// One typed wrapper per Tauri command of src-tauri/src/commands (names match). Types come from
// bindings.gen.ts, generated from the Rust domain model (evaluations and results: the file
// format) and the shell's DTOs (the rest). Every promise rejects with an IpcError
// ({ code, message }): branch on `code` (see ERROR_CODES), never on the message text.
//
// `actor` is the name the journal records for an edit (the evaluator's name); when omitted the
// shell records the OS account (appInfo().osUser). Dates are 'YYYY-MM-DD' strings, times RFC 3339.

import { invoke } from '@tauri-apps/api/core';
import type {
  AppInfoDto,
  CatalogDto,
  CatalogEntryDto,
  CellView,
  CommitteeFile,
  ConsultationView,
  OverCapRule,
  ImportedDto,
  Consensus,
  Declaration,
  EvaluatorWorkspace,
  Exchange,
  ReturnCertificateDto,
  ReturnSigningDto,
  RoundOpeningDto,
  RoundsView,
  Criterion,
  EvaluationView,
  Evaluator,
  ExportedFileDto,
  IpcError,
  JournalEntryDto,
  JournalVerdictDto,
  EvaluatorProgress,
  LangDto,
  MergeReportDto,
  LetterPreviewDto,
  LettersRequestDto,
  LettersSigningDto,
  Notification,
  WorkbookImportDto,
  WrittenLetterDto,
  Offer,
  PriceSimulationView,
  PriceSheetView,
  CorrectionRoute,
  ScheduleImportDto,
  ProblemsDto,
  BackupDto,
  StoreStatusDto,
  Score,
  Settings,
  TemplateDto,
  Tender,
  TenderSummaryDto,
  VerificationDto,
} from './bindings.gen';

export type * from './bindings.gen';

/** True for the errors commands reject with. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

// App ------------------------------------------------------------------------------------------

/** Version, store path, documents folder (default place for reports) and OS user. */
export const appInfo = () => invoke<AppInfoDto>('app_info');

/** Call once, when the first screen is drawn (startup measurement). */
export const reportFirstPaint = () => invoke<void>('report_first_paint');

// Evaluations ----------------------------------------------------------------------------------

export const listEvaluations = () => invoke<TenderSummaryDto[]>('list_evaluations');

export const openEvaluation = (reference: string) =>
  invoke<EvaluationView>('open_evaluation', { reference });

export const listTemplates = () => invoke<TemplateDto[]>('list_templates');

export const createFromTemplate = (
  template: string,
  reference: string,
  title: string,
  buyer: string,
  actor?: string,
) =>
  invoke<EvaluationView>('create_from_template', { template, reference, title, buyer, actor });

/** Resolves to the reference of the imported evaluation. `replace` overwrites a stored one
 * with the same reference (its journal is kept); otherwise that case rejects with `conflict`. */
export const importEvaluationFile = (path: string, replace: boolean, actor?: string) =>
  invoke<ImportedDto>('import_evaluation_file', { path, replace, actor });

/** A consultation's home: each lot's ranking and provisional award, and the award's steps. */
export const openConsultation = (reference: string) => invoke<ConsultationView>('open_consultation', { reference });

/** The consultation the stored evaluation is a lot of, or null. */
export const consultationOfLot = (reference: string) => invoke<string | null>('consultation_of_lot', { reference });

/** Corrects a bidder's company or SIRET once, for every lot it bid on. */
export const saveBidder = (reference: string, bidder: string, company: string, siret: string | null) =>
  invoke<ConsultationView>('save_bidder', { reference, bidder, company, siret });

/** Sets the cap on lots awarded per bidder (null: none) and the rule applied over it. */
export const setAwardRules = (reference: string, maxLotsPerBidder: number | null, overCapRule: OverCapRule) =>
  invoke<ConsultationView>('set_award_rules', { reference, maxLotsPerBidder, overCapRule });

/** Declares a lot sans suite with its reason, or withdraws the declaration (reason null). */
export const setLotSansSuite = (reference: string, lot: string, reason: string | null) =>
  invoke<ConsultationView>('set_lot_sans_suite', { reference, lot, reason });

/** Records a bidder's offer on a lot it had none on. */
export const addBid = (reference: string, lot: string, bidder: string) =>
  invoke<ConsultationView>('add_bid', { reference, lot, bidder });

export const exportEvaluationFile = (reference: string, path: string) =>
  invoke<void>('export_evaluation_file', { reference, path });

export const deleteEvaluation = (reference: string) =>
  invoke<void>('delete_evaluation', { reference });

/** The results under each price formula (empty when the tree has no price criterion). */
export const simulatePriceFormulas = (reference: string) =>
  invoke<PriceSimulationView[]>('simulate_price_formulas', { reference });

// The price schedule (each returns the evaluation, its results and every offer's computed schedule)

export const priceSheet = (reference: string) => invoke<PriceSheetView>('price_sheet', { reference });

/** `line` null: the correction of the grand total. */
export const acceptCorrection = (
  reference: string,
  offer: string,
  line: string | null,
  route: CorrectionRoute,
  note: string,
  actor?: string,
) => invoke<PriceSheetView>('accept_correction', { reference, offer, line, route, note, actor });

export const withdrawCorrection = (reference: string, offer: string, line: string | null, actor?: string) =>
  invoke<PriceSheetView>('withdraw_correction', { reference, offer, line, actor });

/** One unit price as the buyer typed it: `text` goes to Rust as typed and is read there by the
 * workbooks' number reader (« 1 234,56 », « 0,039 € »; empty: the line is unpriced again);
 * rejects with `invalid` when it is not a price. */
export const setUnitPrice = (reference: string, offer: string, line: string, text: string, actor?: string) =>
  invoke<PriceSheetView>('set_unit_price', { reference, offer, line, text, actor });

/** Imports a bidder's filled schedule as `offer`'s prices: rejects with `invalid` naming every
 * wrong cell by sheet and cell, nothing saved; otherwise one journal entry naming the file. */
export const importScheduleWorkbook = (reference: string, offer: string, path: string, actor?: string) =>
  invoke<ScheduleImportDto>('import_schedule_workbook', { reference, offer, path, actor });

/** Writes the blank schedule (BPU/DQE) every bidder fills. */
export const exportScheduleWorkbook = (reference: string, lang: LangDto, path: string) =>
  invoke<ExportedFileDto>('export_schedule_workbook', { reference, lang, path });

// Set-up and offers (each returns the whole saved evaluation with its new results) --------------

/** Changing tender.reference renames the evaluation: use the reference in the returned view. */
export const updateTender = (reference: string, tender: Tender, actor?: string) =>
  invoke<EvaluationView>('update_tender', { reference, tender, actor });

export const updateSettings = (reference: string, settings: Settings, actor?: string) =>
  invoke<EvaluationView>('update_settings', { reference, settings, actor });

export const replaceCriteria = (reference: string, criteria: Criterion[], actor?: string) =>
  invoke<EvaluationView>('replace_criteria', { reference, criteria, actor });

/** The coded problems of a criteria tree being edited (nothing is saved). */
export const checkCriteria = (criteria: Criterion[]) => invoke<ProblemsDto>('check_criteria', { criteria });

export const upsertEvaluator = (reference: string, evaluator: Evaluator, actor?: string) =>
  invoke<EvaluationView>('upsert_evaluator', { reference, evaluator, actor });

export const removeEvaluator = (reference: string, evaluator: string, actor?: string) =>
  invoke<EvaluationView>('remove_evaluator', { reference, evaluator, actor });

export const upsertOffer = (reference: string, offer: Offer, actor?: string) =>
  invoke<EvaluationView>('upsert_offer', { reference, offer, actor });

export const removeOffer = (reference: string, offer: string, actor?: string) =>
  invoke<EvaluationView>('remove_offer', { reference, offer, actor });

// Scoring and consensus (each returns the edited cell as saved, with the new results) ------------

/** A score holds `value` (scored leaf) or `met` (requirement), as in the file. */
export const setScore = (reference: string, score: Score, actor?: string) =>
  invoke<CellView>('set_score', { reference, score, actor });

export const removeScore = (
  reference: string,
  offer: string,
  criterion: string,
  evaluator: string,
  actor?: string,
) => invoke<CellView>('remove_score', { reference, offer, criterion, evaluator, actor });

/** A decision holds `value` or `met`, as in the file; its justification is required. */
export const setConsensus = (reference: string, consensus: Consensus, actor?: string) =>
  invoke<CellView>('set_consensus', { reference, consensus, actor });

export const removeConsensus = (
  reference: string,
  offer: string,
  criterion: string,
  actor?: string,
) => invoke<CellView>('remove_consensus', { reference, offer, criterion, actor });

// Catalogs -------------------------------------------------------------------------------------

export const listCatalogs = () => invoke<CatalogDto[]>('list_catalogs');

/** Entries matching every word of `query`, ignoring case and accents. */
export const searchCatalog = (query: string) =>
  invoke<CatalogEntryDto[]>('search_catalog', { query });

// Report ---------------------------------------------------------------------------------------

/** Renders the PDF report and writes it to `path`. */
export const exportReport = (reference: string, lang: LangDto, path: string) =>
  invoke<ExportedFileDto>('export_report', { reference, lang, path });

/** Renders the report of a whole consultation (the award of the lots, then each lot's report)
 * and writes it to `path`; it is signed like any report. */
export const exportConsultationReport = (reference: string, lang: LangDto, path: string) =>
  invoke<ExportedFileDto>('export_consultation_report', { reference, lang, path });

/** Signs `input` into `output` (may be the same path). The password is never stored.
 * A wrong password rejects with code `wrong_password`. */
export const signReport = (
  input: string,
  output: string,
  p12Path: string,
  password: string,
  reason: string | null,
  visible: boolean,
) =>
  invoke<VerificationDto>('sign_report', { input, output, p12Path, password, reason, visible });

/** Every signature of a PDF; a PDF without signature gives an empty list. */
export const verifyReport = (path: string) => invoke<VerificationDto>('verify_report', { path });

/** Writes the revision signature number `index` (0 = first applied) covers, as its own PDF. */
export const saveSignedRevision = (path: string, index: number, output: string) =>
  invoke<void>('save_signed_revision', { path, index, output });

// The committee on several laptops -------------------------------------------------------------

/** Writes the package of one evaluator (every criterion they may score when `criteria` is null). */
export const exportPackage = (reference: string, evaluator: string, criteria: string[] | null, path: string, actor?: string) =>
  invoke<ExportedFileDto>('export_package', { reference, evaluator, criteria, path, actor });

/** Merges an evaluator's return file: rejects with `invalid` (nothing saved) for another tender,
 * evaluator or basis, an altered file, or scores the package did not ask for; cells held with
 * another score come back as `conflicts`, kept unless `takeTheirs`. A file signed with another
 * certificate than the member's pinned one is refused (problem `certificate_changed`) unless
 * `acceptNewCertificate`, the buyer's confirmation, which the journal records. */
export const importReturnFile = (
  reference: string,
  path: string,
  takeTheirs: boolean,
  acceptNewCertificate: boolean,
  actor?: string,
) => invoke<MergeReportDto>('import_return_file', { reference, path, takeTheirs, acceptNewCertificate, actor });

/** The certificate pinned for each committee member (the one of their first signed return). */
export const returnCertificates = (reference: string) =>
  invoke<ReturnCertificateDto[]>('return_certificates', { reference });

/** Each evaluator's scores given, overall and per top-level group. */
export const committeeProgress = (reference: string) =>
  invoke<EvaluatorProgress[]>('committee_progress', { reference });

/** (Evaluator) Opens a package as a workspace of its own; answers its reference. Rejects with
 * `conflict` when that tender is already here, unless `replace` (a newer package). */
export const openPackage = (path: string, replace: boolean, actor?: string) =>
  invoke<string>('open_package', { path, replace, actor });

/** The package facts when the evaluation is an evaluator's workspace on this computer, else null. */
export const evaluatorWorkspace = (reference: string) =>
  invoke<EvaluatorWorkspace | null>('evaluator_workspace', { reference });

/** (Evaluator) Writes the workspace's return file, signed when `signing` is given (its password
 * is used for this call only). Rejects with `wrong_password` for a wrong password. */
export const writeReturn = (reference: string, path: string, signing: ReturnSigningDto | null) =>
  invoke<ExportedFileDto>('write_return', { reference, path, signing });

/** Packages sent and scoring files received, oldest first, from the journal. */
export const committeeFiles = (reference: string) => invoke<CommitteeFile[]>('committee_files', { reference });

/** Records declarations of interests (one per evaluator and offer, each replacing the earlier
 * one); a declared conflict withdraws the evaluator from the offer, removing their scores on it. */
export const declareInterests = (reference: string, declarations: Declaration[], actor?: string) =>
  invoke<EvaluationView>('declare_interests', { reference, declarations, actor });

/** Opens the sealed prices now; rejects with `invalid` when they are not sealed or already open. */
export const openPrices = (reference: string, actor?: string) => invoke<EvaluationView>('open_prices', { reference, actor });

// Negotiated procedures: rounds and exchanges with bidders -------------------------------------

/** Every round's results side by side, each round compared with the one before, and the
 * remarks on rounds and exchanges (empty lists without rounds). */
export const roundsOverview = (reference: string) => invoke<RoundsView>('rounds_overview', { reference });

/** Opens a round (the first starts the negotiation; a later one freezes the latest round). */
export const openRound = (reference: string, opening: RoundOpeningDto, actor?: string) =>
  invoke<EvaluationView>('open_round', { reference, opening, actor });

/** Sets an offer aside at the end of a round, with the reason. */
export const eliminateAtRound = (reference: string, round: string, offer: string, reason: string, actor?: string) =>
  invoke<EvaluationView>('eliminate_at_round', { reference, round, offer, reason, actor });

/** Records a request to a bidder (or corrects one with the same id). */
export const recordExchange = (reference: string, exchange: Exchange, actor?: string) =>
  invoke<EvaluationView>('record_exchange', { reference, exchange, actor });

/** Records a bidder's answer; the shell reads `file` (when given) and records its SHA-256. */
export const answerExchange = (
  reference: string,
  exchange: string,
  received: string,
  answer: string,
  file: string | null,
  actor?: string,
) => invoke<EvaluationView>('answer_exchange', { reference, exchange, received, answer, file, actor });

// Letters to bidders ---------------------------------------------------------------------------

/** Every letter of a complete evaluation with a winner (rejects with `not_ready` otherwise):
 * its facts, the drafted advantages text and its file name. */
export const prepareLetters = (reference: string, notification: Notification, lang: LangDto) =>
  invoke<LetterPreviewDto[]>('prepare_letters', { reference, notification, lang });

/** Writes every letter into `folder` (created if needed), each signed when `signing` is given;
 * nothing is written unless every letter rendered and signed. The password is never stored. */
export const writeLetters = (
  reference: string,
  request: LettersRequestDto,
  folder: string,
  signing: LettersSigningDto | null,
) => invoke<WrittenLetterDto[]>('write_letters', { reference, request, folder, signing });

/** One letter per bidder of a consultation, lot by lot, written into `folder`. */
export const writeConsultationLetters = (
  reference: string,
  request: LettersRequestDto,
  folder: string,
  signing: LettersSigningDto | null,
) => invoke<WrittenLetterDto[]>('write_consultation_letters', { reference, request, folder, signing });

/** The letter of one request to a bidder, written into `folder` under the name the core gives it. */
export const writeRequestLetter = (
  reference: string,
  exchange: string,
  lang: LangDto,
  folder: string,
  signing: LettersSigningDto | null,
) => invoke<WrittenLetterDto>('write_request_letter', { reference, exchange, lang, folder, signing });

// Workbooks ------------------------------------------------------------------------------------

/** The evaluation and its results as a workbook. */
/** The workbook of a consultation: the award of the lots, then each lot's sheets. */
export const exportConsultationWorkbook = (reference: string, lang: LangDto, path: string) =>
  invoke<ExportedFileDto>('export_consultation_workbook', { reference, lang, path });

export const exportWorkbook = (reference: string, lang: LangDto, path: string) =>
  invoke<ExportedFileDto>('export_workbook', { reference, lang, path });

/** The blank scoring grid of one evaluator. */
export const exportScoreGrid = (reference: string, evaluator: string, lang: LangDto, path: string) =>
  invoke<ExportedFileDto>('export_score_grid', { reference, evaluator, lang, path });

/** Imports a filled grid: rejects with `invalid` naming every wrong cell (coded problems, worded
 * by the screen), nothing saved; otherwise saved with one journal entry naming the file. */
export const importScoreGrid = (
  reference: string,
  evaluator: string,
  path: string,
  actor?: string,
) => invoke<WorkbookImportDto>('import_score_grid', { reference, evaluator, path, actor });

/** Imports the list of bids received, with the same all-or-nothing rule. */
export const importOffersWorkbook = (reference: string, path: string, actor?: string) =>
  invoke<WorkbookImportDto>('import_offers_workbook', { reference, path, actor });

// The store's file ------------------------------------------------------------------------------

/** Whether the store is open for work, read-only, or not at all (then why and where). */
export const storeStatus = () => invoke<StoreStatusDto>('store_status');
export const retryOpeningStore = () => invoke<StoreStatusDto>('retry_opening_store');
export const openStoreReadOnly = () => invoke<StoreStatusDto>('open_store_read_only');
/** Renames the store aside (nothing is deleted) and starts a fresh one with the demo. */
export const setStoreAside = () => invoke<StoreStatusDto>('set_store_aside');
export const listBackups = () => invoke<BackupDto[]>('list_backups');
/** Puts the backup in place of the store; the current one is set aside. */
export const restoreBackup = (fileName: string) => invoke<StoreStatusDto>('restore_backup', { fileName });

// Journal --------------------------------------------------------------------------------------

export const listJournal = (reference: string) =>
  invoke<JournalEntryDto[]>('list_journal', { reference });

export const verifyJournal = (reference: string) =>
  invoke<JournalVerdictDto>('verify_journal', { reference });
