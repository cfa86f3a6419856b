/**
 * How the savings and sensitivity panels write the model's figures (savings.ts, tornado.ts), apart
 * from the panels so tests in Node read the same text without their DOM and styles.
 */
import { fields, type FieldValue } from './engine';
import { money, num, percent } from './format';
import type { FindingChange, Saving, TornadoBar } from './tools';

/** A p95 in ms as text; `null` is a saturated service. */
export function latencyText(ms: number | null): string {
  return ms === null ? 'saturated' : `${num(ms, ms < 10 ? 1 : 0)} ms`;
}

/** Before and after as text: `120 ms → 95 ms`. */
export const beforeAfter = (before: string, after: string) => `${before} → ${after}`;

/** Findings brought or cleared as text: `medium: One region: … low: …` (each message ends its sentence), or `none`. */
export function findingsText(list: readonly FindingChange[]): string {
  return list.length ? list.map((f) => `${f.severity}: ${f.message}`).join(' ') : 'none';
}

/** Labels of the choice fields' options, by path and value (`oneYear` reads "1 year"); read once. */
let choiceLabels: Map<string, string> | undefined;

/** A setting's value as text: a choice by its label, a switch on or off, a list joined. */
function valueText(path: string, value: FieldValue): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === null) return 'cleared';
  choiceLabels ??= new Map(fields().flatMap((f) => f.options.map((o): [string, string] => [`${f.path}=${o.value}`, o.label])));
  return choiceLabels.get(`${path}=${String(value)}`) ?? String(value);
}

/** The figures of a card, by label: what the page shows for `s` (tests compare with these). */
export function figuresOf(s: Saving): [string, string][] {
  const figures: [string, string][] = [
    ['Net saving / month', money(s.monthlySavingCents)],
    ['Cost after / month', money(s.monthlyCostAfterCents)],
    ['p95 at peak', beforeAfter(latencyText(s.latencyP95BeforeMs), latencyText(s.latencyP95AfterMs))],
    ['CPU at peak', beforeAfter(percent(s.cpuAtPeakBeforePct), percent(s.cpuAtPeakAfterPct))],
    ['Findings added', findingsText(s.findingsAdded)],
    ['Findings cleared', findingsText(s.findingsCleared)],
    ['Risk', s.risk ?? 'none noted'],
    ['Changes', s.changes.map((c) => `${c.label}: ${valueText(c.path, c.value)}`).join('; ')],
  ];
  if (s.breaks.length) figures.unshift(['Breaks', s.breaks.join(' ')]);
  return figures;
}

/** An input value with its unit, to as many decimals as it needs (up to 3). */
export function inputText(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 1000 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return unit ? `${num(value, digits)} ${unit}` : num(value, digits);
}

/** The input's range as text: `320 GB/month to 480 GB/month`, with `(clamped)` when an end moved less than 20%. */
export function rangeText(bar: TornadoBar): string {
  return `${inputText(bar.inputLow, bar.unit)} to ${inputText(bar.inputHigh, bar.unit)}${bar.clamped ? ' (clamped)' : ''}`;
}

/** The table's cells for `bar`, in column order (tests compare with these). */
export function barCells(bar: TornadoBar): string[] {
  return [
    bar.label,
    inputText(bar.inputLow, bar.unit),
    inputText(bar.inputTypical, bar.unit),
    inputText(bar.inputHigh, bar.unit),
    bar.clamped ? 'yes' : 'no',
    money(bar.monthlyCostLowCents),
    money(bar.monthlyCostHighCents),
    percent(bar.grossMarginLowPct),
    percent(bar.grossMarginHighPct),
  ];
}
