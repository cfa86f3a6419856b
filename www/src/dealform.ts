/**
 * The "Add prospect" form of the deal view: name, ACV, usage (like a cohort, scaled from the
 * typical customer, or peak QPS, mean QPS and egress given directly, the rest from the typical
 * customer) and the target margin. It reads a {@link Prospect}, and shows the model's refusals
 * next to the fields they name (aria-invalid and the message its aria-describedby points to).
 */
import { h, setText } from './dom';
import type { Scenario } from './engine';
import type { Prospect } from './tools';
import type { Problem } from './generated/Problem';
import type { CustomerProfile } from './generated/Scenario';

/** The form's fields. */
export type Key = 'name' | 'acv' | 'like' | 'factor' | 'peak' | 'mean' | 'egress' | 'target';
/** How the prospect's usage is given. */
export type Mode = 'like' | 'scaled' | 'direct';

/** Which field a problem's path names: the prospect's own or, for a profile, its cohort's. */
const FIELD_OF: [RegExp, Key][] = [
  [/^(prospect|customers\[\d+\])\.name$/, 'name'],
  [/(^prospect|\.profile)\.acvUsd$/, 'acv'],
  [/likeCohort$/, 'like'],
  [/scaledTypical$/, 'factor'],
  [/\.profile\.peakQps$/, 'peak'],
  [/\.profile\.avgQps$/, 'mean'],
  [/\.profile\.egressGbPerMonth$/, 'egress'],
  [/^targetMarginPct$/, 'target'],
];

/** A problem as the model writes it (`path = value: allowed …`). */
export function problemText(p: Problem): string {
  return p.value === '' ? `${p.path}: ${p.allowed}` : `${p.path} = ${p.value}: allowed ${p.allowed}`;
}

/** The problems a model `Error` carries (`problems`), or none. */
function problemsOf(error: unknown): Problem[] {
  const problems = error instanceof Error ? (error as Error & { problems?: unknown }).problems : undefined;
  return Array.isArray(problems) ? (problems as Problem[]) : [];
}

/** The form, what it reads and how it marks refusals. */
export interface DealForm {
  element: HTMLFormElement;
  /** The prospect and target margin as entered (the typical profile from `scenario`). */
  read(scenario: Scenario): { prospect: Prospect; targetMarginPct: number };
  /** The profile the prospect would have as a cohort (for "Add as a cohort"). */
  profile(scenario: Scenario): CustomerProfile;
  /** Shows the model's refusal `error` next to the fields it names; the rest in the form's message. */
  refuse(error: unknown): void;
  /** Clears every mark. */
  clear(): void;
  /** Lists the scenario's cohorts in the "Cohort" select, keeping the choice where it still exists. */
  cohorts(names: readonly string[]): void;
}

/** A labelled field: its input, and the message element its aria-describedby names. */
function field(key: Key, label: string, input: HTMLInputElement | HTMLSelectElement): [HTMLElement, HTMLElement] {
  const id = `deal-${key}`;
  const error = h('p', { id: `deal-error-${key}`, className: 'error', attrs: { 'aria-live': 'polite' } });
  input.id = id;
  input.setAttribute('aria-describedby', error.id);
  return [h('div', { className: 'field' }, h('label', { htmlFor: id }, label), input, error), error];
}

const numberInput = (value: number, min: string, step = 'any') =>
  h('input', { type: 'number', value: String(value), attrs: { min, step } });

