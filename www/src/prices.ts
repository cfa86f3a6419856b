/**
 * The price table of the scenario's book: each price's unit, book value, source and date, and an
 * override field (empty = the book's value). Overrides change only through their own fields, so
 * the table is brought in line with the model only when a whole scenario comes in or the book
 * changes.
 */
import { h, moved, setText, type Panel } from './dom';
import { cell, editTable } from './edittable';
import type { Field, PriceBook, PriceEntry } from './engine';
import { rowOf, type FieldTable } from './fields';
import { num, unitPrice } from './format';
import { bindInputs, syncInputs } from './inputs';
import type { Session } from './session';

const OVERRIDE = 'priceOverrides.';

/** A book value: a price in dollars; an allowance, tier bound or discount as a plain number. */
const bookValue = (entry: PriceEntry) => (entry.unit.startsWith('USD') ? unitPrice(entry.value) : num(entry.value, 3));

const priceRow = (override: Field) => (entry: PriceEntry) =>
  h(
    'tr',
    {},
    h('td', {}, entry.label, entry.note ? h('small', {}, entry.note) : ''),
    h('td', {}, entry.unit),
    h('td', { className: 'num' }, bookValue(entry)),
    h('td', {}, entry.confirmed ? 'Yes' : 'No'),
    h('td', { className: 'source' }, `${entry.source} (seen ${entry.seen})`),
    cell(override, `${OVERRIDE}${entry.id}`, `Override, ${entry.label}`, true),
  );

/** Builds the price table in `root` for the embedded `books`. */
export function createPrices(root: HTMLElement, session: Session, table: FieldTable, books: readonly PriceBook[]): Panel {
  const override = rowOf(table, `${OVERRIDE}*`);
  const body = h('tbody');
  const notes = h('p', { className: 'hint' });
  root.append(
    h('h3', {}, 'Prices'),
    notes,
    editTable('Prices of the book; an override wins over the book value', ['Price', 'Unit', 'Book value', 'Confirmed', 'Source', 'Override'], body),
  );
  bindInputs(root, session);
  return {
    render(_estimate, reset, changed) {
      if (!reset && (!moved('priceBook', changed) || session.get('priceBook') === body.dataset.book)) return;
      const { priceBook, priceOverrides } = session.scenario();
      if (body.dataset.book !== priceBook) {
        const book = books.find((b) => b.id === priceBook);
        body.dataset.book = priceBook;
        body.replaceChildren(...(book?.entries ?? []).map(priceRow(override)));
        setText(notes, book ? `${book.title}, seen ${book.seen}. ${book.notes}` : `Price book ${priceBook} is not embedded.`);
      }
      syncInputs(root, (path) => priceOverrides[path.slice(OVERRIDE.length)] ?? null, true);
    },
  };
}
