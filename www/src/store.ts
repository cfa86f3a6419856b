/**
 * Saved scenarios in the browser's localStorage, as one JSON list under {@link KEY}. Entries are
 * checked when read: a damaged one is skipped (and kept as it is, so nothing is lost by a later
 * write). Every change writes a whole new list; when the write fails (storage full or disabled)
 * the stored list is untouched and the caller gets a message saying so.
 */

/** One saved scenario. */
export interface SavedScenario {
  /** The name it was saved under (unique in the list). */
  name: string;
  /** Its share link (fragment without `#`). */
  link: string;
  /** Its monthly cost when saved, in cents. */
  monthlyCostCents: number;
  /** When it was saved, ISO 8601. */
  savedAt: string;
}

/** The stored list: every item as stored, and the readable ones with their place in it. */
export interface Shelf {
  items: readonly unknown[];
  entries: readonly { entry: SavedScenario; at: number }[];
  /** What went wrong reading, or empty. */
  problem: string;
}

const KEY = 'headroom.savedScenarios';
/** Longest name kept. */
export const MAX_NAME = 120;
const MAX_LINK = 100_000;

const DISABLED =
  'This browser does not let the page store anything (storage is disabled or blocked), so scenarios cannot be saved here. Use "Copy link" to keep this one.';

/** True for a well-formed saved scenario. */
function isSaved(item: unknown): item is SavedScenario {
  if (typeof item !== 'object' || item === null) return false;
  const { name, link, monthlyCostCents, savedAt } = item as Record<string, unknown>;
  return (
    typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME &&
    typeof link === 'string' && link.length <= MAX_LINK &&
    Number.isSafeInteger(monthlyCostCents) &&
    typeof savedAt === 'string' && !Number.isNaN(Date.parse(savedAt))
  );
}

/** localStorage, or the message saying it cannot be used. */
function storage(): Storage | string {
  try {
    return window.localStorage ?? DISABLED;
  } catch {
    return DISABLED;
  }
}

/** Reads the saved scenarios; never throws. */
export function readShelf(): Shelf {
  const store = storage();
  if (typeof store === 'string') return { items: [], entries: [], problem: store };
  let items: unknown;
  try {
    items = JSON.parse(store.getItem(KEY) ?? '[]');
  } catch {
    items = null;
  }
  if (!Array.isArray(items)) return { items: [], entries: [], problem: 'The saved scenarios could not be read: the stored list is damaged.' };
  const entries = items.flatMap((entry: unknown, at) => (isSaved(entry) ? [{ entry, at }] : []));
  const skipped = items.length - entries.length;
  const problem = skipped ? `${skipped} saved scenario${skipped > 1 ? 's' : ''} could not be read (damaged) and ${skipped > 1 ? 'are' : 'is'} not listed.` : '';
  return { items, entries, problem };
}

/** Writes `items` as the stored list; returns why it failed (the old list is then untouched), or empty. */
export function writeShelf(items: readonly unknown[]): string {
  const store = storage();
  if (typeof store === 'string') return store;
  try {
    store.setItem(KEY, JSON.stringify(items));
    return '';
  } catch (error) {
    const full = error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
    return full
      ? 'Browser storage is full, so this was not saved. Your saved scenarios are unchanged: delete one to make room, or use "Copy link".'
      : DISABLED;
  }
}
