// Every message template of the interface against every call site that fills it: a template's
// placeholders are exactly the parameters its call site gives (`t('key', { … })`, `tn('key', n,
// { … })` with `{n}` given by `tn`), so no `{placeholder}` can reach the screen unfilled, and a
// key used by a call site exists in both languages with the same placeholders.

import { describe, expect, it } from 'vitest';
import { messages } from '../src/lib/i18n.svelte';

/** Every source file of the interface, by path, as text (bindings excepted). */
const sources = import.meta.glob(['../src/**/*.svelte', '../src/**/*.ts', '!../src/**/*.gen.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The placeholder names of a UI template (`t` fills `{name}`). */
function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** From `text[open]` (an opening bracket), the index of its closing one; strings skipped. */
function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const quote = c;
      for (i++; i < text.length && text[i] !== quote; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** The top-level pieces of `text` split at commas outside brackets and strings. */
function split(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const quote = c;
      for (i++; i < text.length && text[i] !== quote; i++) if (text[i] === '\\') i++;
    } else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The keys of an object literal `{ a, b: x, 'c': y }`; null when it spreads another object. */
function objectKeys(literal: string): string[] | null {
  const keys: string[] = [];
  for (const entry of split(literal.slice(1, -1))) {
    if (entry.startsWith('...')) return null;
    const key = /^['"]?(\w+)['"]?\s*(?::|$)/.exec(entry);
    if (!key) return null;
    keys.push(key[1]);
  }
  return keys.sort();
}

interface CallSite {
  where: string;
  key: string;
  plural: boolean;
  /** The parameters given; null when they are not an object literal (not checkable here). */
  given: string[] | null;
}

function callSites(): CallSite[] {
  const sites: CallSite[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const m of text.matchAll(/\b(tn?)\(\s*'([\w.-]+)'/g)) {
      const open = m.index! + m[1].length;
      const close = closing(text, open);
      if (close < 0) continue;
      const args = split(text.slice(open + 1, close));
      const plural = m[1] === 'tn';
      const literal = args[plural ? 2 : 1];
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${file}:${line}`;
      let given: string[] | null = [];
      if (literal !== undefined) given = literal.startsWith('{') ? objectKeys(literal) : null;
      if (plural && given) given = [...new Set([...given, 'n'])].sort();
      sites.push({ where, key: m[2], plural, given });
    }
  }
  return sites;
}

describe('the interface’s message templates', () => {
  const fr = messages('fr') as Record<string, string>;
  const en = messages('en') as Record<string, string>;

  it('name the same placeholders in French and in English', () => {
    for (const key of Object.keys(fr)) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('are given exactly their placeholders by every call site that names them', () => {
    const sites = callSites();
    const checked = sites.filter((s) => s.given !== null);
    // Most call sites pass a literal: the few that pass a variable are not checked here.
    expect(checked.length).toBeGreaterThan(500);
    expect(checked.length / sites.length).toBeGreaterThan(0.95);
    const wrong: string[] = [];
    for (const site of checked) {
      const keys = site.plural ? [`${site.key}.one`, `${site.key}.other`] : [site.key];
      for (const key of keys) {
        if (!(key in fr)) {
          wrong.push(`${site.where}: no message ${key}`);
          continue;
        }
        const wanted = placeholders(fr[key]);
        // `tn` always gives `{n}`; a form may leave it out (« une note »).
        const given = site.plural ? site.given!.filter((g) => g !== 'n' || wanted.includes('n')) : site.given!;
        if (JSON.stringify(wanted) !== JSON.stringify(given)) {
          wrong.push(`${site.where}: ${key} names {${wanted.join('}, {')}} but is given ${JSON.stringify(given)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
