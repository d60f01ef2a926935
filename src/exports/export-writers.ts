/**
 * CSV, ODS and JSON, each written page by page from an async source of rows: one page
 * in memory at a time, whatever the number of declarations (spec §A7).
 */
import type { Language } from '../i18n/messages.ts';
import { csvField } from '../lib/format-fr.ts';
import { HEADERS, cellsOf, jsonOf, neutralise, type Cell, type ExportRow } from './export-format.ts';
import { ZipWriter } from './zip-writer.ts';

export type ExportFormat = 'csv' | 'ods' | 'json';
export type Pages = AsyncIterable<ExportRow[]>;

const utf8 = new TextEncoder();

// CSV -----------------------------------------------------------------------------------

// RFC 4180 quoting (csvField, shared with the valuation summary); `;` separates.
function csvCell(c: Cell): string {
  switch (c.kind) {
    case 'text':
      return csvField(neutralise(c.value));
    case 'date':
      return c.value;
    case 'number':
      return csvField(c.text);
    case 'empty':
      return '';
  }
}

const csvLine = (fields: string[]) => `${fields.join(';')}\r\n`;

/** UTF-8 with a byte order mark, so Excel reads accents right. */
export async function* csv(pages: Pages, lang: Language): AsyncGenerator<Uint8Array> {
  yield utf8.encode(`\uFEFF${csvLine(HEADERS[lang].map(csvField))}`);
  for await (const rows of pages) yield utf8.encode(rows.map((r) => csvLine(cellsOf(r, lang).map(csvCell))).join(''));
}

// JSON ----------------------------------------------------------------------------------

/** One array, written element by element. */
export async function* json(pages: Pages, lang: Language): AsyncGenerator<Uint8Array> {
  yield utf8.encode('[');
  let first = true;
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    const body = rows.map((r) => JSON.stringify(jsonOf(r, lang))).join(',\n');
    yield utf8.encode(first ? `\n${body}` : `,\n${body}`);
    first = false;
  }
  yield utf8.encode('\n]\n');
}

// ODS -----------------------------------------------------------------------------------

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** XML 1.0 forbids most control characters even escaped: they are dropped. */
function xmlText(s: string): string {
  if (!/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) return s; // most cells: nothing to do
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * ODF collapses white space in text like HTML does (ODF 1.2 part 1 §6.1.2): tabs and
 * runs of spaces are written as elements so the cell keeps them.
 */
function odfLine(line: string): string {
  if (!/ {2}|^ |\t/.test(line)) return xmlText(line);
  return xmlText(line)
    .replace(/ {2,}/g, (run) => ` <text:s text:c="${run.length - 1}"/>`)
    .replace(/^ /, '<text:s/>')
    .replaceAll('\t', '<text:tab/>');
}

/** A text cell: one paragraph per line, as LibreOffice writes them. */
const paragraphs = (s: string) =>
  /[\r\n]/.test(s) ? s.split(/\r\n|\r|\n/).map((line) => `<text:p>${odfLine(line)}</text:p>`).join('') : `<text:p>${odfLine(s)}</text:p>`;

function odsCell(c: Cell): string {
  switch (c.kind) {
    case 'text':
      return `<table:table-cell office:value-type="string">${paragraphs(neutralise(c.value))}</table:table-cell>`;
    case 'date':
      return `<table:table-cell table:style-name="date" office:value-type="date" office:date-value="${c.value}"><text:p>${c.value}</text:p></table:table-cell>`;
    case 'number':
      return `<table:table-cell table:style-name="decimal" office:value-type="float" office:value="${c.value}"><text:p>${xmlText(c.text)}</text:p></table:table-cell>`;
    case 'empty':
      return '<table:table-cell/>';
  }
}

const odsRow = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>\n`;

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
].join(' ');

/**
 * Dates shown as 2026-03-02 (without a style, LibreOffice adds a time of day); hours and
 * kilometres with two decimals, in the reader's locale (2,50 in French).
 */
const STYLES =
  '<office:automatic-styles><number:date-style style:name="iso-date"><number:year number:style="long"/><number:text>-</number:text>' +
  '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>' +
  '<number:number-style style:name="two-decimals"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>' +
  '<style:style style:name="date" style:family="table-cell" style:data-style-name="iso-date"/>' +
  '<style:style style:name="decimal" style:family="table-cell" style:data-style-name="two-decimals"/></office:automatic-styles>';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${ODS_MIME}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;

/** An OpenDocument spreadsheet: `mimetype` stored first, the manifest, then content.xml streamed. */
export async function* ods(pages: Pages, lang: Language, at: Date, sheetName: string): AsyncGenerator<Uint8Array> {
  const zip = new ZipWriter(at);
  yield await zip.file('mimetype', utf8.encode(ODS_MIME), false);
  yield await zip.file('META-INF/manifest.xml', utf8.encode(MANIFEST), true);
  yield zip.begin('content.xml');
  const head =
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS} office:version="1.2">${STYLES}<office:body><office:spreadsheet>` +
    `<table:table table:name="${xmlText(sheetName)}"><table:table-column table:number-columns-repeated="${HEADERS[lang].length}"/>\n` +
    odsRow(HEADERS[lang].map((h) => odsCell({ kind: 'text', value: h })));
  yield await zip.write(utf8.encode(head));
  for await (const rows of pages) {
    if (rows.length === 0) continue;
    yield await zip.write(utf8.encode(rows.map((r) => odsRow(cellsOf(r, lang).map(odsCell))).join('')));
  }
  yield await zip.write(utf8.encode('</table:table></office:spreadsheet></office:body></office:document-content>\n'));
  yield await zip.end();
  yield zip.finish();
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ods: ODS_MIME,
  json: 'application/json; charset=utf-8',
};
