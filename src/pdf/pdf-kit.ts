/**
 * A small document writer over pdf-lib: A4 portrait, DejaVu Sans (regular, bold, mono)
 * embedded and subset, so French figures (« 1 234,56 € » with U+202F) and any accent print.
 * Content flows top to bottom and breaks pages by itself; the footer (text + « Page 2 / 3 »)
 * is drawn on every page at `save()`.
 *
 * API:
 *   const doc = await PdfDoc.create({ title, author?, subject?, keywords?, lang?: 'fr-FR',
 *     footer?: 'Bénévalibre — …', custom?: { BenevalibreAttestation: jws }, createdAt?: Date });
 *   doc.heading(text, level?)             // 1 (18 pt) | 2 (13 pt) | 3 (11 pt, bold)
 *   doc.paragraph(text, { font?, size?, color?, align? })  // wraps; '\n' breaks lines
 *   doc.keyValues([[label, value], …])    // label in bold on the left, value wrapped on the right
 *   doc.table({ columns: [{ header, width?, align? }], rows, totalRow? })
 *                                         // width: relative share; align 'right' for numbers;
 *                                         // header row repeated after a page break
 *   doc.space(points?) ; doc.rule()       // vertical space, a thin horizontal line
 *   doc.setCustom(key, value)             // a custom document-info entry (e.g. a JWS)
 *   const bytes: Uint8Array = await doc.save()
 *   await readPdfInfo(bytes)              // → { title, subject, custom: { key: value } } | null
 *
 * Text is drawn as real text (searchable, copyable); the document language is set in the
 * catalog (/Lang) for screen readers.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56; // ≈ 2 cm
const FOOTER_SPACE = 36;
const BODY_SIZE = 10;
const LINE = 1.35;
const CELL_PAD = 4;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);
const LINE_COLOR = rgb(0.75, 0.75, 0.78);
const HEADER_FILL = rgb(0.92, 0.93, 0.95);

export type FontName = 'regular' | 'bold' | 'mono';
export type Align = 'left' | 'right' | 'center';

export interface PdfDocOptions {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** BCP 47, written to the catalog's /Lang. */
  lang?: string;
  /** Printed at the bottom left of every page, the page number at the bottom right. */
  footer?: string;
  /** Extra document-info entries; keys are PDF names (letters and digits). */
  custom?: Record<string, string>;
  /** Creation date in the document info (tests pass a fixed one). */
  createdAt?: Date;
}

export interface TextOptions {
  font?: FontName;
  size?: number;
  color?: 'ink' | 'muted';
  align?: Align;
}

export interface TableColumn {
  header: string;
  /** Relative width (default 1). */
  width?: number;
  /** 'right' for figures, so units and tens line up. */
  align?: Align;
}

export interface TableSpec {
  columns: TableColumn[];
  rows: string[][];
  /** A last row in bold above a stronger line (totals). */
  totalRow?: string[];
}

export interface PdfInfo {
  title: string | null;
  subject: string | null;
  custom: Record<string, string>;
}

const requireFromHere = createRequire(import.meta.url);
let fontBytes: Record<FontName, Uint8Array> | null = null;

/** The TTFs, read once per process from the dejavu-fonts-ttf package. */
function fonts(): Record<FontName, Uint8Array> {
  fontBytes ??= {
    regular: readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    mono: readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf')),
  };
  return fontBytes;
}

const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9]*$/;

export class PdfDoc {
  private readonly pdf: PDFDocument;
  private readonly font: Record<FontName, PDFFont>;
  private readonly footer: string;
  private page: PDFPage;
  private y: number;
  private readonly width = A4[0] - 2 * MARGIN;
  /** Text widths already measured (see measure). */
  private readonly widths = new Map<string, number>();

  private constructor(pdf: PDFDocument, font: Record<FontName, PDFFont>, footer: string) {
    this.pdf = pdf;
    this.font = font;
    this.footer = footer;
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  static async create(options: PdfDocOptions): Promise<PdfDoc> {
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const bytes = fonts();
    const font = {
      regular: await pdf.embedFont(bytes.regular, { subset: true }),
      bold: await pdf.embedFont(bytes.bold, { subset: true }),
      mono: await pdf.embedFont(bytes.mono, { subset: true }),
    };
    pdf.setTitle(options.title, { showInWindowTitleBar: true });
    if (options.author) pdf.setAuthor(options.author);
    if (options.subject) pdf.setSubject(options.subject);
    if (options.keywords) pdf.setKeywords(options.keywords);
    pdf.setCreator('Bénévalibre');
    pdf.setProducer('Bénévalibre (pdf-lib)');
    const created = options.createdAt ?? new Date();
    pdf.setCreationDate(created);
    pdf.setModificationDate(created);
    pdf.catalog.set(PDFName.of('Lang'), PDFString.of(options.lang ?? 'fr-FR'));
    const doc = new PdfDoc(pdf, font, options.footer ?? '');
    for (const [key, value] of Object.entries(options.custom ?? {})) doc.setCustom(key, value);
    return doc;
  }

  /** A custom document-info entry (read back by `readPdfInfo`). */
  setCustom(key: string, value: string): void {
    if (!CUSTOM_KEY.test(key)) throw new RangeError(`PDF info key must be letters and digits: ${key}`);
    infoDict(this.pdf)?.set(PDFName.of(key), PDFHexString.fromText(value));
  }

  heading(text: string, level: 1 | 2 | 3 = 1): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 11;
    // Keep a heading with at least two lines of what follows.
    this.ensure(size * LINE + 2 * BODY_SIZE * LINE + (level === 1 ? 0 : 6));
    if (level !== 1 && this.y < A4[1] - MARGIN) this.y -= 6;
    this.writeLines(this.wrap(text, 'bold', size, this.width), { font: 'bold', size, align: 'left' });
    this.y -= level === 1 ? 8 : 4;
  }

