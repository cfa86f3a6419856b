/**
 * "Pin": pins the current scenario as A, then B and C, to compare with as it changes. The
 * comparison tables (compare.ts, drawn by the tools module) are fetched with the first pin, or
 * with a link that has pins, and their section is hidden while nothing is pinned.
 */
import { h, moved, setText, type Panel } from './dom';
import { messageOf, tools } from './engine';
import type { Session } from './session';

/** The pin columns' labels, in pin order. */
const LABELS = ['A', 'B', 'C'];

/** Builds the pin button in `bar` and the comparison in `root`, inside `section`. */
export function createPins(bar: HTMLElement, section: HTMLElement, root: HTMLElement, session: Session): Panel {
  const button = h('button', { type: 'button', className: 'pin' }, 'Pin as A');
  const note = h('span', { className: 'hint', attrs: { role: 'status', 'aria-live': 'polite' } });
  bar.append(button, note);
  let tables: Panel | undefined;
  let loading = false;
  let count = 0;
  button.addEventListener('click', () => {
    try {
      session.pin();
      setText(note, `Pinned as ${LABELS[session.pinCount() - 1]}: change anything to compare.`);
    } catch (error) {
      setText(note, messageOf(error));
    }
  });
  return {
    render(estimate, reset, changed) {
      if (reset || moved('pins', changed)) {
        count = session.pinCount();
        setText(button, count < LABELS.length ? `Pin as ${LABELS[count]}` : 'A, B and C pinned');
        button.disabled = count >= LABELS.length;
        section.hidden = count === 0;
        if (count === 0) setText(note, '');
      }
      if (tables) tables.render(estimate, reset, changed);
      else if (count > 0 && !loading) {
        loading = true;
        void Promise.all([import('./compare'), tools()]).then(([{ createCompare }, t]) => {
          tables = createCompare(root, session, t);
          tables.render(session.estimate(), true);
        });
      }
    },
  };
}
