/**
 * The deal's form: the scenario's `deal.*` fields as a sales rep gives them. Name and ACV, how the
 * usage is given (peak QPS, like a cohort, times the typical customer, or daily active users),
 * that basis's figures, egress and stored data, the target margin, and under "More" the figures
 * that otherwise follow the typical customer (mean QPS, Firestore operations, CPU per request),
 * shown as priced and editable once "Set … myself" is on. Every input is the field table's
 * (inputs.ts): a change goes straight into the scenario, so the deal is in the link, saved
 * scenarios and the exports; a refused value is marked next to its field by the model's message.
 */
import { h, setText } from './dom';
import type { Scenario } from './engine';
import { rowOf, type FieldTable } from './fields';
import { fieldFor, syncInputs } from './inputs';
import { num } from './format';
import type { Session } from './session';
import type { Deal } from './tools';

/** How the usage is given: the values of `deal.basis`. */
type Basis = 'peakQps' | 'likeCohort' | 'timesTypical' | 'dailyUsers';

/** The fields each basis shows (egress and stored data only where the load is given in figures). */
const SHOWN: Record<Basis, readonly string[]> = {
  peakQps: ['deal.peakQps', 'deal.egressGbPerMonth', 'deal.storedGb'],
  likeCohort: ['deal.likeCohort'],
  timesTypical: ['deal.timesTypical'],
  dailyUsers: ['deal.dailyUsers', 'deal.requestsPerUser', 'deal.egressGbPerMonth', 'deal.storedGb'],
};

/** The figures "More" holds: the deal field and the profile figure it stands for. */
const MORE: readonly [string, keyof Deal['profile'], 0 | 2][] = [
  ['deal.avgQps', 'avgQps', 2],
  ['deal.firestoreReadsPerDay', 'firestoreReadsPerDay', 0],
  ['deal.firestoreWritesPerDay', 'firestoreWritesPerDay', 0],
  ['deal.firestoreDeletesPerDay', 'firestoreDeletesPerDay', 0],
  ['deal.cpuMsPerRequest', 'cpuMsPerRequest', 2],
];

/** `x` rounded to `digits` decimals, as a control shows it. */
export const rounded = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The form, and how it follows the scenario and the priced deal. */
export interface DealForm {
  element: HTMLFormElement;
  /** Brings the inputs in line with the scenario (every one with `reset`), shows the basis's fields. */
  sync(reset: boolean): void;
  /** Shows the scenario's cohorts to choose from and what the deal is priced with (the daily-users sentence, "More"'s figures). */
  show(deal: Deal | null, scenario: Scenario): void;
}

/** Builds the form over the table's `deal.*` rows; changes go to `session`. */
export function createDealForm(session: Session, table: FieldTable): DealForm {
  const field = (path: string) => {
    const el = fieldFor(rowOf(table, path), path);
    el.dataset.field = path;
    return el;
  };
  // "Like a cohort" is chosen by name, not by index.
  const like = h('select', { id: 'input-deal.likeCohort', attrs: { 'aria-describedby': 'error-deal.likeCohort' } });
  const likeField = h(
    'div',
    { className: 'field', attrs: { 'data-field': 'deal.likeCohort' } },
    h('label', { htmlFor: like.id }, 'Like the cohort'),
    like,
    h('p', { id: 'error-deal.likeCohort', className: 'error', attrs: { 'aria-live': 'polite' } }),
  );
  like.addEventListener('change', () => session.set('deal.likeCohort', Number(like.value)));
  const perDay = h('p', { className: 'hint deal-sentence', attrs: { 'aria-live': 'polite' } });
  const derived = h('dl', { className: 'deal-derived' });
  const own = MORE.map(([path]) => field(path));
  const ownSwitch = field('deal.ownRatios');
  const more = h('details', { className: 'deal-more' }, h('summary', {}, 'More: mean QPS, Firestore operations, CPU per request'), ownSwitch, derived, ...own);
  const byBasis = [
    field('deal.peakQps'),
    likeField,
    field('deal.timesTypical'),
    field('deal.dailyUsers'),
    field('deal.requestsPerUser'),
    perDay,
    field('deal.egressGbPerMonth'),
    field('deal.storedGb'),
  ];
  const element = h(
    'form',
    { className: 'deal-form', noValidate: true, attrs: { 'aria-label': 'The deal' } },
    field('deal.name'),
    field('deal.acvUsd'),
    field('deal.basis'),
    ...byBasis,
    field('deal.targetMarginPct'),
    more,
  );
  element.addEventListener('submit', (event) => event.preventDefault());
  // Turning "Set … myself" on starts from the figures as priced, rounded, all in one change.
  const ownInput = ownSwitch.querySelector('input')!;
  let last: Deal | null = null;
  ownInput.addEventListener('change', (event) => {
    if (!ownInput.checked || !last) return;
    event.stopImmediatePropagation();
    const profile = last.profile;
    session.setAll([{ path: 'deal.ownRatios', value: true }, ...MORE.map(([path, key, digits]) => ({ path, value: rounded(profile[key] as number, digits) }))]);
  });

  return {
    element,
    sync(reset) {
      syncInputs(element, (path) => session.get(path), reset);
      const basis = session.get('deal.basis') as Basis;
      for (const el of byBasis) {
        const path = el.dataset.field;
        el.hidden = path ? !SHOWN[basis].includes(path) : basis !== 'dailyUsers';
      }
      like.value = String(session.get('deal.likeCohort'));
      const mine = session.get('deal.ownRatios') === true;
      for (const el of own) el.hidden = !mine;
      derived.hidden = mine;
    },
    show(deal, scenario) {
      last = deal;
      const names = scenario.customers.map((c, i) => `${i + 1}. ${c.name}`);
      if (like.options.length !== names.length || names.some((n, i) => like.options[i]!.text !== n)) {
        like.replaceChildren(...names.map((n, i) => h('option', { value: String(i) }, n)));
      }
      like.value = String(scenario.deal.likeCohort);
      const t = scenario.typicalCustomer;
      const d = scenario.deal;
      const share = t.avgQps > 0 ? (t.peakQps * t.peakHoursPerDay) / (24 * t.avgQps) : 0;
      setText(
        perDay,
        deal
          ? `${num(d.dailyUsers)} users × ${num(d.requestsPerUser)} requests = ${num(d.dailyUsers * d.requestsPerUser)} requests a day, ${num(deal.profile.avgQps, 2)} QPS on average; shaped like the typical customer (${num(share * 100)}% of the day's requests in its ${num(t.peakHoursPerDay, 1)} peak hours), ${num(deal.profile.peakQps, 2)} QPS at peak.`
          : '',
      );
      const p = deal?.profile;
      derived.replaceChildren(
        ...MORE.flatMap(([path, key, digits]) => [
          h('dt', {}, rowOf(table, path).label),
          h('dd', {}, p ? num(p[key] as number, digits) : '—'),
        ]),
      );
    },
  };
}
