// Generated from jauge_domain (feature `ts`) and src-tauri/src/dto by ts-rs. Do not edit: run `cargo test -p jauge-desktop -- --ignored export_bindings`.

export type IpcError = { code: string, message: string, 
/**
 * For `invalid`: the problems coded, so that the screen words them in its own language
 * (`message` holds the English lines the command line prints).
 */
problems?: ProblemsDto, };

export type Evaluation = { tender: Tender, 
/**
 * Absent from the file when every setting takes its default.
 */
settings?: Settings, criteria: Array<Criterion>, evaluators: Array<Evaluator>, offers: Array<Offer>, scores: Array<Score>, consensus: Array<Consensus>, 
/**
 * Each evaluator's declaration of interests towards each offer; absent from the file when
 * nobody declared anything (files made before declarations existed stay valid).
 */
declarations?: Array<Declaration>, 
/**
 * When the buyer opened the sealed prices (RFC 3339): see [`Settings::sealed_prices`].
 */
prices_opened_at?: string, 
/**
 * The price schedule (BPU/DQE) and the bidders' unit prices, when the tender has one;
 * absent from files that price each offer with one `price`.
 */
price_schedule?: PriceSchedule, 
/**
 * The rounds of a negotiated procedure or dialogue (initial, intermediate and final
 * offers); absent from files of a single round of offers.
 */
negotiation?: Negotiation, 
/**
 * Clarification, regularisation and negotiation requests to bidders and their answers;
 * absent from the file when there are none.
 */
exchanges?: Array<Exchange>, };

export type Tender = { reference: string, title: string, buyer: string, lot?: string, procedure?: Procedure, launch_date?: string, deadline: string, currency?: string, };

export type Procedure = "open" | "restricted" | "negotiated" | "competitive_dialogue" | "adapted";

export type Settings = { consolidation?: Consolidation, divergence_threshold?: number, abnormally_low?: AbnormallyLowMethod, 
/**
 * Prices stay sealed until the buyer opens them (`prices_opened_at`): evaluators' packages
 * carry none, offers may have none, and no price points are computed before the opening.
 */
sealed_prices?: boolean, 
/**
 * Every evaluator declares their interests towards an offer before scoring it; a score
 * without a declaration is warned about in results and report.
 */
declarations_required?: boolean, 
/**
 * Committee members' return files must be signed with their certificate: an unsigned
 * return file is refused (« retours signés obligatoires »).
 */
signed_returns_required?: boolean, };

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

export type PriceSchedule = { 
/**
 * The lines, in the order the tender rules list them.
 */
lines: Array<ScheduleLine>, 
/**
 * The price criterion whose total the abnormally-low check compares; absent, the grand
 * total of every line.
 */
abnormally_low_on?: string, 
/**
 * Each bidder's prices, one entry per offer that returned the schedule.
 */
offers?: Array<ScheduleOffer>, 
/**
 * The corrections of material errors the buyer accepted.
 */
corrections?: Array<PriceCorrection>, };

export type ScheduleLine = { id: string, label: string, 
/**
 * The unit a price is given for (`vCPU·heure`, `Go·mois`, `forfait`…).
 */
unit: string, 
/**
 * The estimated quantity (the DQE's), by which the unit price is multiplied.
 */
quantity: number, 
/**
 * A heading the line is shown under (a year, build or run…); no effect on totals.
 */
group?: string, 
/**
 * The price criterion the line's amount counts towards; may be absent when the tree has
 * one price criterion.
 */
criterion?: string, };

export type ScheduleOffer = { offer: string, 
/**
 * One entry per line the bidder priced; a line without an entry is not priced.
 */
prices: Array<LinePrice>, 
/**
 * The grand total the bidder wrote.
 */
submitted_total?: number, };

export type LinePrice = { line: string, unit_price: number, 
/**
 * The line total the bidder wrote.
 */
submitted_total?: number, };

export type PriceCorrection = { offer: string, line?: string, 
/**
 * Why the correction stands (the clause of the tender rules, the bidder's confirmation…).
 */
note: string, 
/**
 * RFC 3339: when the buyer accepted it.
 */
at: string, 
/**
 * The legal route the correction took; absent in files written before it was recorded.
 */
route?: CorrectionRoute, };

export type Negotiation = { 
/**
 * The consultation documents announced that offers may be set aside between rounds by
 * applying the award criteria (R2161-18): without it no round may eliminate an offer.
 */
reduction_announced?: boolean, 
/**
 * The notice reserved the right to award on the initial offers without negotiating
 * (R2161-17).
 */
initial_award_reserved?: boolean, 
/**
 * In order: the initial offers first, the final offers (when invited) last.
 */
rounds: Array<Round>, };

export type Round = { id: string, label: string, kind: RoundKind, 
/**
 * When the bidders were invited to submit this round's offers.
 */
invited?: string, 
/**
 * The common deadline of this round's offers.
 */
deadline?: string, 
/**
 * What differed in an offer at this round; only on rounds before the latest (the latest
 * round's offers are the evaluation's own).
 */
offers?: Array<OfferVersion>, 
/**
 * This round's scores, frozen when the next round opened; none on the latest round.
 */
scores?: Array<Score>, 
/**
 * This round's committee decisions, frozen likewise.
 */
consensus?: Array<Consensus>, 
/**
 * Offers set aside at the end of this round: scored here, absent from every later round.
 */
eliminated?: Array<RoundElimination>, };

export type RoundKind = "initial" | "intermediate" | "final";

export type OfferVersion = { offer: string, price?: number, certifications?: Array<Certification>, };

export type RoundElimination = { offer: string, reason: string, };

export type Exchange = { id: string, offer: string, kind: ExchangeKind, 
/**
 * The round it belongs to (required when the evaluation has rounds).
 */
round?: string, question: string, 
/**
 * The criteria the question bears on.
 */
criteria?: Array<string>, sent: string, deadline?: string, received?: string, 
/**
 * What the bidder answered, in the buyer's words.
 */
answer?: string, 
/**
 * SHA-256 (lowercase hex) of the answer's file.
 */
file_sha256?: string, 
/**
 * The scores that rely on this exchange.
 */
cited_by?: Array<Citation>, };

export type ExchangeKind = "clarification" | "regularisation" | "negotiation" | "abnormally_low";

export type Citation = { criterion: string, evaluator?: string, };

export type CorrectionRoute = "tender_rules" | "bidder_confirmed" | "regularisation";

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

export type Elimination = { reason: EliminationReason, criterion: string | null, 
/**
 * The French sentence of `phrase` filled with `params` (the `detail` of the results
 * document).
 */
detail: string, 
/**
 * Which sentence of [`crate::words::ELIMINATIONS`] tells it.
 */
phrase: EliminationPhrase, params: Record<string, string>, };

export type EliminationPhrase = "irregular" | "no_valid_certification" | "no_valid_certification_level" | "not_met_by_committee" | "not_met_by_evaluators" | "below_threshold";

export type Divergence = { offer: string, criterion: string, spread: number, resolved: boolean, };

export type Sensitivity = { criterion: string, weight: number, from: number, to: number, };

export type Warning = { 
/**
 * The criterion concerned, when there is one.
 */
criterion: string | null, 
/**
 * The French sentence of `code` filled with `params` (the `message` of the results
 * document).
 */
message: string, params: Record<string, string>, } & ({ "code": "no_environmental_criterion" } | { "code": "unknown_ref", ref: string, } | { "code": "prices_sealed" } | { "code": "undeclared_interest", evaluator: string, offers: Array<string>, } | { "code": "unit_prices_missing", offer: string, lines: Array<string>, } | { "code": "price_discrepancy", offer: string, lines: Array<string>, });

export type WarningCode = { "code": "no_environmental_criterion" } | { "code": "unknown_ref", ref: string, } | { "code": "prices_sealed" } | { "code": "undeclared_interest", evaluator: string, offers: Array<string>, } | { "code": "unit_prices_missing", offer: string, lines: Array<string>, } | { "code": "price_discrepancy", offer: string, lines: Array<string>, };

export type EvaluationView = { evaluation: EvaluationDocument, results: ResultsDocument, };

export type CellView = { offer: string, criterion: string, 
/**
 * The scores on this cell, in file order.
 */
scores: Array<Score>, 
/**
 * The committee's decision on this cell, if any.
 */
consensus: Consensus | null, results: ResultsDocument, };

export type PriceSimulationView = { formula: PriceFormula, results: ResultsDocument, };

export type PriceSheetView = { view: EvaluationView, offers: Array<OfferSheetDto>, 
/**
 * The correction routes, in the order A, B, C (as the format spells them).
 */
routes: Array<CorrectionRoute>, };

export type OfferSheetDto = { offer: string, 
/**
 * One per schedule line, in schedule order: quantity × unit price, `null` when unpriced.
 */
amounts: Array<number | null>, 
/**
 * The total of each price criterion, in tree order; `null` while a line is unpriced.
 */
totals: Array<CriterionTotalDto>, grandTotal: number | null, 
/**
 * The grand total the bidder wrote.
 */
submittedTotal: number | null, 
/**
 * The amount the offer is compared on, corrections accepted; `null` while unknown.
 */
compared: number | null, discrepancies: Array<DiscrepancyDto>, };

