/**
 * The savings panel: the model's `savings` (one call into the tools module) listed as cards, the
 * safe ones largest saving first, and apart from them, under their own heading, the ones that
 * break the p95 target or capacity, with why. Each card says what the change does, its net
 * monthly saving (the current total less the total with the change, both from the model), the
 * cost after, p95 and CPU at peak before and after, the findings it brings or clears and its risk.
 *
 * "Apply: …" remembers the share link (scenario and pins), applies the saving's changes together
 * (`Session.setAll`, all or none) and says by how much the monthly cost fell; "Undo" reopens the
 * remembered link exactly. Undo stays offered after later changes (they are dropped with it)
 * until the next Apply, which remembers a new link; a refused apply shows the model's message
 * and changes nothing.
 *
 * The list evaluates the scenario a dozen or more times, so it follows the estimate in an
 * animation frame, only while on screen and at most every {@link REDRAW_MS} ({@link visibleFrames});
 * an Apply on a list not yet refreshed recomputes it first and applies the saving of the same id.
 */
import { figuresOf } from './decidetext';
import { fit, h, setText, showAll, type Panel } from './dom';
import { messageOf } from './engine';
import { money } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import './savings.css';
import type { Session } from './session';
import type { Saving, Savings, Tools } from './tools';
import { createUndo } from './undo';

/** The name of the performance measure each recomputation leaves (the last one only). */
export const SAVINGS_MEASURE = 'headroom:savings';

/** A card's elements, reused from one list to the next. */
interface Card {
  item: HTMLLIElement;
  title: HTMLElement;
  description: HTMLElement;
  figures: HTMLElement;
  apply: HTMLButtonElement;
}

/** A list of cards in `parent` that applies the saving shown at a card's place with `apply`. */
function cardList(label: string, apply: (index: number) => void): { element: HTMLOListElement; render(list: readonly Saving[]): void } {
  const element = h('ol', { className: 'savings-list', attrs: { 'aria-label': label } });
  const cards: Card[] = [];
  const make = (index: number) => {
    const title = h('h4', {});
    const description = h('p', { className: 'saving-description' });
    const figures = h('dl', { className: 'saving-figures' });
    const applyButton = h('button', { type: 'button' }, 'Apply');
    applyButton.addEventListener('click', () => apply(index));
    const item = h('li', { className: 'saving' }, title, description, figures, h('p', { className: 'saving-apply' }, applyButton));
    cards[index] = { item, title, description, figures, apply: applyButton };
    return item;
  };
  return {
    element,
    render(list) {
      fit(element, list.length, make);
      cards.length = list.length;
      list.forEach((s, i) => {
        const card = cards[i]!;
        card.item.dataset.id = s.id;
        setText(card.title, s.title);
        setText(card.description, s.description);
        card.apply.setAttribute('aria-label', `Apply: ${s.title}`);
        const figures = figuresOf(s);
        fit(card.figures, figures.length, () => h('div', {}, h('dt'), h('dd')));
        figures.forEach(([name, value], j) => {
          const [dt, dd] = card.figures.children[j]!.children;
          setText(dt!, name);
          setText(dd!, value);
          dd!.className = name === 'Breaks' ? 'error' : '';
        });
      });
    },
  };
}

/** Builds the savings panel in `root`, computing with `tools`. */
export function createSavings(root: HTMLElement, session: Session, tools: Tools): Panel {
  const status = h('p', { className: 'savings-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const undo = createUndo(session, status);
  const summary = h('p', { className: 'savings-summary' });
  const safeNone = h('p', { hidden: true }, 'No safe saving found.');
  const riskyNone = h('p', { hidden: true }, 'None.');
  let current: Savings | undefined;
  let stale = true;

  const compute = () => {
    const t0 = performance.now();
    stale = false;
    try {
      current = tools.savings(session.link());
    } catch (error) {
      setText(summary, `No savings: ${messageOf(error)}`);
      current = undefined;
      safe.render([]);
      risky.render([]);
      return;
    }
    const { safe: ok, risky: bad, monthlyCostCents } = current;
    const best = ok[0] ? `; the best saves ${money(ok[0].monthlySavingCents)} a month` : '';
    setText(summary, `Now ${money(monthlyCostCents)} a month. ${ok.length} safe savings${best}; ${bad.length} that break a target or capacity.`);
    safe.render(moreSafe.take(ok));
    risky.render(moreRisky.take(bad));
    safeNone.hidden = ok.length > 0;
    riskyNone.hidden = bad.length > 0;
    performance.clearMeasures(SAVINGS_MEASURE);
    performance.measure(SAVINGS_MEASURE, { start: t0 });
  };

  /** Applies the saving shown at `index` of `list` (recomputed first when the list is behind the scenario). */
  const apply = (list: 'safe' | 'risky', index: number) => {
    const shown = current?.[list][index];
    if (stale) compute();
    const saving = current?.[list].find((s) => s.id === shown?.id);
    if (!saving) {
      setText(status, 'That saving no longer applies to the scenario as it is now; the list is updated.');
      return;
    }
    const link = session.link();
    const before = session.estimate().totals.monthlyCostCents;
    try {
      session.setAll(saving.changes.map(({ path, value }) => ({ path, value })));
    } catch (error) {
      setText(status, `Not applied: ${saving.title}. ${messageOf(error)}`);
      return;
    }
    const after = session.estimate().totals.monthlyCostCents;
    undo.remember(link);
    const breaks = saving.breaks.length ? ` It breaks: ${saving.breaks.join(' ')}` : '';
    setText(
      status,
      `Applied: ${saving.title}. Monthly cost fell by ${money(before - after)}, from ${money(before)} to ${money(after)}.${breaks} Undo returns to the scenario before it, dropping any change made since.`,
    );
  };

  const safe = cardList('Safe savings, largest first', (i) => apply('safe', i));
  const risky = cardList('Savings that break a target or capacity', (i) => apply('risky', i));
  // Long lists show their first few (the largest savings); "Show all" lists the rest.
  const moreSafe = showAll('safe savings', 5, () => current && safe.render(moreSafe.take(current.safe)));
  const moreRisky = showAll('savings that break a target', 3, () => current && risky.render(moreRisky.take(current.risky)));

  root.append(
    h('div', { className: 'savings-undo' }, status, undo.button),
    summary,
    h('h3', { id: 'savings-safe-title' }, 'Safe savings, largest first'),
    safeNone,
    safe.element,
    moreSafe.button,
    h('h3', { id: 'savings-risky-title' }, 'Savings that break a target or capacity'),
    h('p', { className: 'hint' }, 'Each misses the p95 target, goes over capacity or brings a high or critical finding (said under "Breaks"); it can still be applied.'),
    riskyNone,
    risky.element,
    moreRisky.button,
  );
  const request = visibleFrames(root, compute, REDRAW_MS);
  return {
    render() {
      stale = true;
      request();
    },
  };
}
