/**
 * Bottlenecks and risks, most severe first; severity is written out, not shown by colour alone.
 * Each item shows the model's first three finding fields (`outputs().findings`: severity, area,
 * message), each written by its row.
 */
import { fit, h, setText, type Panel } from './dom';
import { outputs } from './engine';
import { explainable } from './explain/hook';
import { shown } from './format';

const newItem = () =>
  h('li', {}, h('span', { className: 'badge' }), h('span', { className: 'area' }), h('span', { className: 'message' }));

/** Fills the list `root` with the findings, reusing its items; `none` shows when there are none. */
export function createFindings(root: HTMLUListElement, none: HTMLElement): Panel {
  const fields = outputs().findings.slice(0, 3);
  return {
    render({ findings }) {
      none.hidden = findings.length > 0;
      fit(root, findings.length, newItem);
      findings.forEach((finding, i) => {
        const li = root.children[i] as HTMLLIElement;
        li.dataset.severity = finding.severity;
        explainable(li, `findings.${finding.code}`);
        [...li.children].forEach((span, k) => setText(span, shown(fields[k]!, finding)));
      });
    },
  };
}
