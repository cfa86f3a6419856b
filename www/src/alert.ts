/**
 * The page's alert (in the header, role "alert"): why a link or a file could not be opened.
 * It holds content only while shown, so screen readers announce each message as it appears.
 */
import { h, setText } from './dom';

/** Shows a message in the alert; an empty message clears it. */
export type Alert = (message: string) => void;

/** Builds the alert in `root` (an element with role "alert"), with a button that dismisses it. */
export function createAlert(root: HTMLElement): Alert {
  const text = h('p');
  const dismiss = h('button', { type: 'button' }, 'Dismiss');
  const box = h('div', { className: 'alert' }, text, dismiss);
  const show = (message: string) => {
    setText(text, message);
    if (!message) return root.replaceChildren();
    root.replaceChildren(box);
    // A file is picked or dropped far down the page: bring the message into view.
    root.scrollIntoView({ block: 'nearest' });
  };
  dismiss.addEventListener('click', () => show(''));
  return show;
}
