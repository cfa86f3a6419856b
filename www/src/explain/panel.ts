/**
 * The explanation side panel (fetched on first use by ./hook.ts): the model's derivation of one
 * figure as a tree (label, figure, formula, and where each number comes from: an input, which
 * jumps to its control; a price with its source, date and confirmation; a constant; another
 * figure, which opens its own explanation). While open it follows the scenario: each change
 * explains the figure again (at most once a frame). "Copy as text" copies the tree as indented
 * plain text. All strings from the model are set as text, never as HTML.
 */
import { h, setText } from '../dom';
import { messageOf } from '../engine';
import type { Explanation, Node as Step } from '../generated/Explain';
import type { Session } from '../session';
import type { Tools } from '../tools';
import { jumpTo } from './jump';
import { explanationText, figureText, sourceText } from './text';
import './explain.css';

/** The panel, once built. */
export interface ExplainPanel {
  /** Opens the explanation of `handle` (a target id, or `line:<index>`); `opener` gets focus back on close. */
  open(handle: string, opener: HTMLElement): void;
  /** Explains the open figure again for the current scenario (in the next frame). */
  follow(): void;
}

/** Levels of the tree shown open; deeper ones start folded. */
const OPEN_LEVELS = 3;

/** A node's item: its line, formula and source, then its children. */
function item(step: Step, depth: number, onTarget: (id: string) => void): HTMLLIElement {
  const figure = h('span', { className: 'explain-figure' }, figureText(step));
  if (step.figure !== null) figure.dataset.figure = String(step.figure);
  const li = h('li', { className: `explain-node source-${step.source.kind}` }, h('span', { className: 'explain-label' }, step.label), ' ', figure);
  if (step.formula) li.append(h('div', { className: 'explain-formula' }, `= ${step.formula}`));
  const source = step.source;
  if (source.kind === 'input') {
    const button = h('button', { type: 'button', className: 'explain-input link' }, `Input ${source.path}`);
    button.addEventListener('click', () => jumpTo(source.path));
    li.append(h('div', { className: 'explain-source' }, button));
  } else if (source.kind === 'figure') {
    const button = h('button', { type: 'button', className: 'explain-target link' }, `Explain ${source.id}`);
    button.addEventListener('click', () => onTarget(source.id));
    li.append(h('div', { className: 'explain-source' }, button));
  } else if (source.kind === 'price' || source.kind === 'constant') {
    li.append(h('div', { className: 'explain-source' }, sourceText(source)));
  }
  if (step.children.length > 0) {
    const list = h('ul', {}, ...step.children.map((c) => item(c, depth + 1, onTarget)));
    if (depth + 1 < OPEN_LEVELS) li.append(list);
    else li.append(h('details', {}, h('summary', {}, `${step.children.length} figure${step.children.length === 1 ? '' : 's'} it comes from`), list));
  }
  return li;
}

/** Builds the panel (hidden until opened) at the end of the page. */
export function createExplainPanel(session: Session, tools: Tools): ExplainPanel {
  const title = h('h2', { id: 'explain-title' }, 'How this figure is computed');
  const close = h('button', { type: 'button' }, 'Close');
  const copy = h('button', { type: 'button' }, 'Copy as text');
  const status = h('p', { className: 'hint', attrs: { 'aria-live': 'polite' } });
  const tree = h('ul', { className: 'explain-tree' });
  const root = h(
    'aside',
    { id: 'explain', className: 'explain-panel', hidden: true, tabIndex: -1, attrs: { role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': title.id } },
    h('div', { className: 'explain-bar' }, title, copy, close),
    status,
    tree,
  );
  document.body.append(root);
  let id: string | undefined;
  /** The pinned scenario the open figure is of (0 is A), or none for the current scenario. */
  let pin: number | undefined;
  let shown: Explanation | undefined;
  /** The link of the scenario the open figure is of. */
  const linkOf = () => (pin === undefined ? session.link() : tools.encodeLink(session.pins()[pin]!));
  let opener: HTMLElement | undefined;
  let pending = false;

  const draw = () => {
    pending = false;
    if (!id || root.hidden) return;
    try {
      shown = tools.explain(linkOf(), id);
      tree.replaceChildren(item(shown.root, 0, (t) => show(pin === undefined ? t : `pin:${pin}:${t}`)));
      setText(status, '');
    } catch (error) {
      shown = undefined;
      tree.replaceChildren();
      setText(status, `This figure is not in the estimate now (${messageOf(error)}).`);
    }
  };
  /** Shows target `target` (an id, or `line:<index>` resolved through the model's list of targets). */
  function show(target: string) {
    const pinned = /^pin:(\d+):(.*)$/.exec(target);
    pin = pinned ? Number(pinned[1]) : undefined;
    if (pinned) target = pinned[2]!;
    setText(title, pin === undefined ? 'How this figure is computed' : `How this figure is computed, for pin ${String.fromCharCode(65 + pin)}`);
    if (target.startsWith('line:')) {
      const lines = tools.explainTargets(session.link()).filter((t) => t.startsWith('lines.'));
      target = lines[Number(target.slice('line:'.length))] ?? target;
    }
    id = target;
    root.dataset.target = target;
    root.hidden = false;
    draw();
    root.focus();
  }
  close.addEventListener('click', () => {
    root.hidden = true;
    id = undefined;
    opener?.focus();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close.click();
  });
  copy.addEventListener('click', () => {
    if (!shown) return;
    navigator.clipboard.writeText(explanationText(shown.root)).then(
      () => setText(status, 'Copied.'),
      (error) => setText(status, `Not copied: ${messageOf(error)}`),
    );
  });
  return {
    open(handle, from) {
      opener = from;
      show(handle);
    },
    follow() {
      if (id && !root.hidden && !pending) {
        pending = true;
        requestAnimationFrame(draw);
      }
    },
  };
}
