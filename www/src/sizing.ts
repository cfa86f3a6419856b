/** What the infrastructure must be for the load: the model's sizing rows, each labelled and written by its row. */
import { h, setText, type Panel } from './dom';
import { outputs } from './engine';
import { shown } from './format';

/** Builds the list of sizing figures in `root`. */
export function createSizing(root: HTMLElement): Panel {
  const rows = outputs().sizing;
  const values = rows.map((row) => {
    const dd = h('dd');
    root.append(h('div', {}, h('dt', {}, row.label), dd));
    return dd;
  });
  return {
    render(estimate) {
      rows.forEach((row, i) => setText(values[i]!, shown(row, estimate)));
    },
  };
}
