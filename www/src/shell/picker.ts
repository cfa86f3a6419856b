/**
 * The scenario picker in the top bar: the seed's presets, and, when the scenario on screen is not
 * one of them (a link, a file, a saved scenario, or a preset changed since), "Custom: <its name>"
 * at the top, chosen. It never names a preset that is not on screen. Picking a preset opens it
 * (the pins stay, so it can be compared with them).
 */
import { h, moved, setText, type Panel } from '../dom';
import type { Session } from '../session';

/** Builds the picker in `root`; `presets` are `[id, name]`. */
export function createPicker(root: HTMLElement, session: Session, presets: [string, string][]): Panel {
  const custom = h('option', { value: '' });
  const picker = h('select', { id: 'scenario' }, ...presets.map(([value, name]) => h('option', { value }, name)));
  root.append(h('label', { htmlFor: picker.id }, 'Scenario'), picker);
  picker.addEventListener('change', () => picker.value && session.openPreset(picker.value));
  /** The scenario's name, once read (a whole scenario forgets it; a change brings the new one). */
  let name: string | undefined;
  /** Shows preset `id`, or "Custom: <name>" when `id` is undefined. */
  const show = (id: string | undefined) => {
    if (id !== undefined) {
      custom.remove();
      picker.value = id;
      return;
    }
    name ??= String(session.get('name'));
    setText(custom, `Custom: ${name}`);
    if (!custom.parentElement) picker.prepend(custom);
    picker.value = '';
  };
  return {
    render(_estimate, reset, changed) {
      // A whole scenario: ask the model which preset it is; after a change it is no preset (and
      // its name may be what changed); a change to the pins alone leaves it.
      if (reset || moved('name', changed)) name = changed?.has('name') ? String(changed.get('name')) : undefined;
      if (reset) show(session.matchingPreset());
      else if (!changed || [...changed.keys()].some((path) => path !== 'pins')) show(undefined);
    },
  };
}
