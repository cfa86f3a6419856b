/**
 * The page's alert (in the header, role "alert"): why a link or a file could not be opened.
 * It holds content only while shown, so screen readers announce each message as it appears.
 */
import { h, setText } from './dom';

/** Shows a message in the alert; an empty message clears it. */
export type Alert = (message: string) => void;

/** The most characters shown: a message naming a thousand refused fields is cut, not laid out whole. */
export const MAX_ALERT = 2_000;

/** `message` cut after {@link MAX_ALERT} characters (code points), saying how much was left out. */
export function shortened(message: string): string {
  const chars = [...message];
  if (chars.length <= MAX_ALERT) return message;
  return `${chars.slice(0, MAX_ALERT).join('')}… (${chars.length - MAX_ALERT} more characters not shown)`;
}

/** Builds the alert in `root` (an element with role "alert"), with a button that dismisses it. */
export function createAlert(root: HTMLElement): Alert {
  const text = h('p');
  const dismiss = h('button', { type: 'button' }, 'Dismiss');
  const box = h('div', { className: 'alert' }, text, dismiss);
  const show = (message: string) => {
    setText(text, shortened(message));
    if (!message) return root.replaceChildren();
    root.replaceChildren(box);
    // A file is picked or dropped far down the page: bring the message into view.
    root.scrollIntoView({ block: 'nearest' });
  };
  dismiss.addEventListener('click', () => show(''));
  return show;
}