export type CriterionTotalDto = { criterion: string, total: number | null, };

export type DiscrepancyDto = { 
/**
 * The line; `null`: the grand total.
 */
line: string | null, submitted: number, expected: number, 
/**
 * What the correction adds to the total (negative when it lowers it).
 */
effect: number, 
/**
 * The correction the buyer accepted, `null` while it waits.
 */
correction: PriceCorrection | null, };

export type ScheduleImportDto = { lines: number, discrepancies: number, fileName: string, 
/**
 * Lowercase hex SHA-256 of the file, as the journal records it.
 */
sha256: string, sheet: PriceSheetView, };

export type TenderSummaryDto = { reference: string, title: string, buyer: string, 
/**
 * `YYYY-MM-DD`.
 */
deadline: string, offers: number, evaluators: number, scores: number, 
/**
 * RFC 3339 time of the last change.
 */
changedAt?: string | null, 
/**
 * The consultation this evaluation is a lot of (its overview opens with
 * `open_consultation`); `null` for an evaluation on its own.
 */
consultation?: string | null, };

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

export type ExportedFileDto = { path: string, bytes: number, 
/**
 * Lowercase hex SHA-256 of the PDF.
 */
sha256: string, };

export type Letter = { 
/**
 * The addressee's offer id (letters are named after it).
 */
offer: string, bidder: string, 
/**
 * The offer's commercial name, when the file gives one.
 */
offer_name: string | null, notification: Notification, 
/**
 * The first day on which the contract may be signed (R2182-1).
 */
signature_from: string, awardee: Awardee, decision: Decision, };

export type Notification = { date: string, channel: NotificationChannel, };

export type NotificationChannel = "electronic" | "other";

export type Awardee = { offer: string, bidder: string, offer_name: string | null, total: number, };

export type Decision = { "kind": "awarded", total: number, rows: Array<PointsRow>, } | { "kind": "ranked", rank: number, total: number, 
/**
 * The addressee's points beside the awardee's, criterion by criterion.
 */
rows: Array<PointsRow>, 
/**
 * The criteria on which the awardee scored higher, with what justified its score.
 */
advantages: Array<Advantage>, } | { "kind": "eliminated", reasons: Array<Rejection>, 
/**
 * Set when the offer was declared irregular and would otherwise have been flagged as
 * abnormally low: the letter says so (L2152-6, R2152-4).
 */
abnormally_low: AbnormallyLowRejection | null, } | { "kind": "set_aside", 
/**
 * The round's id and its label as the buyer named it.
 */
round: string, round_label: string, reason: string, };

export type PointsRow = { criterion: string, title: string, 
/**
 * 0 for a top-level criterion.
 */
depth: number, is_group: boolean, 
/**
 * The criterion's weight, i.e. the most points it gives.
 */
weight: number, 
/**
 * The addressee's points; `None` for a sub-group, whose subtotal the results do not give.
 */
own: number | null, 
/**
 * The awardee's points (equal to `own` in the awardee's own letter).
 */
awardee: number | null, };

export type Advantage = { criterion: string, title: string, is_price: boolean, awardee_points: number, own_points: number, 
/**
 * What the committee wrote about the winning offer on this criterion: the consensus
 * justification when there is one, else the evaluators' (each once). Empty for the price.
 */
justifications: Array<string>, source: ValueSource, };

export type Rejection = { elimination: Elimination, 
/**
 * The criterion's title when the reason concerns one.
 */
criterion_title: string | null, 
/**
 * The committee's (else the evaluators') justifications on this criterion for this offer.
 */
justifications: Array<string>, };

export type ValueSource = "consensus" | "evaluators" | "certifications" | "none";

export type AbnormallyLowRejection = { method: AbnormallyLowMethod, 
/**
 * The follow-up recorded: the evaluation format keeps it as the offer's `irregular` reason.
 */
follow_up: string | null, };

export type LetterPreviewDto = { letter: Letter, draftedAdvantages: string, fileName: string, };

export type LettersRequestDto = { notification: Notification, lang: LangDto, advantages: { [key in string]?: string }, };

export type LettersSigningDto = { p12Path: string, password: string, reason: string | null, visible: boolean, };

export type WrittenLetterDto = { offer: string, path: string, verification?: VerificationDto | null, };

export type WorkbookImportDto = { count: number, fileName: string, 
/**
 * Lowercase hex SHA-256 of the file, as the journal records it.
 */
sha256: string, view: EvaluationView, };

export type RoundResults = { round: string, label: string, kind: RoundKind, 
/**
 * The offers set aside at the end of this round, with the reason.
 */
eliminated: Array<RoundElimination>, results: Results, };

export type RoundComparison = { before: string, after: string, winner_before: string | null, winner_after: string | null, 
/**
 * Every offer of the earlier round, in its order.
 */
offers: Array<OfferChange>, };

export type OfferChange = { offer: string, 
/**
 * `None` when the offer is not in that round (set aside before it).
 */
rank_before: number | null, rank_after: number | null, total_before: number | null, total_after: number | null, 
/**
 * The criteria whose value or points differ, in leaf order.
 */
criteria: Array<CriterionChange>, 
/**
 * The offer took part in the first round and not in the second.
 */
left: boolean, };

export type CriterionChange = { criterion: string, value_before: number | null, value_after: number | null, points_before: number | null, points_after: number | null, };

export type RoundNote = { code: string, params: Record<string, string>, };

export type RoundsView = { rounds: Array<RoundResults>, comparisons: Array<RoundComparison>, notes: Array<RoundNote>, };

export type RoundOpeningDto = { id: string, label: string, kind: RoundKind, invited: string | null, deadline: string | null, reductionAnnounced?: boolean | null, initialAwardReserved?: boolean | null, };

export type ConsultationView = { reference: string, title: string, buyer: string, 
/**
 * Every lot awarded, *infructueux* or *sans suite*: nothing waits for scores or the buyer.
 * While false, the award is provisional.
 */
settled: boolean, 
/**
 * The cap on lots awarded to one bidder, when the rules set one.
 */
max_lots_per_bidder?: number | null, 
/**
 * The rule that picks the lots a bidder over the cap keeps (the default when the rules
 * name none).
 */
over_cap_rule: OverCapRule, 
/**
 * Every bidder, entered once for all lots, in the consultation's order.
 */
bidders: Array<BidderView>, lots: Array<LotView>, 
/**
 * Every step of the award, in the order the rule examines the lots.
 */
trace: Array<SentenceDto>, };

export type LotView = { id: string, number: number, title: string, 
/**
 * The key its evaluation is stored under: it opens as any evaluation (grid, committee,
 * results, report of the lot).
 */
key: string, 
/**
 * A framework agreement with several holders (else a single award).
 */
framework: boolean, status: LotStatus, sans_suite?: string | null, 
/**
 * The lot's scoring progress on its deciding round: offers in that round, and those of
 * them every leaf of which is scored (ranked or eliminated, not incomplete).
 */
offers_in_round: number, offers_scored: number, 
/**
 * The offers, ranked ones first in rank order, then the others in file order.
 */
bids: Array<BidView>, };

export type BidView = { offer: string, 
/**
 * The bidder's company.
 */
bidder: string, rank?: number | null, total?: number | null, outcome: BidOutcome, 
/**
 * Its rank among the framework's holders.
 */
holder_rank?: number | null, };

export type BidderView = { id: string, company: string, siret?: string | null, 
/**
 * The ids of the lots it has an offer on, in lot order.
 */
lots: Array<string>, };

export type OverCapRule = "lot_value" | "lot_order" | "bidder_preference";

export type SentenceDto = { code: string, fr: string, en: string, };

export type ImportedDto = { reference: string, 
/**
 * A consultation file with its lots (each lot stored as an evaluation of its own).
 */
consultation: boolean, };

export type LotStatus = "awarded" | "infructueux" | "tied" | "pending" | "sans_suite";

export type BidOutcome = "awarded" | "holder" | "skipped_for_cap" | "not_retained" | "tied" | "eliminated" | "pending" | "sans_suite" | "set_aside";

export type EvaluatorProgress = { evaluator: string, name: string, 
/**
 * Cells (offer × leaf scored by hand) in the tree. An evaluator need not score them all:
 * a committee often splits the criteria among its members.
 */
cells: number, 
/**
 * Cells they scored.
 */
given: number, groups: Array<GroupProgress>, 
/**
 * Offers towards which they declared their interests.
 */
declared: number, 
/**
 * Offers they declared a conflict of interest with, in file order.
 */
conflicts: Array<string>, };

export type CommitteeFile = { direction: FileDirection, 
/**
 * The file's name, without its folder.
 */
name: string, 
/**
 * SHA-256 of the file's bytes.
 */
sha256: string, 
/**
 * RFC 3339, when it was written or imported.
 */
at: string, 
/**
 * Who wrote or imported it.
 */
actor: string, 
/**
 * The evaluators it is for (a package) or whose scores it brought (a return or a grid).
 */
evaluators: Array<string>, 
/**
 * The subject of the certificate that signed it, when it was signed and the signature
 * verified on import.
 */
signed_by: string | null, 
/**
 * Scores it brought (0 for a package).
 */
scores: number, 
/**
 * Declarations of interests it brought (0 for a package).
 */
declarations: number, };

