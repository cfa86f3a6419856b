/**
 * Panels below the first screen, driven by IntersectionObserver: work that follows the estimate
 * but need not hold up a slider tick ({@link visibleFrames}), and panels whose code is fetched
 * only when they come near the screen ({@link lazyPanel}).
 */
import type { Panel } from './dom';
import type { Estimate } from './engine';

/**
 * Returns `request()`, which asks for `work` to run in an animation frame in which `el` is on
 * screen: never while off screen (work asked for off screen runs when `el` comes into view), and
 * at most once every `minMs` milliseconds however often it is asked (the last request is always
 * served, so the work ends up showing the latest state).
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
  return request;
}

/**
 * A panel built by `load()` (which fetches its code) when `root` first comes within 300 px of the
 * screen, so the first load does not carry it. Until then it keeps the last estimate it was given,
 * and shows it once built.
 */
export function lazyPanel(root: Element, load: () => Promise<Panel>): Panel {
  let panel: Panel | undefined;
  let last: Estimate | undefined;
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void load().then((built) => {
        panel = built;
        if (last) panel.render(last, true);
      });
    },
    { rootMargin: '300px' },
  );
  observer.observe(root);
  return {
    render(estimate, reset) {
      if (panel) panel.render(estimate, reset);
      else last = estimate;
    },
  };
}
