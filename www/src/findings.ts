/** Bottlenecks and risks, most severe first; severity is written out, not shown by colour alone. */
import { fit, h, setText, type Panel } from './dom';
import { explainable } from './explain/hook';

const newItem = () =>
  h('li', {}, h('span', { className: 'badge' }), h('span', { className: 'area' }), h('span', { className: 'message' }));

/** Fills the list `root` with the findings, reusing its items; `none` shows when there are none. */
export function createFindings(root: HTMLUListElement, none: HTMLElement): Panel {
  return {
    render({ findings }) {
      none.hidden = findings.length > 0;
      fit(root, findings.length, newItem);
      findings.forEach((finding, i) => {
        const li = root.children[i] as HTMLLIElement;
        li.dataset.severity = finding.severity;
        explainable(li, `findings.${finding.code}`);
        const [badge, area, message] = li.children;
        setText(badge!, finding.severity);
        setText(area!, finding.area);
        setText(message!, finding.message);
      });
    },
  };
}
