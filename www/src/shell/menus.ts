/**
 * The top bar's menus (Save, Export, Print): a `<details>` whose summary is the action's name and
 * whose body drops down under it. One is open at a time; a click outside, or Escape, closes it
 * (Escape gives the focus back to its summary).
 */
import { h } from '../dom';

/** A menu: its element (to place in the bar) and its body (to fill). */
export interface Menu {
  element: HTMLDetailsElement;
  body: HTMLElement;
}

/** A menu named `label`. */
export function menu(label: string): Menu {
  const body = h('div', { className: 'menu-body' });
  const element = h('details', { className: 'menu' }, h('summary', {}, label), body);
  element.addEventListener('toggle', () => {
    if (!element.open) return;
    for (const other of document.querySelectorAll<HTMLDetailsElement>('details.menu[open]')) if (other !== element) other.open = false;
  });
  return { element, body };
}

/** Closes open menus on a click outside them or on Escape (once, for the whole page). */
export function closeMenusOnLeave(): void {
  document.addEventListener('click', (event) => {
    for (const open of document.querySelectorAll<HTMLDetailsElement>('details.menu[open]')) {
      if (!open.contains(event.target as Node)) open.open = false;
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const open of document.querySelectorAll<HTMLDetailsElement>('details.menu[open]')) {
      open.open = false;
      open.querySelector('summary')?.focus();
    }
  });
}
