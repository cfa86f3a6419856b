/**
 * Panels below the first screen, driven by IntersectionObserver: work that follows the estimate
 * but need not hold up a slider tick ({@link visibleFrames}), and panels whose code is fetched
 * only when they come near the screen ({@link lazyPanel}).
 */
import type { Panel } from './dom';
import type { Estimate } from './engine';

/**
 * Returns `request()`, which asks for `work` to run in the next animation frame in which `el` is
 * on screen: at most once per frame however often it is asked, and never while off screen (work
 * asked for off screen runs when `el` comes into view).
 */
export function visibleFrames(el: Element, work: () => void): () => void {
  let visible = false;
  let stale = false;
  let frame = 0;
  const run = () => {
    frame = 0;
    if (!visible) return;
    stale = false;
    work();
  };
  const request = () => {
    stale = true;
    if (visible && !frame) frame = requestAnimationFrame(run);
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
