/**
 * Printing, in two layouts: "Summary" (the figures, cost by product, findings, the bill and
 * capacity, with the assumptions) and "Full report" (every section). The Print menu and Ctrl+P
 * (⌘P) build every panel the layout prints (fetching the code of those not opened yet), draw
 * each from the current estimate, then open the browser's print dialog, so a printout is never of
 * figures from before a change, whatever was opened or scrolled. A print from the browser's own
 * menu prints the last layout chosen (Summary at first), with every built panel brought up to date.
 */
import { h } from '../dom';
import { PRINT_EVENT, type LazyPanel } from '../frame';

/** A print layout: the `data-print` value on `<body>` that the print style sheet reads. */
export type Layout = 'summary' | 'full';

const LAYOUTS: [Layout, string][] = [
  ['summary', 'Print summary'],
  ['full', 'Print full report'],
];

/**
 * Builds the layout buttons in `root`. `full` are the panels only the full report prints (fetched
 * when it is asked for).
 */
export function createPrint(root: HTMLElement, full: readonly LazyPanel[]): void {
  let chosen: Layout = 'summary';
  document.body.dataset.print = chosen;
  const run = async (layout: Layout) => {
    chosen = document.body.dataset.print = layout;
    if (layout === 'full') await Promise.all(full.map((panel) => panel.load()));
    dispatchEvent(new Event(PRINT_EVENT));
    print();
  };
  root.append(
    ...LAYOUTS.map(([layout, label]) => {
      const button = h('button', { type: 'button' }, label);
      button.addEventListener('click', () => {
        button.closest('details')?.removeAttribute('open');
        void run(layout);
      });
      return button;
    }),
    h('p', { className: 'hint' }, 'Summary: figures, bill, capacity and findings. Full report: every section.'),
  );
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'p') return;
    event.preventDefault();
    void run(chosen);
  });
}
