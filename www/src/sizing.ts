/** What the infrastructure must be for the load: the model's sizing rows, each labelled and written by its row. */
import { h, setText, type Panel } from './dom';
import { outputs } from './engine';
import { explainable } from './explain/hook';
import { shown, valueAt } from './format';

/** Builds the list of sizing figures in `root`. */
export function createSizing(root: HTMLElement): Panel {
  const rows = outputs().sizing;
  const items = rows.map((row) => {
    const dd = h('dd');
    const item = h('div', {}, h('dt', {}, row.label), dd);
    root.append(item);
    return { item, dd };
  });
  return {
    render(estimate) {
      rows.forEach((row, i) => {
        const { item, dd } = items[i]!;
        setText(dd, shown(row, estimate));
        // Each figure the estimate has opens its explanation (the model explains every sizing
        // row by its id: tests/explain.rs); a dash opens nothing.
        if (valueAt(estimate, row.id) === null) {
          delete item.dataset.explain;
          item.removeAttribute('tabindex');
        } else if (!item.dataset.explain) explainable(item, row.id);
      });
    },
  };
}
