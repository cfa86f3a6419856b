/**
 * Share links: the whole scenario lives in the URL fragment. The page opens the fragment it is
 * loaded with (and any link pasted into the same tab later); a link the model refuses shows an
 * alert with the model's message, and the page carries on with a good scenario. The address bar
 * follows the scenario with `history.replaceState`, never as a new history entry, so Back leaves
 * the page instead of stepping through slider ticks: at once when a whole scenario opens, and at
 * most every {@link FOLLOW_MS} ms while values change.
 * "Copy link" copies the full URL.
 */
import type { Alert } from './alert';
import { h, setText, type Panel } from './dom';
import { messageOf, Planner } from './engine';
import type { Session } from './session';

/** The address bar is rewritten at most this often while the scenario changes (trailing edge). */
const FOLLOW_MS = 250;

/**
 * The planner a page opens with: the fragment's scenario, or `fallback`'s with the reason the
 * fragment was refused (by the model, or when its estimate cannot be read).
 */
export function openFragment(fragment: string, fallback: () => Planner): { planner: Planner; refused?: string } {
  if (!fragment || fragment === '#') return { planner: fallback() };
  let planner: Planner | undefined;
  try {
    planner = Planner.fromLink(fragment);
    planner.estimate();
    return { planner };
  } catch (error) {
    planner?.free();
    return { planner: fallback(), refused: messageOf(error) };
  }
}

/** The page's URL with `link` as its fragment. */
function urlWith(link: string): string {
  const url = new URL(location.href);
  url.hash = link;
  return url.href;
}

/** Copies `text`: the clipboard API, else the selected text of `field` (shown for the purpose). */
async function copy(text: string, field: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    field.hidden = true;
    return true;
  } catch {
    field.hidden = false;
    field.value = text;
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * Builds "Copy link" in `root`, showing `refused` (why the page's own fragment could not be
 * opened), if any, in `alert`. `fallback` opens when the fragment is removed. `opened` is the
 * fragment the page opened at start: a link pasted while the page was still loading (before this
 * panel listens) differs from it and is opened once the panels are shown.
 */
export function createShare(
  root: HTMLElement,
  alert: Alert,
  session: Session,
  fallback: () => Planner,
  opened: string,
  refused?: string,
): Panel {
  if (refused) alert(`This link could not be opened: ${refused}. Showing the default scenario instead.`);
  const button = h('button', { type: 'button' }, 'Copy link');
  const status = h('span', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const field = h('input', { type: 'text', readOnly: true, hidden: true, className: 'link-field', attrs: { 'aria-label': 'Link to this scenario' } });
  root.append(h('div', { className: 'share' }, button, status), field);

  let written = session.link();
  let pending = 0;
  /** Puts the current scenario's link in the address bar, if it changed. */
  const follow = () => {
    clearTimeout(pending);
    pending = 0;
    const link = session.link();
    if (link === written) return;
    written = link;
    history.replaceState(history.state, '', urlWith(link));
  };

  button.addEventListener('click', async () => {
    follow();
    const copied = await copy(urlWith(session.link()), field);
    setText(status, copied ? 'Link copied' : 'Copying was refused: the link is selected below; copy it with Ctrl+C (⌘C on a Mac).');
  });

  /** Opens the address bar's fragment, pasted or edited in this tab. */
  const pasted = () => {
    if (location.hash.slice(1) === written) return;
    try {
      session.open(location.hash.length > 1 ? Planner.fromLink(location.hash) : fallback());
      written = session.link();
      alert('');
    } catch (error) {
      alert(`This link could not be opened: ${messageOf(error)}. The scenario on screen is unchanged.`);
    }
  };
  addEventListener('hashchange', pasted);
  // After the panels are shown (this runs within their construction).
  queueMicrotask(() => location.hash !== opened && pasted());

  return {
    render(_estimate, reset) {
      setText(status, '');
      if (reset) follow();
      else if (!pending) pending = window.setTimeout(follow, FOLLOW_MS);
    },
  };
}
