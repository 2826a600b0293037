// What a journal entry says, in the words of the buyer: offers, criteria and evaluators by their
// names in the evaluation as it stands (an id only when the thing has since been removed),
// values formatted for the locale, the committee's rationale quoted. The payload is the change in
// the spellings of the evaluation format (crates/store/src/change.rs, `Change::payload`): a set
// score is the score object as `scores` holds it, an import the whole evaluation, and so on.

import type { Criterion, Evaluation } from '../../ipc/bindings.gen';
import type { JournalEntry } from '../../lib/model';
import type { Lang } from '../../lib/i18n.svelte';
import { formatMoney, formatNumber } from '../../lib/format';
import { leaves, rows } from '../../lib/tree';

type Json = Record<string, unknown>;

const words = {
  fr: {
    colon: '\u00a0:',
    met: 'satisfait',
    notMet: 'non satisfait',
    cleared: 'note effacée',
    offers: (n: number) => `${n} offre${n > 1 ? 's' : ''}`,
    criteria: (n: number) => `${n} critère${n > 1 ? 's' : ''}`,
    scores: (n: number) => `${n} note${n > 1 ? 's' : ''}`,
    evaluators: (n: number) => `${n} évaluateur${n > 1 ? 's' : ''}`,
    quote: (text: string) => `«\u00a0${text}\u00a0»`,
    price: 'prix',
    irregular: 'irrégulière',
  },
  en: {
    colon: ':',
    met: 'met',
    notMet: 'not met',
    cleared: 'score cleared',
    offers: (n: number) => `${n} offer${n > 1 ? 's' : ''}`,
    criteria: (n: number) => `${n} criteri${n > 1 ? 'a' : 'on'}`,
    scores: (n: number) => `${n} score${n > 1 ? 's' : ''}`,
    evaluators: (n: number) => `${n} evaluator${n > 1 ? 's' : ''}`,
    quote: (text: string) => `“${text}”`,
    price: 'price',
    irregular: 'irregular',
  },
} as const;

const QUOTE_LENGTH = 140;

function shorten(text: string, length = QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1).trimEnd()}…` : flat;
}

function asObject(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** Names of the evaluation's offers, criteria and evaluators, by id. */
export interface Names {
  offer(id: unknown): string;
  criterion(id: unknown): string;
  evaluator(id: unknown): string;
}

export function namesOf(evaluation: Evaluation | null | undefined): Names {
  const offers = new Map<string, string>();
  const criteria = new Map<string, string>();
  const evaluators = new Map<string, string>();
  for (const offer of evaluation?.offers ?? []) offers.set(offer.id, offer.bidder);
  for (const { node } of rows(evaluation?.criteria ?? [])) criteria.set(node.id, node.title);
  for (const evaluator of evaluation?.evaluators ?? []) evaluators.set(evaluator.id, evaluator.name);
  const lookup = (map: Map<string, string>) => (id: unknown) => {
    const key = String(id ?? '');
    return map.get(key) ?? key;
  };
  return { offer: lookup(offers), criterion: lookup(criteria), evaluator: lookup(evaluators) };
}

function verdict(part: Json, lang: Lang): string {
  if (typeof part.met === 'boolean') return part.met ? words[lang].met : words[lang].notMet;
  if (typeof part.value === 'number') return formatNumber(part.value, lang);
  return '—';
}

function countLeaves(criteria: unknown): number {
  if (!Array.isArray(criteria)) return 0;
  return leaves(criteria as Criterion[]).length;
}

/**
 * One line describing the change an entry records. Unknown actions and unreadable payloads give
 * the start of the raw payload, so nothing recorded is hidden.
 */
export function describeEntry(entry: JournalEntry, names: Names, lang: Lang): string {
  const w = words[lang];
  let payload: Json | null;
  try {
    payload = asObject(JSON.parse(entry.payload));
  } catch {
    payload = null;
  }
  const raw = () => shorten(entry.payload, 80);
  if (!payload) return raw();
  const cell = (part: Json) => `${names.offer(part.offer)} — ${names.criterion(part.criterion)}`;
  // A score or a committee decision: the cell, the verdict, who (for a score), the written why.
  const judged = (part: Json, who: string | null) => {
    const why = text(part.justification);
    return [`${cell(part)}${w.colon} ${verdict(part, lang)}`, who, why ? w.quote(shorten(why)) : null]
      .filter(Boolean)
      .join(' ');
  };

  switch (entry.action) {
    case 'score.set':
      return judged(payload, `(${names.evaluator(payload.evaluator)})`);
    case 'score.remove':
      return `${cell(payload)}${w.colon} ${w.cleared} (${names.evaluator(payload.evaluator)})`;
    case 'consensus.set':
      return judged(payload, null);
    case 'consensus.remove':
      return cell(payload);
    case 'offer.upsert': {
      const name = text(payload.bidder) ?? String(payload.id ?? '');
      const details = [
        typeof payload.price === 'number' ? `${w.price} ${formatMoney(payload.price, lang)}` : null,
        asObject(payload.irregular) ? w.irregular : null,
      ].filter(Boolean);
      return details.length ? `${name} (${details.join(', ')})` : name;
    }
    case 'offer.remove':
      return names.offer(payload.offer);
    case 'evaluator.upsert': {
      const name = text(payload.name) ?? String(payload.id ?? '');
      const role = text(payload.role);
      return role ? `${name} — ${role}` : name;
    }
    case 'evaluator.remove':
      return names.evaluator(payload.evaluator);
    case 'tender.update':
      return [text(payload.reference), text(payload.title)].filter(Boolean).join(' — ') || raw();
    case 'settings.update':
      return '—';
    case 'criteria.replace':
      return w.criteria(countLeaves(payload.criteria));
    case 'evaluation.import':
    case 'evaluation.replace': {
      const tender = asObject(payload.tender);
      const count = (key: string) => (Array.isArray(payload[key]) ? (payload[key] as unknown[]).length : 0);
      const parts = [
        w.offers(count('offers')),
        w.criteria(countLeaves(payload.criteria)),
        w.evaluators(count('evaluators')),
        w.scores(count('scores')),
      ];
      const reference = tender ? text(tender.reference) : null;
      return reference ? `${reference}${w.colon} ${parts.join(', ')}` : parts.join(', ');
    }
    default:
      return raw();
  }
}
