/**
 * The inputs. Every input that edits the scenario carries `data-path`, its `Planner.set` path.
 * One `input` and one `change` listener on the root send a value once per change; a refused
 * value marks its input (aria-invalid, the model's message in the element its aria-describedby
 * names) and the last good figures stay. After an accepted value every other input is brought
 * in line with the scenario the model now holds (a slider's number field, cohort counts, ...).
 */
import { fit, h, setText } from './dom';
import type { FieldValue, Knobs, ListChange, PriceBook, PriceEntry, Scenario } from './engine';
import { num, unitPrice } from './format';

/** What the controls drive: the planner behind the page. `set` and `load` also render. */
export interface Model {
  /** Sets one value; throws the model's `Error` when it is refused. */
  set(path: string, value: FieldValue): void;
  /** Adds or removes a cohort or fixed line; throws the model's `Error` when it is refused. */
  edit(change: ListChange): void;
  /** Loads the preset `id`. */
  load(id: string): void;
  scenario(): Scenario;
  knobs(): Knobs;
}

type Choices = Record<string, string>;
type Spec =
  | { kind: 'slider'; path: string; label: string; max: number; step: number }
  | { kind: 'number' | 'text' | 'check'; path: string; label: string }
  | { kind: 'select'; path: string; label: string; options: Choices };

const slider = (path: string, label: string, max: number, step: number): Spec => ({ kind: 'slider', path, label, max, step });
const number = (path: string, label: string): Spec => ({ kind: 'number', path, label });
const check = (path: string, label: string): Spec => ({ kind: 'check', path, label });
const select = (path: string, label: string, options: Choices): Spec => ({ kind: 'select', path, label, options });

/** The headline controls; sliders cover the usual range, their number fields anything allowed. */
const MAIN: Spec[] = [
  slider('customers', 'Customers', 200, 1),
  slider('peakQpsPerCustomer', 'Peak QPS per customer', 1000, 1),
  slider('egressGbPerCustomer', 'Egress per customer (GB/month)', 5000, 1),
  check('network.cdn', 'CDN'),
  slider('network.cdnHitRatio', 'CDN hit ratio', 1, 0.01),
  select('discounts.cud', 'Committed use discount', { none: 'None', oneYear: '1 year', threeYear: '3 years' }),
];

/** The rest of the scenario, by group, inside "Advanced". */
const ADVANCED: [legend: string, specs: Spec[]][] = [
  [
    'Cloud Run',
    [
      number('cloudRun.vcpu', 'vCPU per instance'),
      number('cloudRun.memoryGib', 'Memory per instance (GiB)'),
      number('cloudRun.minInstances', 'Min instances per region'),
      number('cloudRun.maxInstances', 'Max instances per region'),
      number('cloudRun.maxConcurrency', 'Concurrent requests per instance'),
      number('cloudRun.targetUtilization', 'Target utilisation (0.1 to 1)'),
      number('cloudRun.serviceTimeP50Ms', 'Service time, median at low load (ms)'),
      number('cloudRun.serviceTimeP95Ms', 'Service time, p95 at low load (ms)'),
      select('cloudRun.billing', 'Billing', { request: 'Request-based', instance: 'Instance-based' }),
      number('cloudRun.coldStartS', 'Cold start (s)'),
      number('cloudRun.latencyTargetP95Ms', 'p95 latency target (ms)'),
      { kind: 'text', path: 'cloudRun.regions', label: 'Regions (comma-separated)' },
    ],
  ],
  [
    'Firestore',
    [
      select('firestore.location', 'Location', { regional: 'Regional', multiRegion: 'Multi-region' }),
      number('firestore.compositeIndexes', 'Composite indexes'),
      check('firestore.pitr', 'Point-in-time recovery'),
      number('firestore.backupRetentionDays', 'Daily backups kept (days)'),
    ],
  ],
  [
    'Network',
    [
      select('network.tier', 'Network tier', { premium: 'Premium', standard: 'Standard' }),
      select('network.loadBalancer', 'Load balancer', { regional: 'Regional', global: 'Global' }),
      number('network.forwardingRules', 'Forwarding rules'),
      number('network.requestKib', 'Mean request size (KiB)'),
    ],
  ],
  [
    'Memorystore for Redis',
    [
      check('redis.enabled', 'Redis cache'),
      select('redis.tier', 'Redis tier', { basic: 'Basic', standard: 'Standard' }),
      number('redis.sizeGb', 'Redis size (GB)'),
      number('redis.readAbsorption', 'Share of reads Redis answers (0 to 1)'),
    ],
  ],
  [
    'Operations',
    [
      number('operations.logBytesPerRequest', 'Log bytes per request'),
      number('operations.metricsMibPerMonth', 'Metrics ingested (MiB/month)'),
      check('operations.freeTiers', 'Apply free tiers'),
    ],
  ],
  [
    'Discounts and allocation',
    [
      number('discounts.cudCoverage', 'Commitment, share of steady spend (0 to 2)'),
      number('discounts.negotiatedPct', 'Negotiated discount (%)'),
      select('allocation', 'Shared cost allocated', { equal: 'Equally per customer', byUsage: 'By usage', byAcv: 'By ACV' }),
    ],
  ],
];

