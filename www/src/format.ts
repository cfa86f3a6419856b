/** How the page writes figures: money from integer cents, percents and plain numbers, en-US. */

/** Shown where the model says "not applicable" (`null`). */
export const DASH = '—';

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'negative',
});
const prices = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 8,
});
const decimals = [0, 1, 2, 3].map(
  (digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, signDisplay: 'negative' }),
);

/** `$1,234.56` from integer cents, exact to the cent (integer arithmetic); `-$4.32` below zero. */
export function money(cents: number): string {
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const dollars = (abs - rest) / 100;
  return `${cents < 0 ? '-' : ''}$${whole.format(dollars)}.${String(rest).padStart(2, '0')}`;
}

/** {@link money}, or a dash for `null`. */
export function moneyOrDash(cents: number | null): string {
  return cents === null ? DASH : money(cents);
}

/** A unit price in USD with as many decimals as it has (up to 8), e.g. `$0.000024`. */
export function unitPrice(usd: number): string {
  return prices.format(usd);
}

/** A percent with one decimal, e.g. `95.5%`; a dash for `null`. */
export function percent(value: number | null): string {
  return value === null ? DASH : `${oneDecimal.format(value)}%`;
}

/** A number with thousands separators and at most `digits` decimals (0 to 3); a dash for `null`. */
export function num(value: number | null, digits: 0 | 1 | 2 | 3 = 0): string {
  return value === null ? DASH : decimals[digits].format(value);
}
