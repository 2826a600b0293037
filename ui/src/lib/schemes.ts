// Certification schemes as readers know them ("SecNumCloud", "Gaia-X — Label niveau 3"), from
// the table the report uses too (jauge_domain::scheme, written into the bindings). Files keep
// the spec's lower-case names; any other name is shown as written.

import { SCHEMES } from '../ipc/bindings.gen';
import { formatNumber } from './format';
import type { Lang } from './i18n.svelte';

export const SCHEME_NAMES: readonly string[] = SCHEMES.map((s) => s.name);

export function schemeLabel(name: string): string {
  return SCHEMES.find((s) => s.name === name)?.label ?? name;
}

/** What a level means for its scheme, or the number when the scheme gives it no name. */
export function levelLabel(scheme: string, level: number, lang: Lang): string {
  const meaning = SCHEMES.find((s) => s.name === scheme)?.levels.find((l) => l.level === level);
  return meaning ? meaning[lang] : formatNumber(level, lang);
}