/** A cohort's profile fields, as cohort table columns. */
const PROFILE: Choices = {
  acvUsd: 'ACV (USD)',
  peakQps: 'Peak QPS',
  avgQps: 'Mean QPS',
  peakHoursPerDay: 'Peak hours per day',
  firestoreReadsPerDay: 'Reads per day',
  firestoreWritesPerDay: 'Writes per day',
  firestoreDeletesPerDay: 'Deletes per day',
  storedGb: 'Stored GB',
  egressGbPerMonth: 'Egress GB per month',
};

const errorId = (path: string) => `error-${path}`;

/** An input for `path`, described by the element that explains a refused value. */
function input(type: 'number' | 'text' | 'checkbox' | 'range', path: string, attrs: Record<string, string> = {}): HTMLInputElement {
  const extra = type === 'number' ? { step: 'any' } : {};
  return h('input', { type, attrs: { 'data-path': path, 'aria-describedby': errorId(path), ...extra, ...attrs } });
}

/** The (empty until refused) message for `path`. */
const errorFor = (path: string) => h('p', { id: errorId(path), className: 'error', attrs: { 'aria-live': 'polite' } });

function options(choices: Choices): HTMLOptionElement[] {
  return Object.entries(choices).map(([value, text]) => h('option', { value }, text));
}

/** A labelled field for `spec`; a slider's number field shares its label (and accessible name). */
function field(spec: Spec): HTMLElement {
  const { path } = spec;
  const id = `input-${path}`;
  const label = h('label', { htmlFor: id, id: `label-${path}` }, spec.label);
  const error = errorFor(path);
  switch (spec.kind) {
    case 'slider': {
      const range = input('range', path, { min: '0', max: String(spec.max), step: String(spec.step), 'aria-labelledby': label.id });
      return h('div', { className: 'field' }, label, h('div', { className: 'pair' }, range, input('number', path, { id })), error);
    }
    case 'check':
      return h('div', { className: 'field check' }, input('checkbox', path, { id }), label, error);
    case 'select': {
      const choice = h('select', { id, attrs: { 'data-path': path, 'aria-describedby': errorId(path) } }, ...options(spec.options));
      return h('div', { className: 'field' }, label, choice, error);
    }
    default:
      return h('div', { className: 'field' }, label, input(spec.kind, path, { id }), error);
  }
}

/** A table cell editing `path`, named `name` (tables have no visible label per input). */
function cell(type: 'number' | 'text', path: string, name: string, attrs: Record<string, string> = {}): HTMLTableCellElement {
  return h('td', {}, input(type, path, { 'aria-label': name, ...attrs }), errorFor(path));
}

/** An editing table in its own scrolling container. */
function editTable(caption: string, heads: string[], body: HTMLTableSectionElement, ...rest: HTMLElement[]): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...heads.map((text) => h('th', { scope: 'col' }, text))));
  return h(
    'div',
    { className: 'scroll', tabIndex: 0, attrs: { role: 'region', 'aria-label': caption } },
    h('table', { className: 'edit' }, h('caption', {}, caption), head, body, ...rest),
  );
}

/** A button that sends `change` to the model when pressed (see the click listener below). */
const button = (text: string, name: string, change: ListChange) =>
  h('button', { type: 'button', attrs: { 'aria-label': name, 'data-change': JSON.stringify(change) } }, text);

