// Conversions between the shell's wire types (src/ipc/bindings.gen.ts, generated from the Rust
// DTOs) and the evaluation-format shapes the screens use (./model, spec §1–9). Kept in one place
// so a DTO change touches this file only.

import type * as W from '../ipc/bindings.gen';
import type {
  AbnormallyLow,
  AutoCheck,
  CatalogEntry,
  Consensus,
  Criterion,
  ErrorCode,
  Evaluation,
  EvaluationSummary,
  Evaluator,
  JournalEntry,
  JournalVerdict,
  LeafResult,
  Offer,
  OfferResult,
  Opened,
  PriceSimulation,
  Results,
  Score,
  Settings,
  SignatureInfo,
  Tender,
  TemplateInfo,
} from './model';

/** Drops keys whose value is null or undefined (the DTOs' optional fields). */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

// ---- from the shell ----

export function tenderFromWire(t: W.TenderDto): Tender {
  return clean({
    reference: t.reference,
    title: t.title,
    buyer: t.buyer,
    lot: t.lot,
    procedure: t.procedure,
    launch_date: t.launchDate,
    deadline: t.deadline,
    currency: t.currency,
  });
}

export function settingsFromWire(s: W.SettingsDto): Settings {
  return {
    consolidation: s.consolidation ?? 'mean',
    divergence_threshold: s.divergenceThreshold ?? 0.3,
    abnormally_low: (s.abnormallyLow ?? { method: 'mean_minus_sigma' }) as AbnormallyLow,
  };
}

export function criterionFromWire(c: W.CriterionDto): Criterion {
  const node: Criterion = clean({
    id: c.id,
    title: c.title,
    weight: c.weight,
    environmental: c.environmental ?? undefined,
    refs: c.refs ?? undefined,
  });
  const body = c.body;
  switch (body.kind) {
    case 'group':
      node.children = body.children.map(criterionFromWire);
      break;
    case 'scored':
      node.kind = 'scored';
      node.scale = clean({ ...body.scale });
      if (body.levels) node.levels = body.levels;
      if (body.threshold != null) node.threshold = body.threshold;
      break;
    case 'price':
      node.kind = 'price';
      node.formula = body.formula;
      break;
    case 'requirement':
      node.kind = 'requirement';
      if (body.auto) {
        node.auto = clean({ scheme: body.auto.scheme, min_level: body.auto.minLevel, status: body.auto.status }) as AutoCheck;
      }
      break;
  }
  return node;
}

export function offerFromWire(o: W.OfferDto): Offer {
  return clean({
    id: o.id,
    bidder: o.bidder,
    name: o.name,
    price: o.price,
    irregular: o.irregular ? { reason: o.irregular } : undefined,
    certifications: (o.certifications ?? []).map((c) =>
      clean({
        scheme: c.scheme,
        level: c.level,
        status: c.status,
        valid_from: c.validFrom,
        valid_until: c.validUntil,
        reference: c.reference,
      }),
    ),
  });
}

export function evaluationFromWire(e: W.EvaluationDto): Evaluation {
  return {
    format: 'jauge/evaluation@1',
    tender: tenderFromWire(e.tender),
    settings: settingsFromWire(e.settings),
    criteria: e.criteria.map(criterionFromWire),
    evaluators: e.evaluators.map((v) => clean({ ...v })),
    offers: e.offers.map(offerFromWire),
    scores: e.scores.map((s) => clean({ ...s })),
    consensus: e.consensus.map((c) => clean({ ...c }) as Consensus),
  };
}

function offerResultFromWire(o: W.OfferResultDto): OfferResult {
  const criteria: Record<string, LeafResult> = {};
  for (const leaf of o.criteria) {
    criteria[leaf.criterion] =
      leaf.kind === 'requirement'
        ? { met: leaf.met ?? null }
        : { value: leaf.value ?? null, points: leaf.points ?? null };
    if (leaf.source) criteria[leaf.criterion].source = leaf.source;
  }
  return {
    id: o.id,
    status: o.status,
    rank: o.rank ?? null,
    total: o.total ?? null,
    groups: o.groups ? Object.fromEntries(o.groups.map((g) => [g.criterion, g.points])) : null,
    criteria,
    eliminated_because: o.eliminatedBecause.map((e) => ({
      reason: e.reason,
      criterion: e.criterion ?? null,
      detail: e.detail,
      phrase: e.phrase,
      params: e.params,
    })),
    abnormally_low: o.abnormallyLow,
  };
}

