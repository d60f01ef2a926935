/**
 * A small streaming ZIP writer (APPNOTE 6.3.x), enough for OpenDocument: whole entries
 * stored or deflated with their sizes in the local header (the ODF rule for `mimetype`:
 * first, stored, no extra field, no data descriptor), and one entry streamed in pieces
 * with a data descriptor. Written here rather than taken from npm because ODF's rule
 * for `mimetype` must hold exactly and node:zlib already gives deflate and CRC-32.
 *
 * Streaming deflate without holding the file: one deflate stream for the entry, flushed
 * (Z_SYNC_FLUSH: byte-aligned, no final bit) after each piece so that piece's bytes can
 * leave at once. Compression runs on libuv's thread pool, not on the event loop.
 */
import { promisify } from 'node:util';
import { constants, crc32, createDeflateRaw, deflateRaw, type DeflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);
const MAX32 = 0xffffffff;
/** Fastest deflate: spreadsheet XML is so repetitive that it still shrinks ~ 20 times, 4 times faster than level 6. */
const LEVEL = 1;

interface Entry {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** MS-DOS time and date of an instant (ZIP's own format, local to no zone: we write UTC). */
function dosTime(at: Date): [number, number] {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((Math.max(at.getUTCFullYear(), 1980) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return [time, date];
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private readonly time: number;
  private readonly date: number;
  private current: Entry | null = null;
  private stream: DeflateRaw | null = null;
  private out: Buffer[] = [];

  constructor(at: Date) {
    [this.time, this.date] = dosTime(at);
  }

  private advance(chunk: Uint8Array): Uint8Array {
    this.offset += chunk.length;
    // Beyond 4 GiB ZIP64 would be needed; spreadsheets cannot open such files anyway.
    if (this.offset > MAX32) throw new Error('export too large for a ZIP file without ZIP64');
    return chunk;
  }

  private localHeader(e: Entry): Uint8Array {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt16LE(this.time, 10);
    h.writeUInt16LE(this.date, 12);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.compressed, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28); // no extra field
    return Buffer.concat([h, e.name]);
  }

  /** A whole entry: stored as is (`compress: false`) or deflated. */
  async file(name: string, data: Uint8Array, compress: boolean): Promise<Uint8Array> {
    const body = compress ? await deflate(data, { level: LEVEL }) : data;
    const e: Entry = { name: Buffer.from(name), flags: 0, method: compress ? 8 : 0, crc: crc32(data), compressed: body.length, size: data.length, offset: this.offset };
    this.entries.push(e);
    return this.advance(Buffer.concat([this.localHeader(e), body]));
  }

  /** Starts an entry whose content comes in pieces (sizes and CRC follow in a data descriptor). */
  begin(name: string): Uint8Array {
    if (this.current) throw new Error('an entry is already open');
    this.current = { name: Buffer.from(name), flags: 0x08, method: 8, crc: 0, compressed: 0, size: 0, offset: this.offset };
    this.stream = createDeflateRaw({ level: LEVEL });
    this.stream.on('data', (chunk: Buffer) => this.out.push(chunk));
    return this.advance(this.localHeader(this.current));
  }

  /** What the deflate stream produced so far (every 'data' of a flush is emitted before the next turn). */
  private async drained(): Promise<Buffer> {
    await new Promise((resolve) => setImmediate(resolve));
    const out = Buffer.concat(this.out);
    this.out = [];
    return out;
  }

  /** One piece of the open entry, compressed. */
  async write(data: Uint8Array): Promise<Uint8Array> {
    const e = this.current;
    const z = this.stream;
    if (!e || !z) throw new Error('no open entry');
    e.crc = crc32(data, e.crc);
    e.size += data.length;
    z.write(data);
    await new Promise<void>((resolve) => z.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    const out = await this.drained();
    e.compressed += out.length;
    if (e.size > MAX32) throw new Error('export too large for a ZIP file without ZIP64');
    return this.advance(out);
  }

  /** Ends the open entry: the final deflate block, then the data descriptor. */
  async end(): Promise<Uint8Array> {
    const e = this.current;
    const z = this.stream;
    if (!e || !z) throw new Error('no open entry');
    await new Promise<void>((resolve, reject) => {
      z.once('end', resolve);
      z.once('error', reject);
      z.end();
    });
    const last = await this.drained();
    this.stream = null;
    e.compressed += last.length;
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(e.crc, 4);
    d.writeUInt32LE(e.compressed, 8);
    d.writeUInt32LE(e.size, 12);
    this.entries.push(e);
    this.current = null;
    return this.advance(Buffer.concat([last, d]));
  }

  /** The central directory and its end record: the last bytes of the file. */
  finish(): Uint8Array {
    const start = this.offset;
    const parts = this.entries.map((e) => {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(e.method, 10);
      h.writeUInt16LE(this.time, 12);
      h.writeUInt16LE(this.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      return Buffer.concat([h, e.name]);
    });
    const directory = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    return this.advance(Buffer.concat([directory, end]));
  }
}
