/**
 * Explain any figure: an element marked by {@link explainable} with a target id of the model's
 * explain module (`totals.monthlyCostCents`, `sizing.instancesAtPeak`, `findings.<code>`,
 * `customers.<index>`; a bill line as `line:<index>`, resolved to its `lines.<product>.<label>`
 * id when opened) opens the explanation side panel on click, Enter or Space. One delegated
 * listener serves the whole page; the panel's code (./panel.ts) is fetched on first use, so the
 * first load carries only this file.
 */
import type { Panel } from '../dom';
import type { Session } from '../session';
import type { Tools } from '../tools';
import type { ExplainPanel } from './panel';

/** Marks `el` as opening the explanation of `id`; focusable, so Enter or Space opens it too. */
export function explainable(el: HTMLElement, id: string): void {
  el.dataset.explain = id;
  el.tabIndex = 0;
}

/** Controls inside a figure keep their own clicks. */
const OWN_CLICKS = 'a, button, input, select, textarea, summary';

/** Listens for figures being opened; the returned panel keeps an open explanation live. */
export function createExplainHook(session: Session, tools: () => Promise<Tools>): Panel {
  let panel: Promise<ExplainPanel> | undefined;
  let opened: ExplainPanel | undefined;
  const open = (el: HTMLElement) => {
    panel ??= import('./panel').then(async (m) => m.createExplainPanel(session, await tools()));
    void panel.then((p) => {
      opened = p;
      p.open(el.dataset.explain!, el);
    });
  };
  document.addEventListener('click', (event) => {
    const target = event.target as Element;
    const el = target.closest?.<HTMLElement>('[data-explain]');
    if (el && !target.closest(OWN_CLICKS)) open(el);
  });
  document.addEventListener('keydown', (event) => {
    const el = event.target as HTMLElement;
    if ((event.key !== 'Enter' && event.key !== ' ') || el.dataset?.explain === undefined) return;
    event.preventDefault();
    open(el);
  });
  return {
    render() {
      opened?.follow();
    },
  };
}