const cohortRow = (i: number) => {
  const what = `cohort ${i + 1}`;
  return h(
    'tr',
    {},
    cell('text', `customers[${i}].name`, `Name, ${what}`),
    cell('number', `customers[${i}].count`, `Count, ${what}`),
    ...Object.entries(PROFILE).map(([key, head]) => cell('number', `customers[${i}].profile.${key}`, `${head}, ${what}`)),
    h('td', {}, button('Remove', `Remove ${what}`, { kind: 'removeCohort', index: i })),
  );
};

const fixedLineRow = (i: number) =>
  h(
    'tr',
    {},
    cell('text', `operations.fixedLines[${i}].label`, `Label, fixed line ${i + 1}`),
    cell('number', `operations.fixedLines[${i}].monthlyUsd`, `USD per month, fixed line ${i + 1}`),
    h('td', {}, button('Remove', `Remove fixed line ${i + 1}`, { kind: 'removeFixedLine', index: i })),
  );

/** A book value: a price in dollars; an allowance, tier bound or discount as a plain number. */
const bookValue = (entry: PriceEntry) => (entry.unit.startsWith('USD') ? unitPrice(entry.value) : num(entry.value, 3));

const priceRow = (entry: PriceEntry) =>
  h(
    'tr',
    {},
    h('td', {}, entry.label, entry.note ? h('small', {}, entry.note) : ''),
    h('td', {}, entry.unit),
    h('td', { className: 'num' }, bookValue(entry)),
    h('td', {}, entry.confirmed ? 'Yes' : 'No'),
    h('td', { className: 'source' }, `${entry.source} (seen ${entry.seen})`),
    cell('number', `priceOverrides.${entry.id}`, `Override, ${entry.label}`, { 'data-clear': '' }),
  );

/** The value at `path` (`a.b[2].c`) of the scenario, or of the knobs for a headline knob. */
function valueAt(scenario: Scenario, knobs: Knobs, path: string): unknown {
  if (path in knobs) return knobs[path as keyof Knobs];
  const keys = path.split(/[.[\]]+/).filter(Boolean);
  return keys.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], scenario);
}

/** How an input shows a model value: numbers without float noise, lists comma-separated. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(10)));
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

type Input = HTMLInputElement | HTMLSelectElement;

/** A number field that is empty or unreadable, where that does not mean "clear the override". */
const unreadable = (el: HTMLInputElement) => el.value === '' && (el.validity.badInput || !el.hasAttribute('data-clear'));

/** What an event on `el` sends: a value, `null` (clear a price override), or nothing. */
function valueOf(el: Input, event: Event): FieldValue | undefined {
  const onInput = event.type === 'input';
  if (el instanceof HTMLSelectElement) return onInput ? undefined : el.value;
  switch (el.type) {
    case 'range':
      return onInput ? el.valueAsNumber : undefined;
    case 'number':
      if (!onInput || unreadable(el)) return undefined;
      return el.value === '' ? null : el.valueAsNumber;
    case 'checkbox':
      return onInput ? undefined : el.checked;
    default:
      return onInput ? undefined : el.value;
  }
}

/**
 * Builds the scenario picker and the headline controls in `top` and the rest of the scenario
 * in the `<details>` `advanced`, wired to `model`. `presets` are `[id, name]`.
 */
