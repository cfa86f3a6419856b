/**
 * The price-book notice: when the scenario is priced with a book older than the newest embedded
 * one (by the date it was seen), it says so and offers to re-price with the newest book, then
 * shows the monthly cost before and after.
 */
import { h, moved, setText, type Panel } from './dom';
import { messageOf, type PriceBook } from './engine';
import { money } from './format';
import type { Session } from './session';

/** The book seen last. */
const newest = (books: readonly PriceBook[]) => books.reduce((a, b) => (b.seen > a.seen ? b : a));

/** Builds the notice (hidden while the scenario uses the newest book) in `root`. */
export function createReprice(root: HTMLElement, session: Session, books: readonly PriceBook[]): Panel {
  const latest = newest(books);
  const text = h('p');
  const button = h('button', { type: 'button' }, 'Re-price with current prices');
  const notice = h('div', { className: 'notice', hidden: true }, text, button);
  const result = h('p', { className: 'message', attrs: { role: 'status', 'aria-live': 'polite' } });
  root.append(notice, result);
  button.addEventListener('click', () => {
    const before = session.estimate().totals.monthlyCostCents;
    try {
      session.set('priceBook', latest.id);
    } catch (error) {
      setText(result, messageOf(error));
      return;
    }
    const after = session.estimate().totals.monthlyCostCents;
    const change = after - before;
    setText(result, `Re-priced with ${latest.title} (seen ${latest.seen}): monthly cost ${money(before)} before, ${money(after)} after (${change >= 0 ? '+' : ''}${money(change)}).`);
  });
  return {
    render(_estimate, reset, changed) {
      if (reset) setText(result, '');
      if (!reset && !moved('priceBook', changed)) return;
      const id = changed?.has('priceBook') ? changed.get('priceBook') : session.get('priceBook');
      const book = books.find((b) => b.id === id);
      notice.hidden = id === latest.id;
      if (!notice.hidden) setText(text, `This scenario is priced with ${book?.title ?? String(id)} (seen ${book?.seen ?? 'unknown'}); newer prices exist.`);
    },
  };
}
