/**
 * What a printed page rests on, shown only in print: the scenario, the price book and its date,
 * the allocation rule and the share link that reopens it. Kept current as the scenario changes
 * (at most every {@link FOLLOW_MS} ms while a control moves, and at once before printing).
 */
import { h, setText, type Panel } from './dom';
import type { PriceBook } from './engine';
import { rowOf, type FieldTable } from './fields';
import type { Session } from './session';

/** The notes are rewritten at most this often while values change. */
const FOLLOW_MS = 250;
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** Builds the notes (a definition list) in `root`. */
export function createPrintNotes(root: HTMLElement, session: Session, table: FieldTable, books: readonly PriceBook[]): Panel {
  const allocations = rowOf(table, 'allocation').options;
  const items = ['Scenario', 'Price book', 'Allocation rule', 'Printed', 'Share link'].map((label) => {
    const dd = h('dd');
    root.append(h('div', { className: label === 'Share link' ? 'wide' : '' }, h('dt', {}, label), dd));
    return dd;
  });
  const [scenario, book, allocation, printed, link] = items as [HTMLElement, HTMLElement, HTMLElement, HTMLElement, HTMLElement];
  let pending = 0;
  const update = () => {
    clearTimeout(pending);
    pending = 0;
    setText(scenario, String(session.get('name')));
    const id = String(session.get('priceBook'));
    const found = books.find((b) => b.id === id);
    setText(book, found ? `${found.title} (${found.id}, seen ${found.seen})` : id);
    const rule = String(session.get('allocation'));
    setText(allocation, allocations.find((c) => c.value === rule)?.label ?? rule);
    const url = new URL(location.href);
    url.hash = session.link();
    setText(link, url.href);
    setText(printed, dateTime.format(new Date()));
  };
  addEventListener('beforeprint', update);
  return {
    render(_estimate, reset) {
      if (reset) update();
      else if (!pending) pending = window.setTimeout(update, FOLLOW_MS);
    },
  };
}
