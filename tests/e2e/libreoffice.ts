/**
 * LibreOffice, headless, as a finance user's spreadsheet: opens an XLSX, recalculates every
 * formula (a profile set to recalculate on load, as a user who presses "Recalculate" would), and
 * saves it; the saved file's cached results are what LibreOffice computed. Debian's
 * `libreoffice-calc-nogui` (installed by scripts/ensure-tools.sh --browser).
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A LibreOffice profile that recalculates OOXML and ODF files on load, always. */
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** `bytes` (an XLSX) opened, recalculated and saved by LibreOffice, read back. */
export async function recalculated(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-lo-'));
  try {
    mkdirSync(join(dir, 'profile/user'), { recursive: true });
    writeFileSync(join(dir, 'profile/user/registrymodifications.xcu'), PROFILE);
    writeFileSync(join(dir, 'in.xlsx'), bytes);
    const args = [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--calc', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx')];
    execFileSync('soffice', args, { stdio: 'pipe', timeout: 120_000 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(join(dir, 'out/in.xlsx')));
    return book;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A cell's number: its value, or a formula's result as LibreOffice computed it. */
export function numberAt(sheet: ExcelJS.Worksheet, address: string): number {
  const cell = sheet.getCell(address);
  const n = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (typeof n !== 'number') throw new Error(`${sheet.name}!${address}: not a number (${JSON.stringify(cell.value)})`);
  return n;
}

/** Cents from a cell holding dollars. */
export const centsAt = (sheet: ExcelJS.Worksheet, address: string) => Math.round(numberAt(sheet, address) * 100) || 0;
