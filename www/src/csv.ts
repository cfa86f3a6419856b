/**
 * A small RFC 4180 reader for the model's CSV export: fields separated by commas, records by
 * CRLF (or LF), a field in double quotes may hold commas, quotes (doubled) and line breaks.
 */

/** The records of `text` (a leading byte order mark skipped), each a list of fields. */
export function readCsv(text: string): string[][] {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < src.length) {
    const c = src[i++]!;
    if (quoted && c === '"' && src[i] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\r' && c !== '\n')) {
      field += c;
    } else if (c === ',') {
      endField();
    } else {
      if (c === '\r' && src[i] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/**
 * The rows of the section `title` (after its title row and header row, up to the blank line
 * that ends it), or an empty list when the text has no such section.
 */
export function csvSection(rows: readonly string[][], title: string): string[][] {
  const start = rows.findIndex((row) => row.length === 1 && row[0] === title);
  if (start < 0) return [];
  const body = rows.slice(start + 2);
  const end = body.findIndex((row) => row.length === 1 && row[0] === '');
  return end < 0 ? body : body.slice(0, end);
}