export type EvaluatorWorkspace = { evaluator: string, 
/**
 * The leaves assigned, in tree order.
 */
criteria: Array<string>, prices_hidden: boolean, basis_sha256: string, source_sha256: string, 
/**
 * When the buyer made the package (RFC 3339).
 */
exported_at: string, 
/**
 * The package file's name, without its folder.
 */
package_name: string, 
/**
 * SHA-256 of the package file.
 */
package_sha256: string, };

export type ReturnSigningDto = { p12Path: string, password: string, };

export type FileDirection = "sent" | "received";

export type Declaration = { evaluator: string, offer: string, conflict: boolean, 
/**
 * RFC 3339: when it was declared.
 */
at: string, 
/**
 * What the evaluator wrote (the nature of a conflict, say).
 */
note?: string, };

export type GroupProgress = { criterion: string, title: string, cells: number, given: number, };

export type ConflictDto = { 
/**
 * What the buyer's copy holds (kept).
 */
ours: Score, 
/**
 * What the file brings.
 */
theirs: Score, 
/**
 * Only the justification differs (the same value or verdict): both texts are shown.
 */
justificationOnly: boolean, };

export type MergeReportDto = { evaluator: string, fileName: string, 
/**
 * Lowercase hex SHA-256 of the file, as the journal records it.
 */
sha256: string, 
/**
 * Scores written (new ones, and the conflicting ones when the file's were taken).
 */
written: number, 
/**
 * Scores already held as they are.
 */
unchanged: number, 
/**
 * Cells held with another score, kept for the buyer to decide.
 */
conflicts: Array<ConflictDto>, 
/**
 * Declarations of interests recorded (new or changed).
 */
declarations: number, 
/**
 * The subject of the certificate that signed the file, when it was signed (the signature
 * verified: a file whose signature does not is refused).
 */
signedBy: string | null, 
/**
 * Lowercase hex SHA-256 of that certificate.
 */
certificateSha256: string | null, 
/**
 * For a signed file: whether the certificate was valid when the file says it was written;
 * null when unsigned or when the certificate's dates could not be read.
 */
validAtSigning: boolean | null, 
/**
 * Whether the buyer's copy changed (scores written or removed, declarations recorded).
 */
changed: boolean, 
/**
 * The file's declarations older than the buyer's: reported, ignored.
 */
staleDeclarations: Array<StaleDeclarationDto>, 
/**
 * The member's scores removed by a conflict of interests the file newly declares.
 */
removed: Array<Score>, 
/**
 * The file's scores on an offer whose declared conflict it withdraws.
 */
restored: Array<Score>, 
/**
 * What the buyer should know about the signature, as journaled.
 */
flags: Array<ReturnFlagDto>, view: EvaluationView, };

export type StaleDeclarationDto = { 
/**
 * What the file says.
 */
theirs: Declaration, 
/**
 * The newer declaration the buyer's copy keeps.
 */
held: Declaration, };

export type ReturnFlagDto = { code: string, params: ParamsDto, };

export type ReturnCertificateDto = { evaluator: string, 
/**
 * The certificate's subject (RFC 4514).
 */
subject: string, 
/**
 * Lowercase hex SHA-256 of the certificate.
 */
certificateSha256: string, 
/**
 * RFC 3339: when it was pinned.
 */
pinnedAt: string, };

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
 * Why the signature is not intact or cannot be checked.
 */
problem?: SignatureNoteDto | null, verdict: SignatureVerdictDto, verdictText: BilingualDto, 
/**
 * What changed after this signature (empty unless `modified_after`).
 */
modifications: Array<SignatureNoteDto>, 
/**
 * Remarks that leave the verdict as it is.
 */
remarks: Array<SignatureNoteDto>, 
/**
 * The signed revision is the file's first `signedBytes` bytes.
 */
signedBytes?: number | null, certificate?: CertificateDto | null, 
/**
 * The claimed signing time falls inside the certificate's validity period.
 */
signedWithinValidity?: boolean | null, };

export type SignatureVerdictDto = "unchanged" | "later_signatures_only" | "modified_after" | "modified_within_permissions" | "broken" | "unverifiable";

export type SignatureNoteDto = { 
/**
 * Stable name, e.g. `page_content`, `weak_digest`, `bytes_modified`.
 */
code: string, text: BilingualDto, };

export type BilingualDto = { fr: string, en: string, };

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

export type StoreStatusDto = { 
/**
 * Set while the store could not be opened for work: the screens show it with the ways out.
 */
problem?: StartupProblemDto | null, 
/**
 * Open read-only: evaluations can be read and exported, not changed.
 */
readOnly: boolean, 
/**
 * Where the store set aside (or replaced by a backup) went.
 */
setAside?: string | null, };

export type StartupProblemDto = { kind: StartupKindDto, 
/**
 * The store's file.
 */
path: string, 
/**
 * What SQLite or the store said.
 */
detail: string, };

export type StartupKindDto = "damaged" | "locked" | "read_only" | "too_new" | "other";

export type BackupDto = { 
/**
 * What `restore_backup` takes.
 */
fileName: string, 
/**
 * RFC 3339.
 */
takenAt: string, kind: BackupKindDto, bytes: number, };

export type BackupKindDto = "daily" | "before_migration";

export type ParamsDto = { [key in string]?: string };

export type ProblemDto = { path: string, code: string, params: ParamsDto, };

export type ProblemsDto = { problems: Array<ProblemDto>, omitted: number, };

export type PhraseDto = { code: string, fr: string, en: string, };

export type VocabularyDto = { problems: Array<PhraseDto>, eliminations: Array<PhraseDto>, warnings: Array<PhraseDto>, json_types: Array<PhraseDto>, kinds: Array<PhraseDto>, 
/**
 * Remarks on rounds and exchanges, and the names of their kinds.
 */
rounds: Array<PhraseDto>, 
/**
 * What became of each lot and of each bid in the award across lots.
 */
lot_statuses: Array<PhraseDto>, bid_outcomes: Array<PhraseDto>, 
/**
 * The names of the rules applied over the cap on lots per bidder.
 */
over_cap_rules: Array<PhraseDto>, 
/**
 * What the buyer is told about a committee return file's signature.
 */
return_flags: Array<PhraseDto>, };

