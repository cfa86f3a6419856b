/**
 * From an input in an explanation to its control: the field with its `data-path` (a number field
 * rather than its slider), opening the inputs rail and the Advanced inputs (built when first
 * opened) when it is there; the headline knobs stand in for a cohort's peak QPS and egress, and
 * for the customer count, when the page has no field of the cohort.
 */
const KNOBS: [pattern: RegExp, knob: string][] = [
  [/^customers\[\d+\]\.count$/, 'customers'],
  [/^customers\[\d+\]\.profile\.peakQps$/, 'peakQpsPerCustomer'],
  [/^customers\[\d+\]\.profile\.egressGbPerMonth$/, 'egressGbPerCustomer'],
];

const find = (path: string) =>
  document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]:not([type=range])`) ??
  document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);

/** Waits up to about a second for `path`'s control (the Advanced panel builds after its code loads). */
async function control(path: string): Promise<HTMLElement | null> {
  for (let frame = 0; frame < 60; frame++) {
    const el = find(path);
    if (el) return el;
    await new Promise((done) => requestAnimationFrame(done));
  }
  return null;
}

/** Brings `path`'s control into view and focuses it. */
export async function jumpTo(path: string): Promise<void> {
  const toggle = document.getElementById('inputs-toggle');
  if (toggle?.getAttribute('aria-expanded') === 'false' && getComputedStyle(toggle).display !== 'none') toggle.click();
  let el = find(path);
  if (!el) {
    const advanced = document.getElementById('advanced') as HTMLDetailsElement | null;
    if (advanced) advanced.open = true;
    el = await control(path);
  }
  el ??= find(KNOBS.find(([pattern]) => pattern.test(path))?.[1] ?? '');
  if (!el) return;
  el.closest('details')?.setAttribute('open', '');
  el.scrollIntoView({ block: 'center' });
  el.focus();
}
