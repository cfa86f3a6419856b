/**
 * How the tests write the figures they expect, on their own rather than with the page's
 * www/src/format.ts, so that no expectation comes from the code under test: money from integer
 * cents by integer arithmetic, percents to one decimal, whole numbers, thousands separated by
 * commas; a dash for "not applicable". Rounding is half away from zero on the number's exact
 * value (`toFixed` on the magnitude), as en-US formatting does.
 */

const DASH = '—';

/** `1234567` → `1,234,567`. */
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `magnitude` to `decimals` places with grouped thousands, signed by `negative` unless it reads as zero. */
function signed(negative: boolean, magnitude: number, decimals: number): string {
  const [whole, fraction] = magnitude.toFixed(decimals).split('.');
  const text = fraction === undefined ? grouped(whole!) : `${grouped(whole!)}.${fraction}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** `$1,234.56` from integer cents; `-$4.32` below zero. */
export function money(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}$${grouped(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`;
}

/** {@link money}, or a dash for `null`. */
export const moneyOrDash = (cents: number | null): string => (cents === null ? DASH : money(cents));

/** A percent with one decimal, `95.5%`; a dash for `null`. */
export const percent = (value: number | null): string => (value === null ? DASH : `${signed(value < 0, Math.abs(value), 1)}%`);

/** A whole number with thousands separators, `1,000`; a dash for `null`. */
export const num = (value: number | null): string => (value === null ? DASH : signed(value < 0, Math.abs(value), 0));
