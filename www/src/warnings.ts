/**
 * Sanity warnings beside the inputs: the model's warnings (an input accepted but implying
 * something implausible, with the implied figure) each shown under its field's message, and under
 * the headline knob that sets it for every cohort (peak QPS and egress per customer). Warnings,
 * not errors: nothing is refused.
 */
import { h, setText, type Panel } from './dom';
import type { Session } from './session';

/** The headline knob that also sets a cohort's field, by the field's name in its profile. */
const KNOBS: Record<string, string> = {
  peakQps: 'peakQpsPerCustomer',
  egressGbPerMonth: 'egressGbPerCustomer',
};

/** The fields a warning on `path` shows beside. */
function places(path: string): string[] {
  const knob = /^(?:customers\[\d+\]\.profile|typicalCustomer)\.(\w+)$/.exec(path)?.[1];
  return knob && KNOBS[knob] ? [path, KNOBS[knob]] : [path];
}

/** Shows the warnings after each change, where their fields are on the page. */
export function createWarnings(session: Session): Panel {
  return {
    render() {
      const shown = new Map<string, string[]>();
      for (const w of session.warnings()) {
        for (const path of places(w.path)) shown.set(path, [...(shown.get(path) ?? []), w.message]);
      }
      for (const old of document.querySelectorAll<HTMLElement>('.warning[data-warning]')) {
        if (!shown.has(old.dataset.warning!)) setText(old, '');
      }
      for (const [path, messages] of shown) {
        const error = document.getElementById(`error-${path}`);
        if (!error) continue;
        let line = document.getElementById(`warning-${path}`);
        if (!line) {
          line = h('p', { id: `warning-${path}`, className: 'warning', attrs: { 'data-warning': path, role: 'status' } });
          error.after(line);
          for (const input of document.querySelectorAll(`[data-path="${CSS.escape(path)}"]`)) {
            input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${line.id}`.trim());
          }
        }
        setText(line, [...new Set(messages)].join(' '));
      }
    },
  };
}
