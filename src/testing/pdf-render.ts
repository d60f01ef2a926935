/**
 * Looking at a PDF as a person would, for tests (poppler-utils: `pdftoppm`, `pdftotext`).
 *
 * API:
 *   await renderPage(bytes, { page?: 1, dpi?: 50, png?: 'path.png' })
 *     → { width, height, inkRatio }   // inkRatio: share of pixels darker than near-white (0..1)
 *   await pdfText(bytes) → string      // the text layer, pages separated by '\f'
 *
 * `png` also writes the page as a PNG (e.g. under test-artifacts/) to look at it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RenderedPage {
  width: number;
  height: number;
  /** Share of pixels (0..1) with a grey level under 240 of 255. */
  inkRatio: number;
}

async function withPdfFile<T>(bytes: Uint8Array, use: (dir: string, file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bv-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, bytes);
    return await use(dir, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads a binary PGM (P5, 8-bit) as pdftoppm -gray writes it. */
function parsePgm(data: Buffer): { width: number; height: number; pixels: Buffer } {
  // Header: "P5" whitespace width whitespace height whitespace maxval single-whitespace.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: data.subarray(header[0].length, header[0].length + width * height) };
}

export async function renderPage(bytes: Uint8Array, options: { page?: number; dpi?: number; png?: string } = {}): Promise<RenderedPage> {
  const page = String(options.page ?? 1);
  const dpi = String(options.dpi ?? 50);
  return withPdfFile(bytes, async (dir, file) => {
    const root = join(dir, 'page');
    await run('pdftoppm', ['-f', page, '-l', page, '-r', dpi, '-gray', '-singlefile', file, root]);
    const { width, height, pixels } = parsePgm(await readFile(`${root}.pgm`));
    let ink = 0;
    for (const p of pixels) if (p < 240) ink++;
    if (options.png) await run('pdftoppm', ['-f', page, '-l', page, '-r', '80', '-png', '-singlefile', file, options.png.replace(/\.png$/, '')]);
    return { width, height, inkRatio: pixels.length ? ink / pixels.length : 0 };
  });
}

/** The text of the PDF in reading order (pdftotext -layout off), UTF-8. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return withPdfFile(bytes, async (_dir, file) => {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  });
}
