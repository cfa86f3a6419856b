/**
 * "Undo" for a change made to the scenario (a saving applied, a prospect added): it remembers the
 * link from before the change and, pressed, reopens that link exactly (dropping any change made
 * since), saying in `status` where the monthly cost is back to, or why it could not go back.
 */
import { h, setText } from './dom';
import { messageOf, Planner } from './engine';
import { money } from './format';
import type { Session } from './session';

/** The Undo button, hidden until a change is remembered. */
export interface Undo {
  button: HTMLButtonElement;
  /** Offers Undo back to `link` (the scenario and pins before the change). */
  remember(link: string): void;
}

/** Builds Undo for `session`, saying what it did in `status`; `done` runs after a successful undo. */
export function createUndo(session: Session, status: HTMLElement, done: () => void = () => {}): Undo {
  const button = h('button', { type: 'button', hidden: true }, 'Undo');
  let undoLink: string | undefined;
  button.addEventListener('click', () => {
    if (undoLink === undefined) return;
    try {
      session.open(Planner.fromLink(undoLink));
    } catch (error) {
      setText(status, `Not undone: ${messageOf(error)}`);
      return;
    }
    undoLink = undefined;
    button.hidden = true;
    setText(status, `Undone: back to ${money(session.estimate().totals.monthlyCostCents)} a month.`);
    done();
  });
  return {
    button,
    remember(link) {
      undoLink = link;
      button.hidden = false;
    },
  };
}
