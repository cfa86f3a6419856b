/**
 * The section bar: the main area's sections as tabs, one shown at a time. A click, the arrow keys
 * in the bar, or a digit key anywhere outside a text field (1 for the first section) opens one.
 * The open section is part of the page's address as `?view=<id>` (rewritten in place, so Back
 * leaves the page), so a shared link opens where its author was; an address without `view=`, or
 * with an unknown one, opens the first section. Sections hidden by the bar do no work: panels that
 * follow the estimate only while on screen pick it up when their section opens.
 */
import { h } from '../dom';

/** A section: its id (the `view=` value and, prefixed `view-`, its element's id) and its tab's label. */
export interface Section {
  id: string;
  label: string;
}

/** The sections, in the bar's order. */
export const SECTIONS: readonly Section[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'bill', label: 'Bill' },
  { id: 'capacity', label: 'Capacity' },
  { id: 'savings', label: 'Savings' },
  { id: 'growth', label: 'Growth' },
  { id: 'deal', label: 'Deal' },
  { id: 'quote', label: 'Quote' },
  { id: 'compare', label: 'Compare' },
];

/** The query parameter that names the open section. */
export const VIEW_PARAM = 'view';

/** Opens a section by id, and (optionally) brings the element with id `target` in it into view. */
export type ShowSection = (id: string, target?: string) => void;

/** True when a key press belongs to the element it was made in (typing, choosing). */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches('input:not([type=range]):not([type=checkbox]), select, textarea'));

/** Builds the bar in `nav` and opens the section named by the address; returns how to open another. */
export function createSections(nav: HTMLElement): ShowSection {
  const tabs = SECTIONS.map(({ id, label }, i) => {
    const tab = h('button', {
      type: 'button',
      id: `tab-${id}`,
      attrs: { role: 'tab', 'aria-controls': `view-${id}`, 'aria-keyshortcuts': String(i + 1) },
    }, label);
    tab.addEventListener('click', () => show(id));
    return tab;
  });
  nav.append(h('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Sections' } }, ...tabs));
  const views = SECTIONS.map(({ id }) => {
    const view = document.getElementById(`view-${id}`)!;
    view.setAttribute('role', 'tabpanel');
    return view;
  });

  const show: ShowSection = (id, target) => {
    const at = Math.max(0, SECTIONS.findIndex((s) => s.id === id));
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === at));
      tab.tabIndex = i === at ? 0 : -1;
      views[i]!.hidden = i !== at;
    });
    const url = new URL(location.href);
    if (at === 0) url.searchParams.delete(VIEW_PARAM);
    else url.searchParams.set(VIEW_PARAM, SECTIONS[at]!.id);
    if (url.href !== location.href) history.replaceState(history.state, '', url.href);
    // The new section from its start (or at `target`): the main area's own scroll on wide
    // screens, the page's on a phone (when scrolled past the section's top).
    const el = target ? document.getElementById(target) : null;
    const main = views[at]!.parentElement!;
    if (el) el.scrollIntoView({ block: 'start' });
    else {
      main.scrollTop = 0;
      if (main.getBoundingClientRect().top < 0) main.scrollIntoView({ block: 'start' });
    }
  };

  nav.addEventListener('keydown', (event) => {
    const at = tabs.indexOf(event.target as HTMLButtonElement);
    if (at < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const next = (at + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    show(SECTIONS[next]!.id);
    tabs[next]!.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const section = SECTIONS[Number(event.key) - 1];
    if (!section || !/^[1-9]$/.test(event.key)) return;
    event.preventDefault();
    show(section.id);
  });
  show(new URL(location.href).searchParams.get(VIEW_PARAM) ?? SECTIONS[0]!.id);
  return show;
}
