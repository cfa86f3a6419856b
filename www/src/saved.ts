/**
 * "Saved scenarios": saves the current scenario (its link, name, monthly cost and date) under a
 * name in this browser, and lists the saved ones to reopen, rename or delete. Names are shown as
 * text only. Storage problems (full, disabled, damaged entries) are said in the panel's message.
 */
import { h, moved, setText, type Panel } from './dom';
import { messageOf, Planner } from './engine';
import { money } from './format';
import type { Session } from './session';
import { characters, isSaved, nameLimit, readShelf, writeShelf, type SavedScenario } from './store';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** What a panel action reports: `[message, isError]`. */
type Outcome = [string, boolean];

/** Writes `items` and reports `done`, or the failure. */
function write(items: unknown[], done: string): Outcome {
  const failed = writeShelf(items);
  return failed ? [failed, true] : [done, false];
}

/** Saves `entry` under its name, replacing a saved scenario of the same name. */
function save(entry: SavedScenario): Outcome {
  if (characters(entry.name) > nameLimit()) return [`A saved scenario's name can have at most ${nameLimit()} characters.`, true];
  if (!isSaved(entry)) return ['This scenario could not be saved (its figures could not be read).', true];
  const { items, entries, unreadable } = readShelf();
  const same = entries.find((e) => e.entry.name === entry.name);
  const next = [...items];
  if (same) next[same.at] = entry;
  else next.push(entry);
  const kept = unreadable ? ` The damaged list is kept aside under "headroom.savedScenarios.damaged." and the time.` : '';
  return write(next, (same ? `Saved, replacing the earlier "${entry.name}".` : `Saved "${entry.name}".`) + kept);
}

/** Renames the saved scenario at `at` (its place in the stored list). */
function rename(at: number, name: string): Outcome {
  const { items, entries } = readShelf();
  const entry = entries.find((e) => e.at === at)?.entry;
  if (!entry) return ['That saved scenario is no longer there.', true];
  if (!name) return ['A saved scenario needs a name.', true];
  if (characters(name) > nameLimit()) return [`A saved scenario's name can have at most ${nameLimit()} characters.`, true];
  if (entries.some((e) => e.at !== at && e.entry.name === name)) return [`A saved scenario is already called "${name}".`, true];
  const next = [...items];
  next[at] = { ...entry, name };
  return write(next, `Renamed "${entry.name}" to "${name}".`);
}

/** Deletes the saved scenario at `at`. */
function remove(at: number, name: string): Outcome {
  const { items } = readShelf();
  return write(items.filter((_, i) => i !== at), `Deleted "${name}".`);
}

/** Builds the panel in `root`. */
export function createSaved(root: HTMLElement, session: Session): Panel {
  const nameInput = h('input', { type: 'text', id: 'save-name', maxLength: nameLimit(), attrs: { autocomplete: 'off' } });
  const form = h(
    'form',
    { className: 'save' },
    h('label', { htmlFor: nameInput.id }, 'Save as'),
    h('div', { className: 'pair' }, nameInput, h('button', { type: 'submit' }, 'Save')),
  );
  const message = h('p', { className: 'message', attrs: { role: 'status', 'aria-live': 'polite' } });
  const list = h('ul', { className: 'saved-list' });
  root.append(form, message, list);

  /** Shows `outcome` (or a reading problem) and the list as stored now. */
  const refresh = ([text, isError]: Outcome = ['', false]) => {
    const shelf = readShelf();
    const note = isError || !shelf.problem ? text : [text, shelf.problem].filter(Boolean).join(' ');
    message.classList.toggle('error', isError || (!text && !!shelf.problem));
    setText(message, note || shelf.problem);
    list.replaceChildren(...shelf.entries.map(({ entry, at }) => item(entry, at)));
  };

  const item = (entry: SavedScenario, at: number) => {
    const name = h('input', { type: 'text', value: entry.name, maxLength: nameLimit(), attrs: { 'aria-label': `Name of saved scenario "${entry.name}"` } });
    name.addEventListener('change', () => refresh(rename(at, name.value.trim())));
    const open = h('button', { type: 'button', attrs: { 'aria-label': `Open "${entry.name}"` } }, 'Open');
    open.addEventListener('click', () => {
      try {
        session.open(Planner.fromLink(entry.link));
        refresh([`Opened "${entry.name}".`, false]);
      } catch (error) {
        refresh([`"${entry.name}" could not be opened: ${messageOf(error)}`, true]);
      }
    });
    const del = h('button', { type: 'button', attrs: { 'aria-label': `Delete "${entry.name}"` } }, 'Delete');
    del.addEventListener('click', () => refresh(remove(at, entry.name)));
    const when = h('time', { dateTime: entry.savedAt }, dateTime.format(new Date(entry.savedAt)));
    return h(
      'li',
      {},
      name,
      h('span', { className: 'saved-cost' }, `${money(entry.monthlyCostCents)} / month`),
      h('span', { className: 'saved-date' }, 'saved ', when),
      h('span', { className: 'saved-actions' }, open, del),
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim() || nameInput.placeholder;
    const entry = { name, link: session.link(), monthlyCostCents: session.estimate().totals.monthlyCostCents, savedAt: new Date().toISOString() };
    refresh(save(entry));
  });

  refresh();
  return {
    render(_estimate, reset, changed) {
      if (!reset && !moved('name', changed)) return;
      const name = changed?.has('name') ? changed.get('name') : session.get('name');
      nameInput.placeholder = (typeof name === 'string' && name.trim()) || 'Untitled scenario';
    },
  };
}
