// Locale-aware formatting: numbers, money and dates as a French or English reader expects
// (`1 234 567,89 €` / `€1,234,567.89`, `15/10/2026` / `15 Oct 2026`).

import type { Lang } from './i18n.svelte';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function formatMoney(value: number | null | undefined, lang: Lang, currency = 'EUR'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/**
 * A unit price as the bidder wrote it: every decimal it has (0,039 stays 0,039, where money
 * would show 0,04), at least two.
 */
export function formatUnitPrice(value: number | null | undefined, lang: Lang, currency = 'EUR'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 15,
  }).format(value);
}

/**
 * A number for a field the buyer edits: every decimal, no thousands separator (so that what is
 * shown reads back as one number only; the reading itself is Rust's).
 */
export function formatEditableNumber(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return new Intl.NumberFormat(LOCALES[lang], { useGrouping: false, maximumFractionDigits: 15 }).format(value);
}

export function formatNumber(
  value: number | null | undefined,
  lang: Lang,
  maxDigits = 2,
  minDigits = 0,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(LOCALES[lang], {
    minimumFractionDigits: minDigits,
    maximumFractionDigits: maxDigits,
  }).format(value);
}

/** Points as reports show them: two decimals. */
export function formatPoints(value: number | null | undefined, lang: Lang): string {
  return formatNumber(value, lang, 2, 2);
}

export function formatPercent(fraction: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(
    fraction,
  );
}

/** A `YYYY-MM-DD` date: `15/10/2026` in French, `15/10/2026` in British English too. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An RFC 3339 timestamp, in local time. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/**
 * Reads a number typed by the user in either convention: `1 234,5`, `1234.5`, `4`.
 * Returns null for anything that is not a finite number.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f€$]/g, '').replace(',', '.');
  if (cleaned === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** Reads `15/10/2026`, `15.10.2026` or `2026-10-15` into `2026-10-15`; null if not a real date. */
/** Today in the computer's own time zone, as an ISO date (`2026-12-07`): the default date of a
 * notification the buyer is about to send. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (match) {
    [y, m, d] = [+match[1], +match[2], +match[3]];
  } else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
    if (!match) return null;
    [d, m, y] = [+match[1], +match[2], +match[3]];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
