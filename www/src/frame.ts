/**
 * Work that follows the estimate but need not hold up a slider tick: it runs at most once per
 * animation frame, and only while its element is on screen (an IntersectionObserver); work
 * requested off screen runs when the element comes into view.
 */

/** Returns `request()`, which asks for `work` to run in the next frame in which `el` is visible. */
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