/** Builds the form; `typical` gives the starting ACV and directly given load. */
export function createDealForm(typical: CustomerProfile): DealForm {
  const inputs = {
    name: h('input', { type: 'text', value: 'Prospect', attrs: { maxlength: '120' } }),
    acv: numberInput(typical.acvUsd, '0'),
    like: h('select'),
    factor: numberInput(1, '0'),
    peak: numberInput(typical.peakQps, '0'),
    mean: numberInput(typical.avgQps, '0'),
    egress: numberInput(typical.egressGbPerMonth, '0'),
    target: numberInput(75, '0', 'any'),
  } satisfies Record<Key, HTMLInputElement | HTMLSelectElement>;
  const errors = new Map<Key, HTMLElement>();
  const make = (key: Key, label: string) => {
    const [el, error] = field(key, label, inputs[key]);
    errors.set(key, error);
    return el;
  };
  const general = h('p', { className: 'error', attrs: { 'aria-live': 'polite' } });
  const groups: Record<Mode, HTMLElement> = {
    like: h('div', {}, make('like', 'Cohort')),
    scaled: h('div', {}, make('factor', 'Times the typical customer')),
    direct: h('div', {}, make('peak', 'Peak QPS'), make('mean', 'Mean QPS'), make('egress', 'Egress (GB/month)')),
  };
  const LABELS: Record<Mode, string> = { like: 'Like an existing cohort', scaled: 'Scaled from the typical customer', direct: 'Given directly' };
  const radios = (Object.keys(LABELS) as Mode[]).map((mode) => {
    const radio = h('input', { type: 'radio', name: 'deal-usage', value: mode, id: `deal-usage-${mode}`, checked: mode === 'like' });
    return h('div', { className: 'field check' }, radio, h('label', { htmlFor: radio.id }, LABELS[mode]));
  });
  const usage = h('fieldset', {}, h('legend', {}, 'Usage'), ...radios, groups.like, groups.scaled, groups.direct);
  const element = h(
    'form',
    { className: 'deal-form', noValidate: true, attrs: { 'aria-label': 'Add prospect' } },
    make('name', 'Prospect name'),
    make('acv', 'ACV (USD)'),
    usage,
    make('target', 'Target margin (%)'),
    h('button', { type: 'submit' }, 'Price the deal'),
    general,
  );
  const mode = (): Mode => (element.querySelector<HTMLInputElement>('input[name="deal-usage"]:checked')?.value as Mode | undefined) ?? 'like';
  const showMode = () => {
    for (const [m, group] of Object.entries(groups)) group.hidden = m !== mode();
  };
  element.addEventListener('change', showMode);
  showMode();
  const mark = (key: Key, message: string) => {
    const input = inputs[key];
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    setText(errors.get(key)!, message);
  };
  const clear = () => {
    for (const key of errors.keys()) mark(key, '');
    setText(general, '');
  };
  const profile = (scenario: Scenario): CustomerProfile => {
    const acvUsd = inputs.acv.valueAsNumber;
    switch (mode()) {
      case 'like':
        return { ...scenario.customers[Number(inputs.like.value)]!.profile, acvUsd };
      case 'scaled': {
        const f = inputs.factor.valueAsNumber;
        const t = scenario.typicalCustomer;
        return {
          ...t,
          acvUsd,
          peakQps: t.peakQps * f,
          avgQps: t.avgQps * f,
          firestoreReadsPerDay: t.firestoreReadsPerDay * f,
          firestoreWritesPerDay: t.firestoreWritesPerDay * f,
          firestoreDeletesPerDay: t.firestoreDeletesPerDay * f,
          storedGb: t.storedGb * f,
          egressGbPerMonth: t.egressGbPerMonth * f,
        };
      }
      case 'direct':
        return direct(scenario);
    }
  };
  const direct = (scenario: Scenario): CustomerProfile => ({
    ...scenario.typicalCustomer,
    acvUsd: inputs.acv.valueAsNumber,
    peakQps: inputs.peak.valueAsNumber,
    avgQps: inputs.mean.valueAsNumber,
    egressGbPerMonth: inputs.egress.valueAsNumber,
  });
  return {
    element,
    profile,
    clear,
    read(scenario) {
      const base = { name: inputs.name.value, acvUsd: inputs.acv.valueAsNumber };
      const m = mode();
      const usage: Prospect['usage'] =
        m === 'like' ? { likeCohort: Number(inputs.like.value) } : m === 'scaled' ? { scaledTypical: inputs.factor.valueAsNumber } : { profile: direct(scenario) };
      return { prospect: { ...base, usage }, targetMarginPct: inputs.target.valueAsNumber };
    },
    refuse(error) {
      clear();
      const problems = problemsOf(error);
      const rest: string[] = [];
      for (const p of problems) {
        const key = FIELD_OF.find(([re]) => re.test(p.path))?.[1];
        if (key) mark(key, problemText(p));
        else rest.push(problemText(p));
      }
      if (problems.length === 0) rest.push(error instanceof Error ? error.message : String(error));
      setText(general, rest.join('; '));
    },
    cohorts(names) {
      const select = inputs.like;
      const chosen = select.value;
      const texts = names.map((n, i) => `${i + 1}. ${n}`);
      if (select.options.length === texts.length && texts.every((t, i) => select.options[i]!.text === t)) return;
      select.replaceChildren(...texts.map((t, i) => h('option', { value: String(i) }, t)));
      if (chosen !== '' && Number(chosen) < names.length) select.value = chosen;
    },
  };
}
