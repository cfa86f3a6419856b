/**
 * The month broken down: cost by product (Overview) as a bar per product, and the bill line by
 * line with each cohort's share (Bill). The bars are plain DOM (a list: each product's name, its
 * bar and its amount and share as text), their widths set through the CSSOM, which the page's
 * policy (`style-src 'self'`) allows: no chart library in the first load, and the printout has
 * the amounts as text.
 */
import { components, productName } from './components';
import { fit, h, setText, table, type Panel } from './dom';
import { outputs, type Estimate, type Output } from './engine';
import type { CustomerCost, LineItem } from './generated/Estimate';
import { figure, money, percent, shown } from './format';
import { framedPanel } from './frame';

/** Amounts of every component in the model's order, in cents (0 for components without lines). */
function centsByComponent(estimate: Estimate): number[] {
  return components().map((c) => estimate.components.find((t) => t.component === c)?.amountCents ?? 0);
}

/** A table's columns: one per output row, headed by its label, each cell its figure. */
const columnsOf = <T,>(rows: readonly Output[]) => rows.map((row) => ({ head: row.label, cell: (item: T) => shown(row, item), numeric: row.unit !== 'text' }));

/** A product's row: name, a track with its bar, and its amount with its share of the month. */
const newBar = () =>
  h('li', {}, h('span', { className: 'bar-name' }), h('span', { className: 'bar-track' }, h('span', { className: 'bar' })), h('span', { className: 'bar-amount' }));

/**
 * Renders the bars in the list `root`: one per product with a cost this month, each as wide as
 * its amount against the largest (a discount's, which is negative, in another colour).
 */
function renderBars(root: HTMLElement, estimate: Estimate): void {
  const cents = centsByComponent(estimate);
  const present = components().map((c, i) => [c, cents[i]!] as const).filter(([, amount]) => amount !== 0);
  const largest = Math.max(1, ...present.map(([, amount]) => Math.abs(amount)));
  const total = estimate.totals.monthlyCostCents;
  fit(root, present.length, newBar);
  present.forEach(([component, amount], i) => {
    const [name, track, text] = root.children[i]!.children as unknown as [HTMLElement, HTMLElement, HTMLElement];
    setText(name, productName(component));
    const bar = track.firstElementChild as HTMLElement;
    bar.classList.toggle('credit', amount < 0);
    bar.style.width = `${((Math.abs(amount) / largest) * 100).toFixed(2)}%`;
    setText(text, total > 0 ? `${money(amount)} (${percent((amount / total) * 100)})` : money(amount));
  });
}

/** Builds the cost-by-product bars in `root`; they follow a slider tick in the next frame while on screen. */
export function createBreakdown(root: HTMLElement): Panel {
  const list = h('ul', { className: 'bars', attrs: { 'aria-label': 'Monthly cost by product' } });
  root.append(list);
  return framedPanel(root, (estimate) => renderBars(list, estimate));
}

/**
 * Lines the bill folds into one row until asked: zero amounts and free tiers (credits other
 * than the discounts). Folding them keeps the bill short, which is most of the page's layout
 * work on each slider tick.
 */
const foldable = (l: LineItem) => l.amountCents === 0 || (l.amountCents < 0 && l.component !== 'discount');

/** Builds the bill, line by line, and each cohort's share of it in `root`. */
export function createBill(root: HTMLElement): Panel {
  const { bill, customers, unconfirmed } = outputs();
  const lines = table<LineItem>('The bill, line by line', columnsOf<LineItem>(bill), (l) => l.amountCents < 0, 'stack-item', (l) => `line:${last!.lineItems.indexOf(l)}`);
  // The last column is the amount: the folded lines' and the month's totals stand under it.
  const amount = bill[bill.length - 1]!;
  const folded = h('td', { className: 'num', attrs: { 'data-label': amount.label } });
  const foldedLabel = h('th', { scope: 'row', colSpan: bill.length - 1 });
  const foldedRow = h('tr', { className: 'folded' }, foldedLabel, folded);
  const total = h('td', { className: 'num', attrs: { 'data-label': amount.label } });
  lines.foot.append(foldedRow, h('tr', {}, h('th', { scope: 'row', colSpan: bill.length - 1 }, 'Total per month'), total));
  const unfold = h('button', { type: 'button', attrs: { 'aria-expanded': 'false' } }, 'Show all lines');
  let expanded = false;
  let last: Estimate | undefined;
  /** The bill: every line, or the others with the foldable ones in one row. */
  const renderLines = (estimate: Estimate) => {
    const hidden = expanded ? [] : estimate.lineItems.filter(foldable);
    lines.render(expanded ? estimate.lineItems : estimate.lineItems.filter((l) => !foldable(l)));
    foldedRow.hidden = hidden.length === 0;
    setText(foldedLabel, `Free tiers and zero lines (${hidden.length})`);
    setText(folded, figure(amount, hidden.reduce((sum, l) => sum + l.amountCents, 0)));
    unfold.hidden = !expanded && hidden.length === 0;
  };
  unfold.addEventListener('click', () => {
    expanded = !expanded;
    unfold.setAttribute('aria-expanded', String(expanded));
    setText(unfold, expanded ? 'Fold free tiers and zero lines' : 'Show all lines');
    if (last) renderLines(last);
  });
  const cohorts = table<CustomerCost>('Cost per customer cohort', columnsOf<CustomerCost>(customers), undefined, 'stack', (c) => `customers.${last!.customers.indexOf(c)}`);
  const caution = h('p', { className: 'hint' });
  root.append(lines.element, h('p', {}, unfold), caution, cohorts.element);
  // While a control moves, the bill follows in the next frame (and only while on screen), so a
  // slider tick updates the headline figures without waiting for the two tables; a whole
  // scenario opened, or a list changed, shows at once, and so does printing.
  return framedPanel(root, (estimate) => {
    last = estimate;
    renderLines(estimate);
    setText(total, figure(amount, estimate.totals.monthlyCostCents));
    const u = estimate.unconfirmed;
    const [cost, share] = unconfirmed;
    setText(
      caution,
      u.cents > 0
        ? `${shown(cost!, estimate)}${u.pct === null ? '' : ` (${shown(share!, estimate)})`} of the month rests on ${u.prices.length === 1 ? 'a price' : `${u.prices.length} prices`} the price book marks unconfirmed (no Google page text seen for ${u.prices.length === 1 ? 'it' : 'them'}): ${u.prices.join(', ')}.`
        : '',
    );
    cohorts.render(estimate.customers);
  });
}
