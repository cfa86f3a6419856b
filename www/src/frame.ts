/**
 * Panels below the first screen, driven by IntersectionObserver: work that follows the estimate
 * but need not hold up a slider tick ({@link visibleFrames}), and panels whose code is fetched
 * only when they come near the screen ({@link lazyPanel}). Printing brings both up to date first:
 * the browser's `beforeprint`, or {@link PRINT_EVENT} from the page's own Print action.
 */
import type { Panel } from './dom';
import type { Estimate } from './engine';

/** The least time between two redraws of a costly panel (charts, comparison, savings, deal) while a control moves, ms. */
export const REDRAW_MS = 100;

/** Sent on `window` by the Print action once every printed panel is built: draw now, seen or not. */
export const PRINT_EVENT = 'headroom:print';

/**
 * Returns `request()`, which asks for `work` to run in an animation frame in which `el` is on
 * screen: never while off screen (work asked for off screen runs when `el` comes into view), and
 * at most once every `minMs` milliseconds however often it is asked (the last request is always
 * served, so the work ends up showing the latest state). Before printing, work asked for runs at
 * once, on screen or not.
 */
export function visibleFrames(el: Element, work: () => void, minMs = 0): () => void {
  let visible = false;
  let stale = false;
  let pending = false;
  let last = -Infinity;
  const run = () => {
    pending = false;
    if (!visible || !stale) return;
    stale = false;
    last = performance.now();
    work();
  };
  const request = () => {
    stale = true;
    if (!visible || pending) return;
    pending = true;
    const wait = last + minMs - performance.now();
    if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
    else requestAnimationFrame(run);
  };
  new IntersectionObserver((entries) => {
    visible = entries.some((e) => e.isIntersecting);
    if (visible && stale) request();
  }).observe(el);
  const flush = () => {
    if (!stale) return;
    stale = false;
    last = performance.now();
    work();
  };
  addEventListener('beforeprint', flush);
  addEventListener(PRINT_EVENT, flush);
  return request;
}

/** A panel whose code is fetched on demand; `load()` fetches and builds it now (once). */
export interface LazyPanel extends Panel {
  load(): Promise<void>;
}

/** Calls `then` once, when `el` first comes within 300 px of the screen (its section opened). */
export function nearScreen(el: Element, then: () => void): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      then();
    },
    { rootMargin: '300px' },
  );
  observer.observe(el);
}

/** Calls `then` when the `<details>` `el` opens (Advanced, a menu). */
export const onOpen = (el: HTMLDetailsElement) => (then: () => void) => el.addEventListener('toggle', () => el.open && then());

/**
 * A panel built by `build()` (which fetches its code) when `trigger` says so (by default when
 * `root` first comes near the screen: its section opened), or when `load()` is called (printing),
 * so the first load does not carry it. Until then it keeps the last estimate it was given, and
 * shows it once built.
 */
export function lazyPanel(root: Element, build: () => Promise<Panel>, trigger = (then: () => void) => nearScreen(root, then)): LazyPanel {
  let panel: Panel | undefined;
  let last: Estimate | undefined;
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= build().then((built) => {
      panel = built;
      if (last) panel.render(last, true);
    }));
  trigger(() => void load());
  return {
    load,
    render(estimate, reset, changed) {
      if (panel) panel.render(estimate, reset, changed);
      else last = estimate;
    },
  };
}

/**
 * A panel that draws each estimate with `draw`: at once for a whole scenario (`reset`), and after
 * a change in the next animation frame in which `root` is on screen ({@link visibleFrames}), so a
 * slider tick's figures never wait for it; printing draws it too.
 */
export function framedPanel(root: Element, draw: (estimate: Estimate) => void): Panel {
  let last: Estimate | undefined;
  const run = () => last && draw(last);
  const redraw = visibleFrames(root, run);
  return {
    render(estimate, reset) {
      last = estimate;
      if (reset) run();
      else redraw();
    },
  };
}