export function resultsFromWire(r: W.ResultsDto): Results {
  return {
    complete: r.complete,
    winner: r.winner ?? null,
    offers: r.offers.map(offerResultFromWire),
    missing: r.missing,
    undecided: r.undecided,
    divergences: r.divergences,
    sensitivity: r.sensitivity,
    warnings: r.warnings.map((w) => ({
      code: w.code,
      criterion: w.criterion ?? null,
      message: w.message,
      ref: w.reference ?? undefined,
      params: w.params,
    })),
  };
}

export function viewFromWire(v: W.EvaluationViewDto): Opened {
  return { evaluation: evaluationFromWire(v.evaluation), results: resultsFromWire(v.results) };
}

export function summaryFromWire(s: W.TenderSummaryDto): EvaluationSummary {
  return { ...s, changed_at: s.changedAt ?? null };
}

export function templateFromWire(t: W.TemplateDto): TemplateInfo {
  return {
    name: t.name,
    title_fr: t.titleFr,
    title_en: t.titleEn,
    description_fr: t.descriptionFr,
    description_en: t.descriptionEn,
  };
}

export function catalogEntryFromWire(e: W.CatalogEntryDto): CatalogEntry {
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

export function simulationFromWire(s: W.PriceSimulationDto): PriceSimulation {
  return { formula: s.formula, results: resultsFromWire(s.results) };
}

export function signaturesFromWire(v: W.VerificationDto): SignatureInfo[] {
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

export function journalFromWire(e: W.JournalEntryDto): JournalEntry {
  return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, payload: e.payload, hash: e.hash };
}

export function verdictFromWire(v: W.JournalVerdictDto): JournalVerdict {
  return {
    entries: v.entries,
    head_hash: v.headHash ?? null,
    broken: v.intact ? null : { seq: v.broken?.seq ?? 0, reason: v.broken?.reason ?? 'unknown' },
  };
}

// ---- to the shell ----

export function tenderToWire(t: Tender): W.TenderDto {
  return clean({
    reference: t.reference,
    title: t.title,
    buyer: t.buyer,
    lot: t.lot,
    procedure: t.procedure,
    launchDate: t.launch_date,
    deadline: t.deadline,
    currency: t.currency,
  });
}

export function settingsToWire(s: Settings): W.SettingsDto {
  return {
    consolidation: s.consolidation,
    divergenceThreshold: s.divergence_threshold,
    abnormallyLow: s.abnormally_low as W.AbnormallyLowDto,
  };
}

export function criterionToWire(c: Criterion): W.CriterionDto {
  let body: W.CriterionBodyDto;
  if (c.children) {
    body = { kind: 'group', children: c.children.map(criterionToWire) };
  } else if (c.kind === 'price') {
    body = { kind: 'price', formula: c.formula ?? { name: 'proportional' } };
  } else if (c.kind === 'requirement') {
    body = {
      kind: 'requirement',
      auto: c.auto ? clean({ scheme: c.auto.scheme, minLevel: c.auto.min_level, status: c.auto.status }) : null,
    };
  } else {
    body = clean({
      kind: 'scored' as const,
      scale: c.scale ?? { min: 0, max: 5, step: 1 },
      levels: c.levels,
      threshold: c.threshold,
    });
  }
  return clean({ id: c.id, title: c.title, weight: c.weight, environmental: c.environmental, refs: c.refs, body });
}

export function offerToWire(o: Offer): W.OfferDto {
  return clean({
    id: o.id,
    bidder: o.bidder,
    name: o.name,
    price: o.price,
    irregular: o.irregular?.reason,
    certifications: o.certifications?.map((c) =>
      clean({
        scheme: c.scheme,
        level: c.level,
        status: c.status,
        validFrom: c.valid_from,
        validUntil: c.valid_until,
        reference: c.reference,
      }),
    ),
  });
}

export function scoreToWire(s: Score): W.ScoreDto {
  return clean({ ...s });
}

export function consensusToWire(c: Consensus): W.ConsensusDto {
  return clean({ ...c });
}

export function evaluatorToWire(e: Evaluator): W.EvaluatorDto {
  return clean({ ...e });
}

export const ERROR_CODES: ErrorCode[] = [
  'invalid',
  'wrong_password',
  'not_found',
  'conflict',
  'storage',
  'report',
  'signing',
  'io',
  'internal',
];
