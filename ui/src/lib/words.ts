// Sentences about an evaluation (validation problems, reasons for elimination, warnings) in the
// interface's language, from the one vocabulary of the Rust domain (jauge_domain::words),
// exported into the bindings as PHRASES. This file only fills templates: it holds no sentence
// and no rule of its own.
//
// Placeholders: `{name}` is copied; `{name:number}` is a number in neutral form (`12.5`) set in
// the language's typography; `{name:date}` an ISO date; `{name:type}` a JSON type and
// `{name:kind}` a kind of criterion, both named from the vocabulary.

import { PHRASES, type PhraseDto } from '../ipc/bindings.gen';
import { formatDate, formatNumber } from './format';
import type { Lang } from './i18n.svelte';

export type Params = Partial<Record<string, string>>;

function phrase(list: readonly PhraseDto[], code: string): PhraseDto | undefined {
  return list.find((p) => p.code === code);
}

function localize(value: string, kind: string, lang: Lang): string {
  switch (kind) {
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? formatNumber(n, lang, 9) : value;
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, lang) : value;
    case 'type':
      return phrase(PHRASES.json_types, value)?.[lang] ?? value;
    case 'kind':
      return phrase(PHRASES.kinds, value)?.[lang] ?? value;
    default:
      return value;
  }
}

/** Fills `template` with `params`; a placeholder without a value stays as written. */
export function fill(template: string, params: Params, lang: Lang): string {
  return template.replace(/\{([a-z_]+)(?::([a-z]+))?\}/g, (whole, name: string, kind?: string) => {
    const value = params[name];
    return value === undefined ? whole : localize(value, kind ?? '', lang);
  });
}

function render(list: readonly PhraseDto[], code: string, params: Params, lang: Lang): string {
  const found = phrase(list, code);
  return found ? fill(found[lang], params, lang) : code;
}

/** A validation problem's sentence (without its path). */
export function problemText(problem: { code: string; params: Params }, lang: Lang): string {
  return render(PHRASES.problems, problem.code, problem.params, lang);
}

/** Why an offer was eliminated. */
export function eliminationText(elimination: { phrase: string; params: Params }, lang: Lang): string {
  return render(PHRASES.eliminations, elimination.phrase, elimination.params, lang);
}

/** A warning of the results. */
export function warningText(warning: { code: string; params: Params }, lang: Lang): string {
  return render(PHRASES.warnings, warning.code, warning.params, lang);
}

/** « … and N more », when a validation left problems out. */
export function omittedText(omitted: number, lang: Lang): string {
  return render(PHRASES.problems, 'more_problems', { count: String(omitted) }, lang);
}

/** What became of a lot in the award across lots (`awarded`, `infructueux`, `tied`…). */
export function lotStatusText(status: string, lang: Lang): string {
  return render(PHRASES.lot_statuses, status, {}, lang);
}

/** The name of a rule that picks the lots a bidder over the cap keeps (`lot_value`…). */
export function overCapRuleText(rule: string, lang: Lang): string {
  return render(PHRASES.over_cap_rules, rule, {}, lang);
}

/** What became of one bid on a lot (`holder`, `skipped_for_cap`, `set_aside`…). */
export function bidOutcomeText(outcome: string, lang: Lang): string {
  return render(PHRASES.bid_outcomes, outcome, {}, lang);
}

/** A remark on rounds and exchanges, or the name of a round's or a request's kind
 * (`initial`, `final`, `clarification`…), from the domain's vocabulary of rounds. */
export function roundText(code: string, params: Params, lang: Lang): string {
  return render(PHRASES.rounds, code, params, lang);
}

/** What the buyer is told about a committee return file's signature, from the code the API
 * journaled (`certificate_pinned`, `signer_not_evaluator`…). */
export function returnFlagText(flag: { code: string; params: Params }, lang: Lang): string {
  return render(PHRASES.return_flags, flag.code, flag.params, lang);
}