  paragraph(text: string, options: TextOptions = {}): void {
    const font = options.font ?? 'regular';
    const size = options.size ?? BODY_SIZE;
    const lines = text.split('\n').flatMap((l) => this.wrap(l, font, size, this.width));
    this.writeLines(lines, { font, size, align: options.align ?? 'left', color: options.color });
    this.y -= size * 0.6;
  }

  keyValues(pairs: readonly (readonly [string, string])[]): void {
    const labelWidth = Math.min(160, this.width * 0.35);
    const valueWidth = this.width - labelWidth - 8;
    for (const [label, value] of pairs) {
      const labels = this.wrap(label, 'bold', BODY_SIZE, labelWidth);
      const values = value.split('\n').flatMap((l) => this.wrap(l, 'regular', BODY_SIZE, valueWidth));
      const lineH = BODY_SIZE * LINE;
      const height = Math.max(labels.length, values.length) * lineH;
      this.ensure(height);
      labels.forEach((l, i) => this.draw(l, MARGIN, this.y - BODY_SIZE - i * lineH, 'bold', BODY_SIZE, INK));
      values.forEach((l, i) => this.draw(l, MARGIN + labelWidth + 8, this.y - BODY_SIZE - i * lineH, 'regular', BODY_SIZE, INK));
      this.y -= height + 3;
    }
    this.y -= BODY_SIZE * 0.6;
  }

