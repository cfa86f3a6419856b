/**
 * "Export" and "Import": downloads the current scenario's estimate as CSV (one file in sections;
 * or its tables, a file each, zipped; or the bill alone), JSON, Markdown or XLSX,
 * named after the scenario and today's date (`phase-2-10-customers-2026-11-28.csv`), and opens
 * a scenario from a file (see importfile.ts). The text exports come from the model's tools module (fetched on the first export or import), given the planner's link; the XLSX
 * workbook is built by xlsx.ts, fetched (with its writer) only on the first "Export XLSX".
 */
import type { Alert } from './alert';
import { h, setText, type Panel } from './dom';
import { fileName, save } from './download';
import { messageOf, tools } from './engine';
import { createImport } from './importfile';
import type { Session } from './session';

/** One export: its button's format name, file extension, media type and how its bytes are made. */
interface Format {
  name: string;
  extension: string;
  type: string;
  make: (session: Session) => Promise<BlobPart>;
}

/** The page's address with the current scenario's share link. */
const linkUrl = (session: Session) => {
  const url = new URL(location.href);
  url.hash = session.link();
  return url.href;
};

/** The CSV tables zipped (fflate, fetched with this export only), a file each. */
async function zipped(session: Session): Promise<BlobPart> {
  const [{ zipSync, strToU8 }, t] = await Promise.all([import('fflate'), tools()]);
  const files = Object.fromEntries(t.exportCsvTables(session.link()).map((table) => [table.name, strToU8(table.csv)]));
  return zipSync(files) as Uint8Array<ArrayBuffer>;
}

/** The bill's table alone. */
const billCsv = async (session: Session) => (await tools()).exportCsvTables(session.link()).find((t) => t.name === 'bill.csv')!.csv;

const FORMATS: Format[] = [
  { name: 'CSV', extension: 'csv', type: 'text/csv;charset=utf-8', make: async (session) => (await tools()).exportCsv(session.link()) },
  { name: 'CSV tables (zip)', extension: 'zip', type: 'application/zip', make: zipped },
  { name: 'bill CSV', extension: 'bill.csv', type: 'text/csv;charset=utf-8', make: billCsv },
  { name: 'JSON', extension: 'json', type: 'application/json', make: async (session) => (await tools()).exportJson(session.link()) },
  { name: 'Markdown', extension: 'md', type: 'text/markdown;charset=utf-8', make: async (session) => (await tools()).exportMarkdown(session.link()) },
  {
    name: 'XLSX',
    extension: 'xlsx',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    make: async (session) => {
      const { workbook } = await import('./xlsx');
      const bytes = await workbook({ json: (await tools()).exportJson(session.link()), url: linkUrl(session) });
      return bytes as Uint8Array<ArrayBuffer>;
    },
  },
];

/**
 * Builds the export buttons and their message in `root` (the Export menu) and "Import" in
 * `importRoot` (the top bar); refused files are said in `alert`.
 */
export function createExport(root: HTMLElement, importRoot: HTMLElement, session: Session, alert: Alert): Panel {
  const status = h('p', { className: 'message', attrs: { role: 'status', 'aria-live': 'polite' } });
  const say = (text: string, isError = false) => {
    status.classList.toggle('error', isError);
    setText(status, text);
  };
  const button = (format: Format) => {
    const el = h('button', { type: 'button' }, `Export ${format.name}`);
    let busy = false;
    el.addEventListener('click', async () => {
      if (busy) return;
      busy = true;
      say(`Preparing the ${format.name} file…`);
      try {
        const name = fileName(String(session.get('name')), format.extension);
        save(new Blob([await format.make(session)], { type: format.type }), name);
        say(`Downloaded ${name}.`);
      } catch (error) {
        say(`The ${format.name} export failed: ${messageOf(error)}`, true);
      } finally {
        busy = false;
      }
    });
    return el;
  };
  const imported = h('span', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
  const opened = (file: string, scenario: string) => setText(imported, `Opened "${scenario}" from ${file}.`);
  const [importButton, picker, note] = createImport(session, alert, opened);
  importRoot.append(importButton!, picker!, imported);
  root.append(h('div', { className: 'actions' }, ...FORMATS.map(button)), status, note!);
  return {
    render() {
      say('');
      setText(imported, '');
    },
  };
}
