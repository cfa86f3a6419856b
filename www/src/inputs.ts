/**
 * Inputs that edit the scenario, built from the model's field table. Each carries `data-path`,
 * its `Planner.set` path. One `input` and one `change` listener on a panel's root send a value
 * once per change; a refused value marks its input (aria-invalid, the model's message in the
 * element its aria-describedby names) and the last good figures stay. Panels bring their inputs
 * in line with the model on every render ({@link syncInputs}): after a value was set, only the
 * inputs of the values it moved, with the values the model returned.
 */
import { h, setText, type Changes } from './dom';
import { messageOf, type Field, type FieldValue } from './engine';
import { labelOf } from './fields';
import type { Session } from './session';
import { guard } from './shell/guardrails';

/** An input that edits one field. */
export type Input = HTMLInputElement | HTMLSelectElement;

/** How an input is named and what it may do besides its row's kind and range. */
export interface InputOptions {
  /** The element id (for a `<label for>`). */
  id?: string;
  /** The accessible name, where no visible label names the input (table cells). */
  name?: string;
  /** An empty number field clears the value (sends null): price overrides. */
  clearable?: boolean;
}

const errorId = (path: string) => `error-${path}`;

/** The (empty until a value is refused) message for `path`. */
export const errorFor = (path: string): HTMLElement =>
  h('p', { id: errorId(path), className: 'error', attrs: { 'aria-live': 'polite' } });

/** Attributes of a number input from its row: range, and whole steps for whole numbers. */
function numberAttrs(row: Field): Record<string, string> {
  return { min: String(row.min), max: String(row.max), step: row.kind === 'whole' ? '1' : 'any' };
}

/** An input for `path` with the kind, range and options of its table `row`. */
export function inputFor(row: Field, path: string, options: InputOptions = {}): Input {
  const attrs: Record<string, string> = { 'data-path': path, 'aria-describedby': errorId(path) };
  if (options.id) attrs.id = options.id;
  if (options.name) attrs['aria-label'] = options.name;
  if (options.clearable) attrs['data-clear'] = '';
  switch (row.kind) {
    case 'switch':
      return h('input', { type: 'checkbox', attrs });
    case 'choice':
      return h('select', { attrs }, ...row.options.map(({ value, label }) => h('option', { value }, label)));
    case 'text':
      return h('input', { type: 'text', attrs: { ...attrs, maxlength: String(row.max) } });
    case 'list':
      return h('input', { type: 'text', attrs });
    default:
      return h('input', { type: 'number', attrs: { ...attrs, ...numberAttrs(row) } });
  }
}

/** A labelled field for `path` (label, input and its message), as in the Advanced fieldsets. */
export function fieldFor(row: Field, path: string, label = labelOf(row)): HTMLElement {
  const id = `input-${path}`;
  const input = inputFor(row, path, { id });
  const labelEl = h('label', { htmlFor: id, id: `label-${path}` }, label);
  const check = row.kind === 'switch';
  return check
    ? h('div', { className: 'field check' }, input, labelEl, errorFor(path))
    : h('div', { className: 'field' }, labelEl, input, errorFor(path));
}

/** Marks `el` refused with `message`, or clears its mark for an empty message. */
function mark(el: Input, message: string): void {
  if (message) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
  say(el, message);
}

/** Shows `message` in `el`'s message line (a refusal, or with `note` what came with its change). */
function say(el: Input, message: string, note = false): void {
  const line = document.getElementById(errorId(el.dataset.path!));
  if (!line) return;
  line.classList.toggle('note', note);
  setText(line, message);
}

/** How an input shows a model value: numbers without float noise, lists comma-separated. */
function shown(value: FieldValue): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(10)));
  if (Array.isArray(value)) return value.join(', ');
  return value === null ? '' : String(value);
}

/**
 * Shows the model's values in the inputs under `root`. With `changed` (what a change moved), only
 * the inputs of those paths, with those values and unmarked (a refused text there is stale),
 * except the focused input (being typed in or dragged). Otherwise every input, read with `read`:
 * unless `reset`, the focused input and marked inputs (they keep the refused text) are left
 * alone; with `reset` every input is rewritten and unmarked.
 */
export function syncInputs(root: ParentNode, read: (path: string) => FieldValue, reset: boolean, changed?: Changes): void {
  if (changed && !reset) {
    for (const [path, value] of changed) {
      for (const el of root.querySelectorAll<Input>(`[data-path="${CSS.escape(path)}"]`)) {
        if (el === document.activeElement) continue;
        if (el.hasAttribute('aria-invalid')) mark(el, '');
        show(el, value);
      }
    }
    return;
  }
  for (const el of root.querySelectorAll<Input>('[data-path]')) {
    if (!reset && (el === document.activeElement || el.hasAttribute('aria-invalid'))) continue;
    if (reset && el.hasAttribute('aria-invalid')) mark(el, '');
    show(el, read(el.dataset.path!));
  }
}

/** Puts `value` in `el`. */
function show(el: Input, value: FieldValue): void {
  if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === true;
  else if (el.value !== shown(value)) el.value = shown(value);
}

/** A number field that is empty or unreadable, where that does not mean "clear the override". */
const unreadable = (el: HTMLInputElement) => el.value === '' && (el.validity.badInput || !el.hasAttribute('data-clear'));

/** What an event on `el` sends: a value, `null` (clear a price override), or nothing. */
function valueOf(el: Input, event: Event): FieldValue | undefined {
  const onInput = event.type === 'input';
  if (el instanceof HTMLSelectElement) return onInput ? undefined : el.value;
  switch (el.type) {
    case 'range':
      return onInput ? el.valueAsNumber : undefined;
    case 'number':
      if (!onInput || unreadable(el)) return undefined;
      return el.value === '' ? null : el.valueAsNumber;
    case 'checkbox':
      return onInput ? undefined : el.checked;
    default:
      return onInput ? undefined : el.value;
  }
}

/**
 * Sends the value of the input `event` came from, with what the set-up needs besides (guardrails.ts,
 * said in the input's message line); marks it when refused, else unmarks the inputs of its path
 * and shows the value in the others (a slider's number field that held refused text).
 */
function send(session: Session, event: Event): void {
  const el = event.target as Input;
  const path = el.dataset?.path;
  if (!path) return;
  const value = valueOf(el, event);
  if (value === undefined) {
    if (event.type === 'change' && el instanceof HTMLInputElement && el.type === 'number' && unreadable(el)) mark(el, 'Enter a number.');
    return;
  }
  try {
    const guarded = guard(path, value, (p) => session.get(p));
    if (guarded) session.setAll(guarded.changes);
    else session.set(path, value);
    say(el, guarded?.note ?? '', true);
  } catch (error) {
    mark(el, messageOf(error));
    return;
  }
  for (const other of document.querySelectorAll<Input>(`[data-path="${CSS.escape(path)}"]`)) {
    if (!other.hasAttribute('aria-invalid')) continue;
    mark(other, '');
    if (other !== el) show(other, session.get(path));
  }
}

/** Sends every change of an input under `root` to `session`. */
export function bindInputs(root: HTMLElement, session: Session): void {
  const listener = (event: Event) => send(session, event);
  root.addEventListener('input', listener);
  root.addEventListener('change', listener);
}