  table(spec: TableSpec): void {
    const total = spec.columns.reduce((s, c) => s + (c.width ?? 1), 0);
    const widths = spec.columns.map((c) => ((c.width ?? 1) / total) * this.width);
    const header = spec.columns.map((c) => c.header);
    const drawHeader = () => this.tableRow(header, widths, spec.columns, { font: 'bold', fill: true });
    drawHeader();
    for (const row of spec.rows) {
      if (!this.fits(this.rowHeight(row, widths, 'regular'))) {
        this.newPage();
        drawHeader();
      }
      this.tableRow(row, widths, spec.columns, { font: 'regular' });
    }
    if (spec.totalRow) {
      if (!this.fits(this.rowHeight(spec.totalRow, widths, 'bold'))) {
        this.newPage();
        drawHeader();
      }
      this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 1, color: INK });
      this.tableRow(spec.totalRow, widths, spec.columns, { font: 'bold' });
    }
    this.y -= BODY_SIZE;
  }

  space(points = BODY_SIZE): void {
    this.y -= points;
    if (this.y < MARGIN + FOOTER_SPACE) this.newPage();
  }

  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.5, color: LINE_COLOR });
    this.y -= 8;
  }

  get pageCount(): number {
    return this.pdf.getPageCount();
  }

  /** Draws the footers and serialises; the document is not to be written to afterwards. */
  async save(): Promise<Uint8Array> {
    const pages = this.pdf.getPages();
    pages.forEach((page, i) => {
      const size = 8;
      const number = `Page ${i + 1} / ${pages.length}`;
      const numberWidth = this.font.regular.widthOfTextAtSize(number, size);
      page.drawText(number, { x: MARGIN + this.width - numberWidth, y: MARGIN - 6, size, font: this.font.regular, color: MUTED });
      if (this.footer) {
        const text = this.wrap(this.footer, 'regular', size, this.width - numberWidth - 12)[0] ?? '';
        page.drawText(text, { x: MARGIN, y: MARGIN - 6, size, font: this.font.regular, color: MUTED });
      }
    });
    return this.pdf.save({ useObjectStreams: false });
  }

  // Layout ------------------------------------------------------------------------------

  private fits(height: number): boolean {
    return this.y - height >= MARGIN + FOOTER_SPACE;
  }

  private ensure(height: number): void {
    if (!this.fits(height) && this.y < A4[1] - MARGIN) this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private draw(text: string, x: number, y: number, font: FontName, size: number, color: RGB): void {
    if (text) this.page.drawText(text, { x, y, size, font: this.font[font], color });
  }

  private writeLines(lines: string[], o: { font: FontName; size: number; align: Align; color?: 'ink' | 'muted' }): void {
    const lineH = o.size * LINE;
    const color = o.color === 'muted' ? MUTED : INK;
    for (const line of lines) {
      this.ensure(lineH);
      const w = this.measure(o.font, o.size, line);
      const x = o.align === 'right' ? MARGIN + this.width - w : o.align === 'center' ? MARGIN + (this.width - w) / 2 : MARGIN;
      this.draw(line, x, this.y - o.size, o.font, o.size, color);
      this.y -= lineH;
    }
  }

  /** Width of `s` in points, measured once per font, size and text (fontkit layout is the slow part). */
  private measure(font: FontName, size: number, s: string): number {
    const key = `${font}\u0000${size}\u0000${s}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.font[font].widthOfTextAtSize(s, size);
      this.widths.set(key, w);
    }
    return w;
  }

  /**
   * Word wrap on ordinary spaces (no-break spaces hold « 12 h 30 » together); an over-long
   * word is cut. Each word is measured once and lines add up widths: re-measuring the whole
   * line for every word made a page of tables cost half a second (bench « attestations »).
   */
  private wrap(text: string, font: FontName, size: number, width: number): string[] {
    const space = this.measure(font, size, ' ');
    const lines: string[] = [];
    let current = '';
    let currentWidth = 0;
    for (const word of text.replaceAll('\t', ' ').split(' ')) {
      const w = this.measure(font, size, word);
      const candidate = current ? currentWidth + space + w : w;
      if (candidate <= width) {
        current = current ? `${current} ${word}` : word;
        currentWidth = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      currentWidth = w;
      if (w <= width) continue;
      // Longer than a line (an address, a code): cut where the characters stop fitting.
      current = '';
      currentWidth = 0;
      for (const ch of word) {
        const cw = this.measure(font, size, ch);
        if (current && currentWidth + cw > width) {
          lines.push(current);
          current = '';
          currentWidth = 0;
        }
        current += ch;
        currentWidth += cw;
      }
    }
    lines.push(current);
    return lines;
  }

  private cellLines(row: string[], widths: number[], font: FontName): string[][] {
    return widths.map((w, i) => this.wrap(row[i] ?? '', font, BODY_SIZE, w - 2 * CELL_PAD));
  }

  private rowHeight(row: string[], widths: number[], font: FontName): number {
    const lines = Math.max(1, ...this.cellLines(row, widths, font).map((l) => l.length));
    return lines * BODY_SIZE * LINE + 2 * CELL_PAD;
  }

  private tableRow(row: string[], widths: number[], columns: TableColumn[], o: { font: FontName; fill?: boolean }): void {
    const cells = this.cellLines(row, widths, o.font);
    const height = this.rowHeight(row, widths, o.font);
    if (o.fill) this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: this.width, height, color: HEADER_FILL });
    let x = MARGIN;
    cells.forEach((lines, i) => {
      const w = widths[i] ?? 0;
      const align = columns[i]?.align ?? 'left';
      lines.forEach((line, j) => {
        const tw = this.measure(o.font, BODY_SIZE, line);
        const lx = align === 'right' ? x + w - CELL_PAD - tw : align === 'center' ? x + (w - tw) / 2 : x + CELL_PAD;
        this.draw(line, lx, this.y - CELL_PAD - BODY_SIZE - j * BODY_SIZE * LINE + 1, o.font, BODY_SIZE, INK);
      });
      x += w;
    });
    this.y -= height;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.5, color: LINE_COLOR });
  }
}

/** The document information dictionary (pdf-lib keeps its own accessor private). */
function infoDict(pdf: PDFDocument): PDFDict | undefined {
  const ref = pdf.context.trailerInfo.Info;
  if (!ref) return undefined;
  const dict = pdf.context.lookup(ref);
  return dict instanceof PDFDict ? dict : undefined;
}

const STANDARD_KEYS = new Set(['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'Trapped']);

/** Title, subject and custom entries of a PDF's document info; null when the bytes are not a readable PDF. */
export async function readPdfInfo(bytes: Uint8Array): Promise<PdfInfo | null> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false, throwOnInvalidObject: false });
  } catch {
    return null;
  }
  const dict = infoDict(pdf);
  const info: PdfInfo = { title: pdf.getTitle() ?? null, subject: pdf.getSubject() ?? null, custom: {} };
  if (!dict) return info;
  for (const [name, value] of dict.entries()) {
    const key = name.decodeText();
    if (STANDARD_KEYS.has(key)) continue;
    if (value instanceof PDFString || value instanceof PDFHexString) info.custom[key] = value.decodeText();
  }
  return info;
}
