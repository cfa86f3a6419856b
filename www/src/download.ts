/** Files the page hands to the browser's downloads: their names and the download itself. */

/** The name a file gets when the scenario has none (or none in letters and digits). */
const FALLBACK = 'scenario';
/** Longest slug kept, so file names stay short on every system. */
const MAX_SLUG = 60;

/**
 * The scenario's name for a file: lowercase ASCII letters and digits, words joined by hyphens
 * (`Phase 2: 10 customers` → `phase-2-10-customers`, `Café` → `cafe`), or `scenario` when
 * nothing is left.
 */
export function slug(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return words.slice(0, MAX_SLUG).replace(/-+$/, '') || FALLBACK;
}

/** `date` as `YYYY-MM-DD` in local time. */
export function localDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** A file name for the scenario `name` exported on `date`: `phase-2-10-customers-2026-11-28.csv`. */
export function fileName(name: string, extension: string, date = new Date()): string {
  return `${slug(name)}-${localDate(date)}.${extension}`;
}

/** Downloads `blob` as `name`: an object URL behind a temporary link, revoked once clicked. */
export function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has started from the click; revoking on the next task is safe in every browser.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
