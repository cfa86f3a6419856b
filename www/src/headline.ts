/**
 * The summary strip: the model's strip rows (`outputs().strip`: the money figures, then what the
 * load does to the service: headroom, p95 and CPU at peak, and the worst finding's severity, which
 * opens the findings when clicked), each labelled and written by its row. Each figure is an
 * `<output>` (role "status") named by its visible label through aria-labelledby; tests find one
 * with `getByRole('status', { name: 'Monthly cost' })`. Only the first announces changes (aria-live
 * polite), so dragging a slider does not queue eight announcements per step.
 *
 * Under the monthly cost, the part of it that rests on prices the price book marks unconfirmed
 * (the model's `unconfirmed`), when there is any.
 *
 * With usage ranges, each figure of the totals shows its range below it (the low and high
 * scenarios, each evaluated in full by the model); with a display currency other than USD, the
 * figures the model converts show their converted amount (converted and rounded once by the
 * model), and a line under the figures says the rate and its date (the exports carry the model's
 * whole note).
 */
import { h, setText, type Panel } from './dom';
import { explainable } from './explain/hook';
import { outputs, type Estimate, type Output } from './engine';
import type { Converted, CurrencyFigures } from './generated/Currency';
import type { Totals } from './generated/Estimate';
import { converted, figure, shown, valueAt } from './format';

/**
 * The note under a figure: what its row says it counts, else, by its row's id, the figures of the
 * sizing it rests on, each written by its own row (`sizing`: the sizing's rows by id).
 */
function noteOf(row: Output, e: Estimate, sizing: ReadonlyMap<string, Output>): string {
  if (row.note) return row.note;
  const of = (figureId: string) => shown(sizing.get(figureId)!, e);
  switch (row.id) {
    case 'sizing.headroomRatio':
      return `${of('sizing.headroomQps')}, ${e.sizing.headroomBinds === 'latencyTarget' ? of('sizing.headroomBinds') : of('sizing.capacityBound')} binds`;
    case 'sizing.latencyP95Ms':
      return `at ${of('sizing.originPeakQps')} to Cloud Run`;
    case 'sizing.cpuUtilizationAtPeak':
      return `${of('sizing.instancesAtPeak')} instances a region`;
    default:
      return findingsNote(e);
  }
}

/**
 * The note under the worst finding: how many findings there are and, when none is more than
 * for information (the figure reads "none"), that they are only that.
 */
function findingsNote(e: Estimate): string {
  const n = e.findings.length;
  if (n === 0) return 'no findings';
  const count = n === 1 ? '1 finding' : `${n} findings`;
  const forInformation = e.findings.every((f) => f.severity === 'info');
  return forInformation ? `${count}, for information: see ${n === 1 ? 'it' : 'them'}` : `${count}: see ${n === 1 ? 'it' : 'them'}`;
}

/** The path of a totals figure within a `Totals` (low and high of a range), or null for others. */
const inTotals = (row: Output) => (row.id.startsWith('totals.') ? row.id.slice('totals.'.length) : null);

/** How much of the month rests on prices the price book marks unconfirmed. */
function unconfirmed(e: Estimate): string {
  const [cost, share] = outputs().unconfirmed;
  if (e.unconfirmed.cents <= 0) return '';
  return `${shown(cost!, e)}${e.unconfirmed.pct === null ? '' : ` (${shown(share!, e)})`} on unconfirmed prices`;
}

/** The range of a totals figure over the low and high scenarios, lower first: `range $1.00 to $2.00`. */
function rangeText(row: Output, path: string, low: Totals, high: Totals): string {
  const [a, b] = [valueAt(low, path), valueAt(high, path)];
  const [first, second] = Number(a ?? 0) <= Number(b ?? 0) ? [a, b] : [b, a];
  return `range ${figure(row, first)} to ${figure(row, second)}`;
}

/** A cell of the strip: its label, `<output>` and the lines under it. */
function cell(root: HTMLElement, label: string, i: number, live: boolean) {
  const id = `figure-${i}`;
  const output = h('output', { attrs: { 'aria-labelledby': id, 'aria-live': live ? 'polite' : 'off' } });
  const convertedEl = h('span', { className: 'figure-converted' });
  const range = h('span', { className: 'figure-range' });
  const note = h('span', { className: 'figure-note' });
  const caution = h('span', { className: 'figure-caution' });
  const box = h('div', { className: 'figure' }, h('span', { id, className: 'figure-label' }, label), output, convertedEl, range, note, caution);
  root.append(box);
  return { box, output, converted: convertedEl, range, note, caution };
}

/**
 * Builds the strip in `root` and returns the panel that updates its text; `toFindings` opens the
 * findings (the last figure, the worst finding's severity, is a button that calls it).
 */
export function createHeadline(root: HTMLElement, toFindings: () => void): Panel {
  const rows = outputs().strip;
  const sizing = new Map(outputs().sizing.map((row) => [row.id, row]));
  const cells = rows.map((row, i) => cell(root, row.label, i, i === 0));
  const severity = cells[cells.length - 1]!;
  const button = h('button', { type: 'button', className: 'figure figure-button' });
  button.append(...severity.box.childNodes);
  severity.box.replaceWith(button);
  button.addEventListener('click', toFindings);
  // Every other figure opens its explanation (by its row's id) on click, Enter or Space.
  cells.slice(0, -1).forEach(({ box }, i) => explainable(box, rows[i]!.id));
  const currency = h('p', { className: 'figure-currency hint' });
  root.after(currency);
  return {
    render(estimate) {
      const { range, currency: c } = estimate;
      rows.forEach((row, i) => {
        const { output, converted: convertedEl, range: rangeEl, note, caution } = cells[i]!;
        setText(caution, i === 0 ? unconfirmed(estimate) : '');
        setText(output, shown(row, estimate));
        setText(note, noteOf(row, estimate, sizing));
        const amount = c && row.converted ? (valueAt(estimate, row.converted) as Converted | null) : null;
        setText(convertedEl, amount && c ? converted(amount, (c as CurrencyFigures).decimals) : '');
        const path = inTotals(row);
        setText(rangeEl, range && path ? rangeText(row, path, range.low, range.high) : '');
      });
      button.dataset.severity = estimate.findings[0]?.severity ?? 'none';
      setText(currency, c ? `In ${c.code} at ${c.perUsd} ${c.code} per USD (rate of ${c.rateDate}), converted once from exact US cents.` : '');
    },
  };
}
