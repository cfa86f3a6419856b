/**
 * "Display currency": the currency, its exchange rate (units for one US dollar) and the rate's
 * date, sent together (`Session.setAll`: the date, the rate, then the currency), since a currency
 * other than USD needs its rate and date. The model keeps every amount in US cents and converts
 * the headline figures once (shown by headline.ts and in every export); a refused combination
 * shows the model's message here and changes nothing.
 */
import { h, setText, type Panel } from './dom';
import { messageOf } from './engine';
import { rowOf, type FieldTable } from './fields';
import type { Session } from './session';

/** The three fields, in the order they are sent. */
const PATHS = ['currency.rateDate', 'currency.perUsd', 'currency.code'] as const;

/** Builds the panel in `root`. */
export function createCurrency(root: HTMLElement, session: Session, table: FieldTable): Panel {
  const [, rateRow, codeRow] = PATHS.map((path) => rowOf(table, path));
  const code = h('select', { id: 'currency-code' }, ...codeRow!.options.map(({ value, label }) => h('option', { value }, label)));
  const rate = h('input', { type: 'number', id: 'currency-rate', attrs: { min: String(rateRow!.min), max: String(rateRow!.max), step: 'any' } });
  const date = h('input', { type: 'date', id: 'currency-date' });
  const message = h('p', { className: 'error', id: 'currency-message', attrs: { 'aria-live': 'polite' } });
  const field = (input: HTMLElement, label: string) =>
    h('div', { className: 'field' }, h('label', { htmlFor: input.id }, label), input);
  root.append(
    h(
      'fieldset',
      { className: 'currency', attrs: { 'aria-describedby': message.id } },
      h('legend', {}, 'Display currency'),
      field(code, codeRow!.label),
      field(rate, rateRow!.label),
      field(date, 'Rate date'),
      message,
    ),
  );
  const send = () => {
    if (Number.isNaN(rate.valueAsNumber)) return setText(message, 'Enter the exchange rate: units of the currency for 1 USD.');
    const changes = [
      { path: PATHS[0], value: date.value },
      { path: PATHS[1], value: rate.valueAsNumber },
      { path: PATHS[2], value: code.value },
    ];
    try {
      session.setAll(changes);
      setText(message, '');
    } catch (error) {
      setText(message, messageOf(error));
    }
  };
  for (const input of [code, rate, date]) input.addEventListener('change', send);
  return {
    // Only a whole scenario opened, or the panel's own change, moves these fields.
    render(_estimate, reset, changed) {
      if (reset) setText(message, '');
      for (const [input, path] of [[date, PATHS[0]], [rate, PATHS[1]], [code, PATHS[2]]] as const) {
        if (reset || !changed) input.value = String(session.get(path));
        else if (changed.has(path)) input.value = String(changed.get(path));
      }
    },
  };
}
