/**
 * Saved scenarios in the browser's localStorage, as one JSON list under {@link KEY}. Entries are
 * checked when read: a damaged one is skipped (and kept as it is, so nothing is lost by a later
 * write). A stored list that cannot be read at all is moved aside to {@link DAMAGED_KEY} (with
 * the time) before a new list is written over it, never lost. Every change writes a whole new
 * list; when the write fails (storage full or disabled) the stored list is untouched and the
 * caller gets a message saying so.
 */
import { fields } from './engine';

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
  /** True when the stored list could not be read at all (the next write keeps it aside). */
  unreadable: boolean;
}

const KEY = 'headroom.savedScenarios';
/** Where a stored list that cannot be read is kept, followed by the time it was moved there. */
const DAMAGED_KEY = `${KEY}.damaged.`;
let maxName: number | undefined;
/**
 * Longest name kept, in characters (code points, as the model counts: an emoji is one): the
 * model's limit for a scenario's name (its field table's `name` row), read once.
 */
export const nameLimit = (): number => (maxName ??= fields().find((row) => row.path === 'name')!.max);

const DISABLED =
  'This browser does not let the page store anything (storage is disabled or blocked), so scenarios cannot be saved here. Use "Copy link" to keep this one.';

/** `text`'s length in characters (code points), as the model counts. */
export const characters = (text: string): number => [...text].length;

/** True for a well-formed saved scenario (its link is the model's to judge, when opened). */
export function isSaved(item: unknown): item is SavedScenario {
  if (typeof item !== 'object' || item === null) return false;
  const { name, link, monthlyCostCents, savedAt } = item as Record<string, unknown>;
  return (
    typeof name === 'string' && name.length > 0 && characters(name) <= nameLimit() &&
    typeof link === 'string' &&
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
  if (typeof store === 'string') return { items: [], entries: [], problem: store, unreadable: false };
  let items: unknown;
  try {
    items = JSON.parse(store.getItem(KEY) ?? '[]');
  } catch {
    items = null;
  }
  if (!Array.isArray(items)) {
    const problem = 'The saved scenarios could not be read: the stored list is damaged. Saving keeps it aside, as it is, in this browser and starts a new list.';
    return { items: [], entries: [], problem, unreadable: true };
  }
  const entries = items.flatMap((entry: unknown, at) => (isSaved(entry) ? [{ entry, at }] : []));
  const skipped = items.length - entries.length;
  const problem = skipped ? `${skipped} saved scenario${skipped > 1 ? 's' : ''} could not be read (damaged) and ${skipped > 1 ? 'are' : 'is'} not listed.` : '';
  return { items, entries, problem, unreadable: false };
}

/** True when `raw` (the stored text, if any) is not a list: {@link readShelf} reads nothing from it. */
function unreadable(raw: string | null): raw is string {
  if (raw === null) return false;
  try {
    return !Array.isArray(JSON.parse(raw));
  } catch {
    return true;
  }
}

/**
 * Writes `items` as the stored list; returns why it failed (the old list is then untouched), or
 * empty. A stored list that cannot be read is first kept under {@link DAMAGED_KEY}.
 */
export function writeShelf(items: readonly unknown[]): string {
  const store = storage();
  if (typeof store === 'string') return store;
  try {
    const raw = store.getItem(KEY);
    if (unreadable(raw)) store.setItem(`${DAMAGED_KEY}${new Date().toISOString()}`, raw);
    store.setItem(KEY, JSON.stringify(items));
    return '';
  } catch (error) {
    const full = error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
    return full
      ? 'Browser storage is full, so this was not saved. Your saved scenarios are unchanged: delete one to make room, or use "Copy link".'
      : DISABLED;
  }
}