/** The closed set of `IpcError.code` values (jauge_api::ErrorCode): branch on these, never on a message. */
export const ERROR_CODES = ["invalid","wrong_password","not_found","conflict","not_ready","storage","report","signing","io","internal"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every kind of round, in their order (jauge_domain::RoundKind::ALL). */
export const ROUND_KINDS: readonly RoundKind[] = ["initial","intermediate","final"];

/** Every kind of request to a bidder (jauge_domain::ExchangeKind::ALL). */
export const EXCHANGE_KINDS: readonly ExchangeKind[] = ["clarification","regularisation","negotiation","abnormally_low"];

/** The `format` of an evaluation file (spec §1). */
export const EVALUATION_FORMAT = "jauge/evaluation@1";

/** An evaluation file, as the shell sends it: exactly what the file writer writes. */
export type EvaluationDocument = { format: typeof EVALUATION_FORMAT } & Evaluation;

/** The `format` of the results document (spec §9). */
export const RESULTS_FORMAT = "jauge/results@1";

/** The results document of spec §9, as `jauge evaluate` writes it. */
export type ResultsDocument = { format: typeof RESULTS_FORMAT } & Results;

/** What the format assumes when a file leaves a key out (jauge_domain's defaults): shown as such, never written for the author. */
export const DEFAULTS: { consolidation: Consolidation, divergence_threshold: number, abnormally_low: AbnormallyLowMethod, percent_below_mean: number, auto_status: Array<CertificationStatus>, currency: string } = {
  "consolidation": "mean",
  "divergence_threshold": 0.3,
  "abnormally_low": {
    "method": "mean_minus_sigma"
  },
  "percent_below_mean": 20.0,
  "auto_status": [
    "qualified",
    "certified"
  ],
  "currency": "EUR"
};

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

/** Every sentence about an evaluation, in French and English (jauge_domain::words). */
export const PHRASES: VocabularyDto = {
  "problems": [
    {
      "code": "malformed_json",
      "fr": "JSON mal formé : {detail}",
      "en": "malformed JSON: {detail}"
    },
    {
      "code": "not_utf8",
      "fr": "pas du texte UTF-8 (octet invalide à la position {offset})",
      "en": "not UTF-8 text (invalid byte at offset {offset})"
    },
    {
      "code": "too_large",
      "fr": "le fichier pèse {size:number} octets ; Jauge n’en lit pas plus de {limit:number} pour ce type de fichier",
      "en": "the file is {size} bytes; Jauge reads at most {limit} bytes of this kind of file"
    },
    {
      "code": "unreadable",
      "fr": "illisible : {detail}",
      "en": "{detail}"
    },
    {
      "code": "expected_type",
      "fr": "{expected:type} attendu, trouvé {found:type}",
      "en": "expected {expected:type}, found {found:type}"
    },
    {
      "code": "expected_boolean",
      "fr": "true ou false attendu, trouvé {found:type}",
      "en": "expected true or false, found {found:type}"
    },
    {
      "code": "unknown_key",
      "fr": "clé inconnue « {key} » (clés permises ici : {allowed})",
      "en": "unknown key \"{key}\" (allowed here: {allowed})"
    },
    {
      "code": "required",
      "fr": "est obligatoire",
      "en": "is required"
    },
    {
      "code": "not_a_date",
      "fr": "« {text} » n’est pas une date de la forme AAAA-MM-JJ",
      "en": "\"{text}\" is not a date of the form YYYY-MM-DD"
    },
    {
      "code": "not_one_of",
      "fr": "« {text} » n’est pas l’une des valeurs {allowed}",
      "en": "\"{text}\" is not one of {allowed}"
    },
    {
      "code": "unsupported_format",
      "fr": "le format « {format} » n’est pas pris en charge ; attendu : « {expected} »",
      "en": "\"{format}\" is not supported; expected \"{expected}\""
    },
    {
      "code": "group_and_leaf",
      "fr": "un nœud a soit « children » (un groupe), soit « kind » (une feuille), pas les deux",
      "en": "a node has either \"children\" (a group) or \"kind\" (a leaf), not both"
    },
    {
      "code": "neither_group_nor_leaf",
      "fr": "un nœud a besoin de « kind » (scored, price ou requirement) ou de « children »",
      "en": "a node needs \"kind\" (scored, price or requirement) or \"children\""
    },
    {
      "code": "only_on_scored",
      "fr": "« {key} » n’est permis que sur une feuille notée",
      "en": "\"{key}\" is only allowed on a scored leaf"
    },
    {
      "code": "only_on_price",
      "fr": "« {key} » n’est permis que sur la feuille prix",
      "en": "\"{key}\" is only allowed on the price leaf"
    },
    {
      "code": "only_on_requirement",
      "fr": "« {key} » n’est permis que sur une exigence",
      "en": "\"{key}\" is only allowed on a requirement leaf"
    },
    {
      "code": "value_and_met",
      "fr": "porte à la fois « value » et « met » ; donnez « value » pour un critère noté ou « met » pour une exigence",
      "en": "has both \"value\" and \"met\"; give \"value\" for a scored criterion or \"met\" for a requirement"
    },
    {
      "code": "no_answer",
      "fr": "il faut « value » (critère noté) ou « met » (exigence)",
      "en": "needs \"value\" (scored criterion) or \"met\" (requirement)"
    },
    {
      "code": "empty",
      "fr": "ne doit pas être vide",
      "en": "must not be empty"
    },
    {
      "code": "invalid_id",
      "fr": "« {id} » n’est pas un identifiant valide (1 à 64 lettres, chiffres, « . », « _ » ou « - »)",
      "en": "\"{id}\" is not a valid id (1 to 64 letters, digits, '.', '_' or '-')"
    },
    {
      "code": "duplicate_id",
      "fr": "« {id} » est déjà utilisé par {first}",
      "en": "\"{id}\" is already used by {first}"
    },
    {
      "code": "invalid_currency",
      "fr": "« {currency} » n’est pas un code ISO 4217 comme EUR",
      "en": "\"{currency}\" is not an ISO 4217 code such as EUR"
    },
    {
      "code": "outside_range",
      "fr": "{value:number} est hors de l’intervalle {range}",
      "en": "{value} is outside {range}"
    },
    {
      "code": "not_finite",
      "fr": "n’est pas un nombre fini",
      "en": "is not a finite number"
    },
    {
      "code": "too_big",
      "fr": "{value} dépasse {limit} en valeur absolue, au-delà de ce que Jauge calcule exactement",
      "en": "{value} is beyond {limit} in magnitude, more than Jauge computes exactly"
    },
    {
      "code": "top_weights_sum",
      "fr": "les pondérations de premier niveau totalisent {sum:number} au lieu de 100",
      "en": "top-level weights sum to {sum} but must sum to 100"
    },
    {
      "code": "group_weights_sum",
      "fr": "les pondérations totalisent {sum:number} mais le groupe « {group} » pèse {weight:number}",
      "en": "weights sum to {sum} but group \"{group}\" weighs {weight}"
    },
    {
      "code": "negative_weight",
      "fr": "{weight:number} est négatif ; les pondérations sont des points sur 100",
      "en": "{weight} is negative; weights are points of the 100"
    },
    {
      "code": "leaf_in_zero_group",
      "fr": "le critère « {criterion} » est {kind:kind}, mais un groupe de poids 0 ne peut contenir que des exigences",
      "en": "criterion \"{criterion}\" is {kind:kind}, but a group of weight 0 may hold only requirements"
    },
    {
      "code": "empty_group",
      "fr": "un groupe a besoin d’au moins un enfant",
      "en": "a group needs at least one child"
    },
    {
      "code": "requirement_weight",
      "fr": "une exigence pèse 0, pas {weight:number}",
      "en": "a requirement weighs 0, not {weight}"
    },
    {
      "code": "scored_weight",
      "fr": "un critère noté doit peser plus de 0",
      "en": "a scored criterion must weigh more than 0"
    },
    {
      "code": "price_weight",
      "fr": "le critère prix doit peser plus de 0",
      "en": "the price criterion must weigh more than 0"
    },
    {
      "code": "not_above_one",
      "fr": "{value:number} doit être supérieur à 1",
      "en": "{value} must be greater than 1"
    },
    {
      "code": "not_positive",
      "fr": "{value:number} doit être supérieur à 0",
      "en": "{value} must be greater than 0"
    },
    {
      "code": "second_price",
      "fr": "un second critère prix ; « {first} » est déjà le prix",
      "en": "a second price criterion; \"{first}\" is already the price"
    },
    {
      "code": "scale_order",
      "fr": "le minimum {min:number} doit être inférieur au maximum {max:number}",
      "en": "min {min} must be below max {max}"
    },
    {
      "code": "threshold_outside_scale",
      "fr": "{value:number} est hors de l’échelle {min:number}..{max:number}",
      "en": "{value} is outside the scale {min}..{max}"
    },
    {
      "code": "outside_scale",
      "fr": "{value:number} est hors de l’échelle {min:number}..{max:number} du critère « {criterion} »",
      "en": "{value} is outside the scale {min}..{max} of criterion \"{criterion}\""
    },
    {
      "code": "off_step",
      "fr": "{value:number} n’est pas sur le pas {step:number} du critère « {criterion} » (valeurs permises : {min:number} + k × {step:number})",
      "en": "{value} is not on the step {step} of criterion \"{criterion}\" (allowed: {min} + k × {step})"
    },
    {
      "code": "invalid_scheme",
      "fr": "« {scheme} » n’est pas un nom de référentiel en minuscules comme secnumcloud",
      "en": "\"{scheme}\" is not a lower-case scheme name such as secnumcloud"
    },
    {
      "code": "no_status",
      "fr": "ne liste aucun statut : aucune certification ne pourrait jamais convenir",
      "en": "lists no status, so no certification could ever match"
    },
    {
      "code": "price_required",
      "fr": "est obligatoire, car les critères comprennent un critère prix",
      "en": "is required because the criteria include a price criterion"
    },
    {
      "code": "validity_order",
      "fr": "{until:date} précède la date de début de validité {from:date}",
      "en": "{until} is before valid_from {from}"
    },
    {
      "code": "advantages_for_awardee",
      "fr": "« {id} » est l’attributaire : sa lettre n’a pas de section sur les avantages de l’offre retenue",
      "en": "\"{id}\" is the awardee: its letter has no advantages section"
    },
    {
      "code": "too_long",
      "fr": "plus de {max} caractères",
      "en": "longer than {max} characters"
    },
    {
      "code": "not_a_workbook",
      "fr": "ce n’est pas un classeur XLSX lisible (Excel 2007 ou plus récent) ; un fichier .xls, .ods ou .csv doit d’abord être enregistré au format .xlsx (détail technique : {detail})",
      "en": "not an XLSX workbook (Excel 2007 or later; an .xls, .ods or .csv file must first be saved as .xlsx): {detail}"
    },
    {
      "code": "workbook_too_expanded",
      "fr": "décompressé, le classeur dépasserait {limit:number} octets ou {entries:number} parties : refusé",
      "en": "the workbook expands to more than {limit} bytes or {entries} parts: refused"
    },
    {
      "code": "sheet_too_many_cells",
      "fr": "la feuille « {sheet} » contient plus de {limit:number} cellules : refusée",
      "en": "the sheet \"{sheet}\" holds more than {limit} cells: refused"
    },
    {
      "code": "sheet_missing",
      "fr": "la feuille « {sheet} » est absente du classeur",
      "en": "the workbook has no sheet \"{sheet}\""
    },
    {
      "code": "not_a_grid",
      "fr": "ce classeur n’est pas une grille de notation éditée par Jauge",
      "en": "this workbook is not a scoring grid made by Jauge"
    },
    {
      "code": "grid_of_other_tender",
      "fr": "la grille est celle de la consultation « {found} », pas de « {expected} »",
      "en": "the grid belongs to tender \"{found}\", not \"{expected}\""
    },
    {
      "code": "grid_of_other_evaluator",
      "fr": "la grille est celle de l’évaluateur « {found} », pas de « {expected} »",
      "en": "the grid belongs to evaluator \"{found}\", not \"{expected}\""
    },
    {
      "code": "stale_grid",
      "fr": "les critères ou les offres ont changé depuis l’édition de cette grille : éditez-en une nouvelle",
      "en": "the criteria or the offers changed since this grid was made: make a new one"
    },
    {
      "code": "grid_unknown_offer",
      "fr": "l’offre « {id} » n’est pas dans la consultation",
      "en": "the tender has no offer \"{id}\""
    },
    {
      "code": "grid_unknown_criterion",
      "fr": "le critère « {id} » n’est pas dans la consultation",
      "en": "the tender has no criterion \"{id}\""
    },
    {
      "code": "grid_not_scorable",
      "fr": "le critère « {id} » ne se note pas (prix, vérification automatique ou groupe)",
      "en": "criterion \"{id}\" is not scored by evaluators (price, automatic check or group)"
    },
    {
      "code": "grid_duplicate",
      "fr": "l’offre « {offer} » est notée deux fois sur le critère « {criterion} »",
      "en": "offer \"{offer}\" is scored twice on criterion \"{criterion}\""
    },
    {
      "code": "grid_off_scale",
      "fr": "{value:number} est hors de l’échelle {min:number}..{max:number}",
      "en": "{value:number} is outside the scale {min:number}..{max:number}"
    },
    {
      "code": "grid_off_step",
      "fr": "{value:number} n’est pas sur un pas de l’échelle ({min:number} puis de {step:number} en {step:number})",
      "en": "{value:number} is not on the scale's steps ({min:number} then every {step:number})"
    },
    {
      "code": "not_a_number",
      "fr": "« {text} » n’est pas un nombre",
      "en": "\"{text}\" is not a number"
    },
    {
      "code": "not_yes_no",
      "fr": "« {text} » : répondez Oui ou Non",
      "en": "\"{text}\": answer Yes or No"
    },
    {
      "code": "justification_without_score",
      "fr": "une justification sans note à sa gauche",
      "en": "a justification with no score on its left"
    },
    {
      "code": "nothing_entered",
      "fr": "aucune note n’est saisie",
      "en": "no score is entered"
    },
    {
      "code": "missing_column",
      "fr": "la colonne « {column} » est absente (colonnes reconnues : {expected})",
      "en": "the column \"{column}\" is missing (columns read: {expected})"
    },
    {
      "code": "required_cell",
      "fr": "cellule vide : « {column} » est obligatoire",
      "en": "empty cell: \"{column}\" is required"
    },
    {
      "code": "duplicate_offer_row",
      "fr": "l’identifiant « {id} » figure déjà ligne {row}",
      "en": "the id \"{id}\" is already on row {row}"
    },
    {
      "code": "negative_price",
      "fr": "le prix {value:number} est négatif",
      "en": "the price {value:number} is negative"
    },
    {
      "code": "cell_too_long",
      "fr": "le texte dépasse {limit} caractères",
      "en": "the text is longer than {limit} characters"
    },
    {
      "code": "ambiguous_number",
      "fr": "« {text} » se lit {thousands:number} ou {decimal:number} : écrivez-le sans séparateur de milliers, ou saisissez-le comme un nombre, pour lever le doute",
      "en": "\"{text}\" reads as {thousands:number} or {decimal:number}: type it without a thousands separator, or enter it as a number, to remove the doubt"
    },
    {
      "code": "too_precise_number",
      "fr": "« {text} » a plus de {digits} chiffres significatifs : un tableur n’en garde que {digits}, la valeur enregistrée différerait de celle affichée",
      "en": "\"{text}\" has more than {digits} significant digits: a spreadsheet keeps {digits}, so the value stored would differ from the one shown"
    },
    {
      "code": "cell_not_finite",
      "fr": "la valeur n’est pas un nombre fini",
      "en": "the value is not a finite number"
    },
    {
      "code": "percent_not_allowed",
      "fr": "« {text} » : un pourcentage n’est pas attendu ici",
      "en": "\"{text}\": a percentage is not expected here"
    },
    {
      "code": "formula_without_value",
      "fr": "formule sans valeur calculée : ouvrez et enregistrez le fichier dans Excel ou LibreOffice",
      "en": "formula without a computed value: open and save the file in Excel or LibreOffice"
    },
    {
      "code": "duplicate_column",
      "fr": "la colonne « {column} » figure deux fois, ici et en {first} : gardez-en une seule",
      "en": "the column \"{column}\" appears twice, here and in {first}: keep only one"
    },
    {
      "code": "cell_out_of_sheet",
      "fr": "la cellule « {cell} » est au-delà des limites d’une feuille (1 048 576 lignes, colonnes A à XFD) : le classeur est refusé",
      "en": "the cell \"{cell}\" lies beyond the limits of a sheet (1,048,576 rows, columns A to XFD): the workbook is refused"
    },
    {
      "code": "workbook_protected",
      "fr": "le classeur est protégé par un mot de passe : enregistrez-en une copie sans mot de passe, puis importez cette copie",
      "en": "the workbook is protected by a password: save a copy without the password, then import that copy"
    },
    {
      "code": "workbook_too_many_strings",
      "fr": "le classeur contient plus de {limit:number} textes ou {bytes:number} octets de texte : refusé",
      "en": "the workbook holds more than {limit:number} texts or {bytes:number} bytes of text: refused"
    },
    {
      "code": "workbook_too_many_names",
      "fr": "le classeur définit plus de {limit:number} noms, feuilles ou styles : refusé",
      "en": "the workbook defines more than {limit:number} names, sheets or styles: refused"
    },
    {
      "code": "workbook_text_too_long",
      "fr": "la partie {part} du classeur contient un texte ou une balise de plus de {limit:number} octets : refusé",
      "en": "the part {part} of the workbook holds a text or a tag longer than {limit:number} bytes: refused"
    },
    {
      "code": "not_a_package",
      "fr": "ce fichier n’est pas un paquet ni un retour d’évaluateur Jauge lisible ({detail})",
      "en": "this file is not a readable Jauge evaluator package or return file ({detail})"
    },
    {
      "code": "not_scored_by_hand",
      "fr": "« {id} » n’est pas un critère noté par un évaluateur (groupe, prix ou exigence vérifiée automatiquement)",
      "en": "\"{id}\" is not a criterion an evaluator scores (a group, the price or an automatically checked requirement)"
    },
    {
      "code": "wrong_tender",
      "fr": "ce fichier concerne la consultation « {found} », pas « {expected} »",
      "en": "this file belongs to tender \"{found}\", not \"{expected}\""
    },
    {
      "code": "wrong_evaluator",
      "fr": "une note de ce fichier est celle de « {found} », alors que le fichier est celui de « {expected} »",
      "en": "a score in this file is by \"{found}\" while the file is \"{expected}\"'s"
    },
    {
      "code": "stale_basis",
      "fr": "les critères, les offres ou les évaluateurs ont changé depuis l’envoi du paquet : envoyez un nouveau paquet à l’évaluateur",
      "en": "the criteria, offers or evaluators changed since the package was sent: send the evaluator a new package"
    },
    {
      "code": "scores_altered",
      "fr": "les notes de ce fichier ne correspondent plus à son empreinte : il a été modifié ou abîmé depuis qu’il a été écrit",
      "en": "the scores in this file no longer match its fingerprint: it was edited or damaged after it was written"
    },
    {
      "code": "unknown_offer",
      "fr": "aucune offre n’a l’identifiant « {id} »",
      "en": "no offer has the id \"{id}\""
    },
    {
      "code": "unknown_criterion",
      "fr": "aucun critère n’a l’identifiant « {id} »",
      "en": "no criterion has the id \"{id}\""
    },
    {
      "code": "unknown_evaluator",
      "fr": "aucun évaluateur n’a l’identifiant « {id} »",
      "en": "no evaluator has the id \"{id}\""
    },
    {
      "code": "group_not_scored",
      "fr": "« {criterion} » est un groupe ; seules les feuilles sont notées",
      "en": "\"{criterion}\" is a group; only leaves are scored"
    },
    {
      "code": "price_not_scored",
      "fr": "« {criterion} » est le critère prix ; ses points viennent du prix de l’offre",
      "en": "\"{criterion}\" is the price criterion; its points come from the offer's price"
    },
    {
      "code": "automatic_not_scored",
      "fr": "« {criterion} » est vérifiée automatiquement sur les certifications ; enregistrez un consensus pour la trancher autrement",
      "en": "\"{criterion}\" is checked automatically from certifications; record a consensus to override it"
    },
    {
      "code": "met_on_scored",
      "fr": "le critère « {criterion} » est noté sur une échelle : donnez « value », pas « met »",
      "en": "criterion \"{criterion}\" is scored on a scale: give a \"value\", not \"met\""
    },
    {
      "code": "value_on_requirement",
      "fr": "le critère « {criterion} » est une exigence : donnez « met » (true ou false), pas « value »",
      "en": "criterion \"{criterion}\" is a requirement: give \"met\" (true or false), not a \"value\""
    },
    {
      "code": "invalid_timestamp",
      "fr": "« {at} » n’est pas un horodatage RFC 3339 comme 2026-10-20T14:30:00Z",
      "en": "\"{at}\" is not an RFC 3339 timestamp such as 2026-10-20T14:30:00Z"
    },
    {
      "code": "duplicate_score",
      "fr": "une seconde note de « {evaluator} » pour l’offre « {offer} » sur « {criterion} » (la première est {first})",
      "en": "a second score by \"{evaluator}\" for offer \"{offer}\" on \"{criterion}\" (the first is {first})"
    },
    {
      "code": "duplicate_consensus",
      "fr": "un second consensus pour l’offre « {offer} » sur « {criterion} » (le premier est {first})",
      "en": "a second consensus for offer \"{offer}\" on \"{criterion}\" (the first is {first})"
    },
    {
      "code": "not_in_workspace",
      "fr": "cet espace est celui de l’évaluateur « {evaluator} » : seules ses notes sur les critères qui lui sont confiés et ses déclarations d’intérêts s’y modifient (refusé : {what})",
      "en": "this workspace is evaluator \"{evaluator}\"'s: only their scores on the criteria assigned to them and their declarations of interests change here (refused: {what})"
    },
    {
      "code": "signature_invalid",
      "fr": "la signature de ce fichier ne le couvre plus : il a été modifié après avoir été signé, ou la signature est abîmée ({detail})",
      "en": "this file's signature no longer covers it: it was changed after it was signed, or the signature is damaged ({detail})"
    },
    {
      "code": "duplicate_declaration",
      "fr": "une seconde déclaration de « {evaluator} » pour l’offre « {offer} » (la première est {first})",
      "en": "a second declaration by \"{evaluator}\" for offer \"{offer}\" (the first is {first})"
    },
    {
      "code": "score_despite_conflict",
      "fr": "« {evaluator} » a déclaré un conflit d’intérêts avec l’offre « {offer} » : il ou elle ne la note pas",
      "en": "\"{evaluator}\" declared a conflict of interest with offer \"{offer}\" and does not score it"
    },
    {
      "code": "duplicate_key",
      "fr": "la clé « {key} » figure deux fois dans le même objet : le fichier est ambigu",
      "en": "the key \"{key}\" appears twice in the same object: the file is ambiguous"
    },
    {
      "code": "package_given_as_return",
      "fr": "ce fichier est un paquet d’évaluateur (envoyé par l’acheteur), pas un retour : importez le fichier de retour que l’évaluateur a écrit",
      "en": "this file is an evaluator package (sent by the buyer), not a return file: import the return file the evaluator wrote"
    },
    {
      "code": "return_given_as_package",
      "fr": "ce fichier est un retour d’évaluateur, pas un paquet : c’est à l’acheteur de l’importer dans son évaluation",
      "en": "this file is an evaluator's return file, not a package: the buyer imports it into their evaluation"
    },
    {
      "code": "declarations_altered",
      "fr": "les déclarations d’intérêts de ce fichier ne correspondent plus à leur empreinte : il a été modifié ou abîmé depuis qu’il a été écrit",
      "en": "the declarations of interests in this file no longer match their fingerprint: it was edited or damaged after it was written"
    },
    {
      "code": "not_assigned",
      "fr": "la note de « {evaluator} » sur l’offre « {offer} », critère « {criterion} », n’a pas été demandée : ce critère ne lui a pas été confié (critères de son paquet : {assigned})",
      "en": "the score by \"{evaluator}\" on offer \"{offer}\", criterion \"{criterion}\", was not asked for: that criterion was not assigned to them (their package's criteria: {assigned})"
    },
    {
      "code": "unsigned_return",
      "fr": "les retours de cette consultation doivent être signés (réglage « retours signés obligatoires ») : ce retour de « {evaluator} » ne l’est pas",
      "en": "this tender's return files must be signed (setting \"signed returns required\"): this return file of \"{evaluator}\" is not"
    },
    {
      "code": "certificate_changed",
      "fr": "ce retour de « {evaluator} » est signé par un autre certificat ({subject}, SHA-256 {found}) que son premier retour signé ({pinned_subject}, SHA-256 {pinned}) : confirmez que ce certificat est bien le sien pour l’importer",
      "en": "this return file of \"{evaluator}\" is signed with another certificate ({subject}, SHA-256 {found}) than their first signed return ({pinned_subject}, SHA-256 {pinned}): confirm that this certificate is theirs to import it"
    },
    {
      "code": "too_many",
      "fr": "{count} éléments, au-delà de la limite de {limit}",
      "en": "{count} items, beyond the limit of {limit}"
    },
    {
      "code": "invalid_siret",
      "fr": "« {siret} » n’est pas un numéro SIRET (14 chiffres)",
      "en": "\"{siret}\" is not a SIRET number (14 digits)"
    },
    {
      "code": "not_a_whole_number",
      "fr": "{value} doit être un nombre entier d’au moins 1",
      "en": "{value} must be a whole number of at least 1"
    },
    {
      "code": "holders_or_min_total",
      "fr": "un accord-cadre donne soit le nombre de ses titulaires (« holders »), soit le total minimal des offres retenues (« min_total »), l’un des deux",
      "en": "a framework agreement gives either its number of holders (\"holders\") or the minimum total of the offers retained (\"min_total\"), one of the two"
    },
    {
      "code": "given_by_consultation",
      "fr": "« {key} » est donné par la consultation, pas par le lot",
      "en": "\"{key}\" is given by the consultation, not by the lot"
    },
    {
      "code": "unknown_bidder",
      "fr": "aucun soumissionnaire n’a l’identifiant « {id} »",
      "en": "no bidder has the id \"{id}\""
    },
    {
      "code": "duplicate_bid",
      "fr": "le soumissionnaire « {bidder} » a déjà une offre sur ce lot ({first})",
      "en": "bidder \"{bidder}\" already has an offer on this lot ({first})"
    },
    {
      "code": "duplicate_lot_number",
      "fr": "le numéro de lot {number} est déjà celui de {first}",
      "en": "lot number {number} is already that of {first}"
    },
    {
      "code": "unknown_lot",
      "fr": "aucun lot n’a l’identifiant « {id} »",
      "en": "no lot has the id \"{id}\""
    },
    {
      "code": "reference_fixed",
      "fr": "la référence d’une consultation enregistrée reste « {reference} » : ses lots y sont classés",
      "en": "the reference of a stored consultation stays \"{reference}\": its lots are filed under it"
    },
    {
      "code": "bidder_has_offers",
      "fr": "« {bidder} » a une offre sur le(s) lot(s) {lots} : retirez d’abord ses offres",
      "en": "\"{bidder}\" has an offer on lot(s) {lots}: remove its offers first"
    },
    {
      "code": "offer_added_from_consultation",
      "fr": "une offre s’ajoute à un lot depuis l’accueil de la consultation, qui en nomme le soumissionnaire",
      "en": "an offer is added to a lot from the consultation's home, which names its bidder"
    },
    {
      "code": "prices_not_sealed",
      "fr": "les prix de cette consultation ne sont pas sous pli : il n’y a rien à ouvrir",
      "en": "this tender's prices are not sealed: there is nothing to open"
    },
    {
      "code": "prices_already_opened",
      "fr": "les prix ont déjà été ouverts le {at}",
      "en": "the prices were already opened at {at}"
    },
    {
      "code": "out_of_calendar",
      "fr": "{today:date} + {days} jours sort du calendrier",
      "en": "{today} + {days} days is out of the calendar"
    },
    {
      "code": "price_with_schedule",
      "fr": "le prix de l’offre se calcule depuis le bordereau des prix : retirez « price »",
      "en": "the offer's price comes from the price schedule: remove \"price\""
    },
    {
      "code": "schedule_without_price",
      "fr": "un bordereau des prix demande un critère prix dans l’arbre des critères",
      "en": "a price schedule needs a price criterion in the criteria tree"
    },
    {
      "code": "line_criterion_required",
      "fr": "les critères comprennent plusieurs critères prix ({criteria}) : indiquez celui auquel la ligne compte",
      "en": "the criteria include several price criteria ({criteria}): name the one this line counts towards"
    },
    {
      "code": "not_a_price_criterion",
      "fr": "« {id} » n’est pas un critère prix",
      "en": "\"{id}\" is not a price criterion"
    },
    {
      "code": "price_criterion_without_lines",
      "fr": "aucune ligne du bordereau ne compte pour le critère prix « {criterion} »",
      "en": "no line of the price schedule counts towards the price criterion \"{criterion}\""
    },
    {
      "code": "unknown_line",
      "fr": "le bordereau des prix n’a pas de ligne « {id} »",
      "en": "the price schedule has no line \"{id}\""
    },
    {
      "code": "duplicate_line_price",
      "fr": "la ligne « {line} » a déjà un prix dans cette offre",
      "en": "line \"{line}\" already has a price in this offer"
    },
    {
      "code": "duplicate_schedule_offer",
      "fr": "les prix de l’offre « {offer} » sont déjà au bordereau",
      "en": "the prices of offer \"{offer}\" are already in the schedule"
    },
    {
      "code": "amount_not_exact",
      "fr": "quantité × prix unitaire de la ligne « {line} » dépasse les 28 chiffres d’un calcul exact",
      "en": "quantity × unit price of line \"{line}\" exceeds the 28 digits of an exact computation"
    },
    {
      "code": "negative_amount",
      "fr": "{value:number} est négatif",
      "en": "{value:number} is negative"
    },
    {
      "code": "correction_without_discrepancy",
      "fr": "l’offre « {offer} » n’a pas d’écart à corriger sur {what}",
      "en": "offer \"{offer}\" has no discrepancy to correct on {what}"
    },
    {
      "code": "zero_price_total",
      "fr": "l’offre « {offer} » totalise 0 sur le critère prix « {criterion} » : un prix doit être supérieur à 0 pour être noté",
      "en": "offer \"{offer}\" totals 0 on the price criterion \"{criterion}\": a price must be greater than 0 to be scored"
    },
    {
      "code": "not_a_price_schedule",
      "fr": "ce classeur n’est pas un bordereau des prix édité par Jauge",
      "en": "this workbook is not a price schedule made by Jauge"
    },
    {
      "code": "duplicate_line_row",
      "fr": "la ligne « {id} » figure déjà à la ligne {row} du classeur",
      "en": "line \"{id}\" is already on row {row} of the workbook"
    },
    {
      "code": "total_without_unit_price",
      "fr": "un montant est indiqué sans prix unitaire : le prix unitaire prévaut, indiquez-le",
      "en": "an amount is given without a unit price: the unit price prevails, give it"
    },
    {
      "code": "quantity_changed",
      "fr": "la quantité de la ligne « {id} » a été modifiée : {written:number} au lieu de la quantité estimée publiée ({published:number}) ; toutes les offres sont comparées sur le même DQE : rétablissez la quantité publiée si le règlement de la consultation autorise cette correction (le prix unitaire restant inchangé), sinon demandez au soumissionnaire de régulariser son offre",
      "en": "the quantity of line \"{id}\" was changed: {written} instead of the published estimated quantity ({published}); every offer is compared on the same DQE: restore the published quantity if the tender rules allow that correction (the unit price unchanged), otherwise ask the bidder to regularise its offer"
    },
    {
      "code": "duplicate_correction",
      "fr": "cette correction est déjà acceptée (offre « {offer} », {what})",
      "en": "this correction is already accepted (offer \"{offer}\", {what})"
    },
    {
      "code": "more_problems",
      "fr": "… et {count:number} autres problèmes",
      "en": "… and {count} more"
    },
    {
      "code": "round_order",
      "fr": "le tour « {round} » est de type « {kind} » à cette place : les offres initiales viennent en premier, les offres finales en dernier",
      "en": "round \"{round}\" is of kind \"{kind}\" at this place: initial offers come first, final offers last"
    },
    {
      "code": "negotiation_not_allowed",
      "fr": "la procédure « {procedure} » interdit toute négociation : l’acheteur peut seulement demander aux soumissionnaires de préciser leur offre (articles R2161-5 et R2161-11 du code de la commande publique)",
      "en": "the \"{procedure}\" procedure forbids any negotiation: the buyer may only ask bidders to clarify their offer (art. R2161-5 and R2161-11 of the French public procurement code)"
    },
    {
      "code": "latest_round_own_data",
      "fr": "le dernier tour « {round} » ne porte ni offres, ni notes, ni décisions propres : ce sont celles de l’évaluation",
      "en": "the latest round \"{round}\" carries no offers, scores or decisions of its own: they are the evaluation's"
    },
    {
      "code": "offer_not_in_round",
      "fr": "l’offre « {offer} » ne participe plus au tour « {round} » : elle a été écartée à un tour précédent",
      "en": "offer \"{offer}\" no longer takes part in round \"{round}\": it was set aside at an earlier round"
    },
    {
      "code": "offer_already_eliminated",
      "fr": "l’offre « {offer} » a déjà été écartée au tour « {round} »",
      "en": "offer \"{offer}\" was already set aside at round \"{round}\""
    },
    {
      "code": "reduction_not_announced",
      "fr": "une offre ne peut être écartée entre deux tours que si les documents de la consultation l’ont annoncé (article R2161-18) : indiquez-le dans « reduction_announced »",
      "en": "an offer may be set aside between rounds only if the consultation documents announced it (art. R2161-18): say so in \"reduction_announced\""
    },
    {
      "code": "elimination_at_final_round",
      "fr": "aucune offre n’est écartée au tour des offres finales « {round} » : ce tour décide de l’attribution",
      "en": "no offer is set aside at the final offers' round \"{round}\": that round decides the award"
    },
    {
      "code": "date_order",
      "fr": "la date du {after:date} précède celle du {before:date}",
      "en": "the date {after:date} comes before {before:date}"
    },
    {
      "code": "unknown_round",
      "fr": "aucun tour n’a l’identifiant « {id} »",
      "en": "no round has the id \"{id}\""
    },
    {
      "code": "invalid_sha256",
      "fr": "« {text} » n’est pas une empreinte SHA-256 (64 chiffres hexadécimaux en minuscules)",
      "en": "\"{text}\" is not a SHA-256 digest (64 lowercase hexadecimal digits)"
    },
    {
      "code": "negotiation_on_final_offers",
      "fr": "les offres finales du tour « {round} » ne se négocient pas (article R2161-17) : seule une demande de précisions est possible",
      "en": "the final offers of round \"{round}\" are not negotiated (art. R2161-17): only a clarification may be asked"
    },
    {
      "code": "regularisation_of_regular_offer",
      "fr": "l’offre « {offer} » n’est pas déclarée irrégulière : seule une offre irrégulière se régularise (article R2152-2) ; une offre régulière mais ambiguë fait l’objet d’une demande de précisions",
      "en": "offer \"{offer}\" is not declared irregular: only an irregular offer is regularised (art. R2152-2); a regular but unclear offer gets a clarification request"
    },
    {
      "code": "regularisation_while_abnormally_low_open",
      "fr": "l’offre « {offer} » ne peut être invitée à régulariser tant que la justification de son prix, demandée le {asked:date} (« {exchange} »), n’est pas reçue : une offre anormalement basse ne se régularise pas (article R2152-2)",
      "en": "offer \"{offer}\" cannot be asked to regularise while the justification of its price asked for on {asked:date} (\"{exchange}\") has not been received: an abnormally low offer is not regularised (art. R2152-2)"
    },
    {
      "code": "regularisation_deadlines_differ",
      "fr": "toutes les demandes de régularisation d’un même tour ont le même délai (égalité de traitement, article R2152-2) ; « {first} » fixe le {deadline:date}",
      "en": "every regularisation request of a round has the same deadline (equal treatment, art. R2152-2); \"{first}\" sets {deadline:date}"
    },
    {
      "code": "citation_without_score",
      "fr": "aucune note de {who} sur le critère « {criterion} » de l’offre « {offer} » au tour « {round} » ne peut s’appuyer sur cet échange",
      "en": "no score by {who} on criterion \"{criterion}\" of offer \"{offer}\" in round \"{round}\" can rely on this exchange"
    },
    {
      "code": "cited_by_exchange",
      "fr": "l’échange « {exchange} » s’appuie sur cette note : elle ne peut être retirée tant qu’il la cite",
      "en": "exchange \"{exchange}\" relies on this score: it cannot be removed while the exchange cites it"
    },
    {
      "code": "round_price_with_schedule",
      "fr": "avec un bordereau de prix, le prix d’un tour précédent ne s’écrit pas ici : seuls les prix du dernier tour sont tenus",
      "en": "with a price schedule, an earlier round's price is not written here: only the latest round's prices are kept"
    }
  ],
  "eliminations": [
    {
      "code": "irregular",
      "fr": "Offre déclarée irrégulière, inacceptable ou inappropriée : {reason}",
      "en": "Offer declared irregular, unacceptable or inappropriate: {reason}"
    },
    {
      "code": "no_valid_certification",
      "fr": "Exigence « {title} » non satisfaite : aucune certification « {scheme} » valide à la date limite du {deadline:date}",
      "en": "Requirement “{title}” not met: no “{scheme}” certification valid on the deadline ({deadline:date})"
    },
    {
      "code": "no_valid_certification_level",
      "fr": "Exigence « {title} » non satisfaite : aucune certification « {scheme} » de niveau {level:number} ou plus valide à la date limite du {deadline:date}",
      "en": "Requirement “{title}” not met: no “{scheme}” certification of level {level:number} or above valid on the deadline ({deadline:date})"
    },
    {
      "code": "not_met_by_committee",
      "fr": "Exigence « {title} » non satisfaite : décision de la commission",
      "en": "Requirement “{title}” not met: decided by the committee"
    },
    {
      "code": "not_met_by_evaluators",
      "fr": "Exigence « {title} » non satisfaite : jugée non satisfaite par les évaluateurs",
      "en": "Requirement “{title}” not met: judged not met by the evaluators"
    },
    {
      "code": "below_threshold",
      "fr": "Note {value:number} sous le seuil éliminatoire {threshold:number} du critère « {title} »",
      "en": "Score {value:number} below the elimination threshold {threshold:number} of criterion “{title}”"
    }
  ],
  "warnings": [
    {
      "code": "no_environmental_criterion",
      "fr": "la consultation est lancée le {launch_date:date} : depuis le 21/08/2026, au moins un critère pondéré doit prendre en compte les caractéristiques environnementales de l’offre (article L2152-7 du code de la commande publique)",
      "en": "the consultation was launched on {launch_date:date}: since 21 Aug 2026, at least one weighted criterion must take the environmental characteristics of the offer into account (art. L2152-7 of the French public procurement code)"
    },
    {
      "code": "unknown_ref",
      "fr": "la référence « {ref} » du critère « {criterion} » ne désigne aucune entrée des référentiels fournis",
      "en": "the reference “{ref}” of criterion “{criterion}” names no entry of the bundled catalogs"
    },
    {
      "code": "undeclared_interest",
      "fr": "{name} a noté sans avoir déclaré ses liens d’intérêts avec ces soumissionnaires : {bidders}",
      "en": "{name} scored without declaring their interests towards these bidders: {bidders}"
    },
    {
      "code": "prices_sealed",
      "fr": "les prix sont encore sous pli : aucun point prix n’est calculé et aucune offre n’est classée avant leur ouverture",
      "en": "the prices are still sealed: no price points are computed and no offer is ranked until they are opened"
    },
    {
      "code": "unit_prices_missing",
      "fr": "l’offre de {bidder} ne chiffre pas toutes les lignes du bordereau ({lines}) : elle est incomplète, une irrégularité sur laquelle l’acheteur décide",
      "en": "{bidder}'s offer does not price every line of the schedule ({lines}): it is incomplete, an irregularity the buyer must decide on"
    },
    {
      "code": "price_discrepancy",
      "fr": "l’offre de {bidder} porte {count} écart(s) de calcul entre ses montants et ses prix unitaires ({where}) : le prix unitaire prévaut, la correction attend d’être acceptée",
      "en": "{bidder}'s offer has {count} arithmetic discrepanc(ies) between its amounts and its unit prices ({where}): the unit price prevails, the correction awaits acceptance"
    }
  ],
  "json_types": [
    {
      "code": "null",
      "fr": "null",
      "en": "null"
    },
    {
      "code": "boolean",
      "fr": "un booléen",
      "en": "a boolean"
    },
    {
      "code": "number",
      "fr": "un nombre",
      "en": "a number"
    },
    {
      "code": "string",
      "fr": "une chaîne",
      "en": "a string"
    },
    {
      "code": "array",
      "fr": "un tableau",
      "en": "an array"
    },
    {
      "code": "object",
      "fr": "un objet",
      "en": "an object"
    }
  ],
  "kinds": [
    {
      "code": "scored",
      "fr": "noté sur une échelle",
      "en": "scored"
    },
    {
      "code": "price",
      "fr": "le critère prix",
      "en": "price"
    },
    {
      "code": "requirement",
      "fr": "une exigence",
      "en": "requirement"
    }
  ],
  "rounds": [
    {
      "code": "few_final_offers",
      "fr": "il ne reste que {count} offre(s) au tour des offres finales « {round} » : une concurrence réelle demande au moins deux offres quand il y en a assez (article R2161-18)",
      "en": "only {count} offer(s) remain in the final offers' round \"{round}\": real competition calls for at least two offers where there are enough (art. R2161-18)"
    },
    {
      "code": "initial_award_not_reserved",
      "fr": "attribuer sur les offres initiales (« {round} ») sans négocier n’est possible que si l’avis de marché s’en est réservé la possibilité (article R2161-17)",
      "en": "awarding on the initial offers (\"{round}\") without negotiating is lawful only if the contract notice reserved it (art. R2161-17)"
    },
    {
      "code": "regularisation_not_offered_to_all",
      "fr": "une régularisation est demandée, mais pas à ces soumissionnaires dont l’offre est aussi irrégulière : {bidders} (égalité de traitement, article R2152-2)",
      "en": "a regularisation was asked for, but not of these bidders whose offers are irregular too: {bidders} (equal treatment, art. R2152-2)"
    },
    {
      "code": "initial",
      "fr": "offres initiales",
      "en": "initial offers"
    },
    {
      "code": "intermediate",
      "fr": "tour intermédiaire",
      "en": "intermediate round"
    },
    {
      "code": "final",
      "fr": "offres finales",
      "en": "final offers"
    },
    {
      "code": "clarification",
      "fr": "demande de précisions",
      "en": "clarification request"
    },
    {
      "code": "regularisation",
      "fr": "demande de régularisation",
      "en": "regularisation request"
    },
    {
      "code": "negotiation",
      "fr": "négociation",
      "en": "negotiation"
    },
    {
      "code": "abnormally_low",
      "fr": "demande de justification d’un prix anormalement bas",
      "en": "request to justify an abnormally low price"
    },
    {
      "code": "committee",
      "fr": "la commission",
      "en": "the committee"
    }
  ],
  "lot_statuses": [
    {
      "code": "awarded",
      "fr": "attribué",
      "en": "awarded"
    },
    {
      "code": "infructueux",
      "fr": "infructueux",
      "en": "unsuccessful (infructueux)"
    },
    {
      "code": "tied",
      "fr": "égalité à départager",
      "en": "tie to break"
    },
    {
      "code": "pending",
      "fr": "classement non définitif",
      "en": "ranking not final"
    },
    {
      "code": "sans_suite",
      "fr": "déclaré sans suite",
      "en": "declared without award"
    }
  ],
  "bid_outcomes": [
    {
      "code": "awarded",
      "fr": "attributaire",
      "en": "awardee"
    },
    {
      "code": "holder",
      "fr": "titulaire de l’accord-cadre",
      "en": "framework holder"
    },
    {
      "code": "skipped_for_cap",
      "fr": "écartée par le plafond de lots",
      "en": "set aside by the cap on lots"
    },
    {
      "code": "not_retained",
      "fr": "non retenue",
      "en": "not retained"
    },
    {
      "code": "tied",
      "fr": "à égalité, à départager",
      "en": "tied, to be decided"
    },
    {
      "code": "eliminated",
      "fr": "éliminée",
      "en": "eliminated"
    },
    {
      "code": "pending",
      "fr": "en attente du classement",
      "en": "awaiting the ranking"
    },
    {
      "code": "sans_suite",
      "fr": "lot déclaré sans suite",
      "en": "lot declared without award"
    },
    {
      "code": "set_aside",
      "fr": "écartée à un tour précédent",
      "en": "set aside at an earlier round"
    }
  ],
  "over_cap_rules": [
    {
      "code": "lot_value",
      "fr": "les lots de plus grande valeur estimée d’abord",
      "en": "lots of greatest estimated value first"
    },
    {
      "code": "lot_order",
      "fr": "les lots dans l’ordre de leurs numéros",
      "en": "lots in the order of their numbers"
    },
    {
      "code": "bidder_preference",
      "fr": "les lots dans l’ordre de préférence du soumissionnaire",
      "en": "lots in the bidder's own order of preference"
    }
  ],
  "return_flags": [
    {
      "code": "unsigned_after_signed",
      "fr": "ce retour n’est pas signé, alors que les retours précédents de « {evaluator} » l’étaient (certificat {pinned_subject}) : vérifiez auprès du membre qu’il en est l’auteur",
      "en": "this return file is not signed, while the earlier returns of \"{evaluator}\" were (certificate {pinned_subject}): check with the member that they wrote it"
    },
    {
      "code": "certificate_pinned",
      "fr": "premier retour signé de « {evaluator} » : son certificat ({subject}, SHA-256 {certificate}) devient la référence de ses prochains retours",
      "en": "first signed return of \"{evaluator}\": their certificate ({subject}, SHA-256 {certificate}) is now the one their next returns are checked against"
    },
    {
      "code": "certificate_change_confirmed",
      "fr": "signé par un autre certificat que le précédent de « {evaluator} » ({pinned_subject}) : accepté sur confirmation de l’acheteur, ce certificat devient la référence",
      "en": "signed with another certificate than the earlier one of \"{evaluator}\" ({pinned_subject}): accepted on the buyer's confirmation, this certificate is now the reference"
    },
    {
      "code": "certificate_not_valid_at_signing",
      "fr": "le certificat n’était pas valide à la date du retour ({at}) : il l’était du {not_before} au {not_after}",
      "en": "the certificate was not valid when the return was written ({at}): it was valid from {not_before} to {not_after}"
    },
    {
      "code": "signer_not_evaluator",
      "fr": "le certificat est au nom de « {signer} », pas de « {name} » ({evaluator})",
      "en": "the certificate is in the name of \"{signer}\", not \"{name}\" ({evaluator})"
    }
  ]
};
