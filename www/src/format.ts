/**
 * How the page writes figures, the one formatter of the page and the XLSX workbook: a figure by
 * its output row from the model (`outputs()`: unit kind, symbol, precision, words, what a missing
 * value reads as), and money from integer cents, percents and plain numbers, en-US. Its cases are
 * tested on their own (tests/e2e/format.spec.ts), against the same cases as the model's formatter.
 */
import type { Converted } from './generated/Currency';
import type { Output } from './generated/Outputs';

export type { Output };

/** Shown where the model says "not applicable" (`null`) and the row has no words for it. */
export const DASH = '—';

const formats = new Map<string, Intl.NumberFormat>();

/** A cached en-US number format with `min` to `max` decimals (`currency`: in that currency). */
function format(min: number, max: number, currency = ''): Intl.NumberFormat {
  const key = `${min}:${max}:${currency}`;
  let f = formats.get(key);
  if (!f) {
    const style = currency ? { style: 'currency' as const, currency } : {};
    f = new Intl.NumberFormat('en-US', { ...style, minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: 'negative' });
    formats.set(key, f);
  }
  return f;
}

/** `$1,234.56` from integer cents, exact to the cent (integer arithmetic); `-$4.32` below zero. */
export function money(cents: number): string {
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const dollars = (abs - rest) / 100;
  return `${cents < 0 ? '-' : ''}$${format(0, 0).format(dollars)}.${String(rest).padStart(2, '0')}`;
}

/** {@link money}, or a dash for `null`. */
export function moneyOrDash(cents: number | null): string {
  return cents === null ? DASH : money(cents);
}

/** An amount in US dollars with at least 2 and at most `digits` decimals, e.g. `$0.000024`. */
export function usd(value: number, digits = 2): string {
  return format(2, Math.max(2, digits), 'USD').format(value);
}

/** A unit price in USD with as many decimals as it has (up to 8), e.g. `$0.000024`. */
export function unitPrice(value: number): string {
  return usd(value, 8);
}

/** A percent with `digits` decimals (one unless said), e.g. `95.5%`; a dash for `null`. */
export function percent(value: number | null, digits = 1): string {
  return value === null ? DASH : `${format(digits, digits).format(value)}%`;
}

/** A number with thousands separators and at most `digits` decimals; a dash for `null`. */
export function num(value: number | null, digits = 0): string {
  return value === null ? DASH : format(0, digits).format(value);
}

/** An amount in a currency's minor units (`decimals` places), e.g. `€1,135.80` or `¥193,048`. */
export function converted({ minorUnits, code }: Converted, decimals: number): string {
  return format(decimals, decimals, code).format(minorUnits / 10 ** decimals);
}

/** The value at `path` (`sizing.peakQps`, `findings[0].severity`) of `item`; `undefined` where there is none. */
export function valueAt(item: unknown, path: string): unknown {
  let at: unknown = item;
  for (const key of path.split(/[.[\]]+/).filter(Boolean)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A text figure's words: the row's words for its tag, else the text itself. */
export function words(row: Output, tag: string): string {
  return row.words.find(([t]) => t === tag)?.[1] ?? tag;
}

/**
 * A figure written by its row: `$1,234.50`, `95.5%`, `1.85×`, `12.5 QPS`, `1,234`, words; for a
 * value that does not apply (`null`, or missing) the row's words for that (`saturated`) or a dash.
 */
export function figure(row: Output, value: unknown): string {
  if (value === null || value === undefined) return row.absent || DASH;
  if (typeof value === 'string') return words(row, value);
  if (Array.isArray(value)) return value.map((v) => words(row, String(v))).join(' ');
  const x = Number(value);
  const p = row.precision;
  switch (row.unit) {
    case 'cents':
      return money(Math.round(x));
    case 'usd':
      return usd(x, p);
    case 'percent':
      return percent(x, p);
    case 'fraction':
      return percent(x * 100, p);
    case 'ratio':
      return `${format(p, p).format(x)}×`;
    default:
      return row.symbol ? `${num(x, p)} ${row.symbol}` : num(x, p);
  }
}

/** The figure of `row` read from `item` by its id, written by the row. */
export function shown(row: Output, item: unknown): string {
  return figure(row, valueAt(item, row.id));
}

/** The unit of a bare number of the row's figure, as the model's exports head it: `USD`, `%`, `×`, or its symbol. */
export function unitText(row: Output): string {
  switch (row.unit) {
    case 'cents':
    case 'usd':
      return 'USD';
    case 'percent':
    case 'fraction':
      return '%';
    case 'ratio':
      return '×';
    default:
      return row.symbol;
  }
}
