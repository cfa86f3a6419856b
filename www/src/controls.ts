/**
 * The inputs rail: the scenario's name, the three load knobs (each a slider paired with a number
 * field), the CDN switch and hit ratio, and the committed use discount; then the set-up people
 * change most (regions, load balancer, network tier, instances, concurrency, shape, billing).
 * Kinds, ranges, options and labels come from the model's field table; the knobs are not table
 * rows, so their labels and slider ranges are here, and their number fields take their range
 * from the rows they move.
 */
import { h, type Panel } from './dom';
import type { FieldValue } from './engine';
import { rowOf, type FieldTable } from './fields';
import { bindInputs, errorFor, fieldFor, inputFor, syncInputs } from './inputs';
import type { Session } from './session';

/** A slider and its number field. */
interface Knob {
  /** What it sets. */
  path: string;
  /** Its label, when not the row's. */
  label?: string;
  /** The table row whose range the number field takes. */
  row: string;
  /** The slider's upper end, when not the row's maximum (the slider starts at the row's minimum). */
  sliderMax?: number;
  /** The slider's step. */
  step: number;
}

/** The knobs; sliders cover the usual range, their number fields anything allowed. */
const KNOBS: Knob[] = [
  { path: 'customers', label: 'Customers', row: 'customers[].count', sliderMax: 200, step: 1 },
  { path: 'peakQpsPerCustomer', label: 'Peak QPS per customer', row: 'typicalCustomer.peakQps', sliderMax: 1000, step: 1 },
  { path: 'egressGbPerCustomer', label: 'Egress per customer (GB/month)', row: 'typicalCustomer.egressGbPerMonth', sliderMax: 5000, step: 1 },
];

/** The CDN hit ratio's slider covers its whole range in hundredths. */
const HIT_RATIO: Knob = { path: 'network.cdnHitRatio', row: 'network.cdnHitRatio', step: 0.01 };

/** A slider paired with a number field; both are named by the one visible label. */
function sliderField(table: FieldTable, knob: Knob): HTMLElement {
  const row = rowOf(table, knob.row);
  const { path } = knob;
  const id = `input-${path}`;
  const label = h('label', { htmlFor: id, id: `label-${path}` }, knob.label ?? row.label);
  const max = String(knob.sliderMax ?? row.max);
  const range = h('input', {
    type: 'range',
    attrs: { 'data-path': path, min: String(row.min), max, step: String(knob.step), 'aria-labelledby': label.id, 'aria-describedby': `error-${path}` },
  });
  const number = inputFor(row, path, { id });
  return h('div', { className: 'field' }, label, h('div', { className: 'pair' }, range, number), errorFor(path));
}

/** The set-up fields people change most, shown under the knobs. */
const SETUP = [
  'cloudRun.regions',
  'network.loadBalancer',
  'network.tier',
  'cloudRun.minInstances',
  'cloudRun.maxInstances',
  'cloudRun.maxConcurrency',
  'cloudRun.vcpu',
  'cloudRun.memoryGib',
  'cloudRun.billing',
];

/**
 * Builds the rail's inputs in `root`: every input sets its field (through `send`, which may add
 * what the set-up needs besides, see guardrails.ts). After a change, the inputs of the values it
 * moved show the model's values; a whole scenario rewrites them all.
 */
export function createControls(root: HTMLElement, session: Session, table: FieldTable): Panel {
  const knobs = h(
    'div',
    {},
    fieldFor(rowOf(table, 'name'), 'name'),
    ...KNOBS.map((knob) => sliderField(table, knob)),
    fieldFor(rowOf(table, 'network.cdn'), 'network.cdn'),
    sliderField(table, HIT_RATIO),
    fieldFor(rowOf(table, 'discounts.cud'), 'discounts.cud'),
  );
  const setup = h('fieldset', { className: 'setup' }, h('legend', {}, 'Set-up'), ...SETUP.map((path) => fieldFor(rowOf(table, path), path)));
  root.append(knobs, setup);
  bindInputs(root, session);
  const read = (path: string) => session.get(path);
  // A knob is a mean over the cohorts (42.727… with a prospect of 30 added to ten of 44): shown to 2 decimals.
  const two = (value: FieldValue) => (typeof value === 'number' ? Number(value.toFixed(2)) : value);
  const readKnob = (path: string) => two(read(path));
  return {
    render(_estimate, reset, changed) {
      const knobChanges = changed && new Map([...changed].map(([path, value]) => [path, two(value)] as const));
      syncInputs(knobs, readKnob, reset, knobChanges);
      if (reset || changed) syncInputs(setup, read, reset, changed);
    },
  };
}

/** Paths of the table rows shown here, so Advanced does not show them twice. */
export const HEADLINE_PATHS: ReadonlySet<string> = new Set(['name', 'network.cdn', HIT_RATIO.path, 'discounts.cud', ...SETUP]);
