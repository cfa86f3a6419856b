/**
 * "Import": opens a scenario from a file, picked with the button or dropped anywhere on the page
 * (a hint covers the page while a file is dragged over it). The file may be a JSON export or a
 * bare scenario; the model reads it (`importLink`, in the tools module: the scenario and its pins
 * as a share link) and the session opens it as it opens a link.
 * A file the model refuses, or one over {@link MAX_BYTES}, leaves the scenario as it is and says
 * why in the page's alert. Nothing from the file is ever shown as HTML.
 */
import type { Alert } from './alert';
import { h } from './dom';
import { messageOf, Planner, tools } from './engine';
import type { Session } from './session';

/** Largest file read: an export of the biggest scenario the model allows is far smaller. */
export const MAX_BYTES = 5_000_000;

/** A size in MB with one decimal, e.g. `6.2 MB`. */
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** True when a drag carries files (not text or a link from the page itself). */
const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** What the import reports when a file opened: its name and the scenario's. */
export type Opened = (file: string, scenario: string) => void;

/** Reads `file` and opens its scenario in `session`; says why not in `alert`. */
async function open(file: File, session: Session, alert: Alert, opened: Opened): Promise<void> {
  const refuse = (reason: string) => alert(`This file could not be opened: ${reason}. The scenario on screen is unchanged.`);
  if (file.size > MAX_BYTES) return refuse(`"${file.name}" is ${megabytes(file.size)}, over the ${megabytes(MAX_BYTES)} limit for a scenario file`);
  try {
    const planner = Planner.fromLink((await tools()).importLink(await file.text()));
    session.open(planner);
    alert('');
    opened(file.name, planner.scenario().name);
  } catch (error) {
    refuse(messageOf(error));
  }
}

/** Shows `hint` while files are dragged over the page and opens the one dropped. */
function acceptDrops(hint: HTMLElement, take: (file: File) => void): void {
  let depth = 0;
  const show = (on: boolean) => {
    hint.hidden = !on;
    if (!on) depth = 0;
  };
  document.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    show(true);
  });
  document.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (event) => {
    if (carriesFiles(event) && --depth <= 0) show(false);
  });
  document.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    show(false);
    const file = event.dataTransfer!.files[0];
    if (file) take(file);
  });
}

/**
 * The "Import" button (with its hidden file picker) and the page-wide drop target; returns the
 * button and a line saying files can be dropped.
 */
export function createImport(session: Session, alert: Alert, opened: Opened): HTMLElement[] {
  const picker = h('input', { type: 'file', accept: '.json,application/json', hidden: true });
  const button = h('button', { type: 'button' }, 'Import');
  const take = (file: File) => void open(file, session, alert, opened);
  button.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (file) take(file);
  });
  const overlay = h('div', { className: 'drop-hint', hidden: true }, h('p', {}, 'Drop the JSON file to open its scenario'));
  document.body.append(overlay);
  acceptDrops(overlay, take);
  const note = h('p', { className: 'hint' }, 'Import opens a JSON export (or a scenario file): pick it, or drop it anywhere on the page.');
  return [button, picker, note];
}