export function createControls(
  top: HTMLElement,
  advanced: HTMLDetailsElement,
  presets: [string, string][],
  books: PriceBook[],
  model: Model,
): void {
  const picker = h('select', { id: 'scenario' }, ...presets.map(([value, name]) => h('option', { value }, name)));
  const cohorts = h('tbody');
  const fixedLines = h('tbody');
  const fixedTable = editTable('Fixed monthly lines', ['Label', 'USD per month', ''], fixedLines);
  const listError = h('p', { className: 'error', attrs: { 'aria-live': 'polite' } });
  const prices = h('tbody');
  const bookNotes = h('p', { className: 'hint' });
  const typical = h(
    'tr',
    {},
    h('th', { scope: 'row' }, 'Template for new customers'),
    h('td', {}, '—'),
    ...Object.entries(PROFILE).map(([key, head]) => cell('number', `typicalCustomer.${key}`, `${head}, new-customer template`)),
    h('td', {}),
  );
  top.append(h('div', { className: 'field' }, h('label', { htmlFor: picker.id }, 'Scenario'), picker), ...MAIN.map(field));
  advanced.append(
    h('div', { className: 'groups' }, ...ADVANCED.map(([legend, specs]) => h('fieldset', {}, h('legend', {}, legend), ...specs.map(field)))),
    editTable('Customer cohorts; customers added with the Customers control follow the template', ['Name', 'Count', ...Object.values(PROFILE), ''], cohorts, h('tfoot', {}, typical)),
    h('p', {}, button('Add cohort', 'Add cohort', { kind: 'addCohort', name: 'Prospect' }), ' ', button('Add fixed line', 'Add fixed line', { kind: 'addFixedLine', label: 'New line', monthlyUsd: 0 })),
    listError,
    fixedTable,
    h('h3', {}, 'Prices'),
    bookNotes,
    editTable('Prices of the book; an override wins over the book value', ['Price', 'Unit', 'Book value', 'Confirmed', 'Source', 'Override'], prices),
  );
  /** The inputs on show, or `all` of them (a closed "Advanced" is synced when it opens). */
  const inputs = (all: boolean, selector = '[data-path]') => [
    ...top.querySelectorAll<Input>(selector),
    ...(all || advanced.open ? advanced.querySelectorAll<Input>(selector) : []),
  ];

  /** Marks `el` refused with `message`, or clears the mark for an empty message. */
  const mark = (el: Input, message: string) => {
    if (message) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
    setText(document.getElementById(errorId(el.dataset.path!))!, message);
  };

  /** Rows that follow the scenario's lists, and the price table for its book. */
  const layout = (scenario: Scenario) => {
    fit(cohorts, scenario.customers.length, cohortRow);
    fit(fixedLines, scenario.operations.fixedLines.length, fixedLineRow);
    fixedTable.hidden = scenario.operations.fixedLines.length === 0;
    if (prices.dataset.book !== scenario.priceBook) {
      const book = books.find((b) => b.id === scenario.priceBook);
      prices.dataset.book = scenario.priceBook;
      prices.replaceChildren(...(book?.entries ?? []).map(priceRow));
      setText(bookNotes, book ? `${book.title}, seen ${book.seen}. ${book.notes}` : `Price book ${scenario.priceBook} is not embedded.`);
    }
  };

  /** Shows the model's values in every input but `except`; marked inputs keep their text unless `reset`. */
  const sync = (except: Input | null, reset: boolean) => {
    const scenario = model.scenario();
    const knobs = model.knobs();
    layout(scenario);
    for (const el of inputs(reset)) {
      if (el === except || (!reset && el.hasAttribute('aria-invalid'))) continue;
      if (reset) mark(el, '');
      const value = valueAt(scenario, knobs, el.dataset.path!);
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === true;
      else if (el.value !== shown(value)) el.value = shown(value);
    }
  };

  /** Sends the value of the input an event came from; marks it when refused, else syncs the rest. */
  const onEvent = (event: Event) => {
    const el = event.target as Input;
    const path = el.dataset.path;
    if (!path) return;
    const value = valueOf(el, event);
    if (value === undefined) {
      if (event.type === 'change' && el instanceof HTMLInputElement && el.type === 'number' && unreadable(el)) mark(el, 'Enter a number.');
      return;
    }
    try {
      model.set(path, value);
    } catch (error) {
      mark(el, error instanceof Error ? error.message : String(error));
      return;
    }
    inputs(false, `[data-path="${CSS.escape(path)}"]`).forEach((other) => mark(other, ''));
    sync(el, false);
  };

  for (const root of [top, advanced]) {
    root.addEventListener('input', onEvent);
    root.addEventListener('change', onEvent);
  }
  advanced.addEventListener('toggle', () => advanced.open && sync(null, false));
  advanced.addEventListener('click', (event) => {
    const change = (event.target as HTMLElement).closest<HTMLElement>('[data-change]')?.dataset.change;
    if (!change) return;
    try {
      model.edit(JSON.parse(change) as ListChange);
      setText(listError, '');
    } catch (error) {
      setText(listError, error instanceof Error ? error.message : String(error));
      return;
    }
    sync(null, true);
  });
  picker.addEventListener('change', () => {
    model.load(picker.value);
    sync(null, true);
  });
  sync(null, true);
}
