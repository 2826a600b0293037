// A bidder filling the blank price schedule Jauge wrote: the cells it types are put into the
// workbook's first sheet (the XLSX is a zip of XML parts: read with Node's zlib, written back
// uncompressed), then LibreOffice opens and saves the file, as a bidder's spreadsheet would, so
// the app imports a workbook written by LibreOffice and not by this script. No npm package
// involved: Node's zlib (inflate, CRC-32) and the `soffice` that scripts/test installs.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The zip's entries, in order: `{ name, data }` with `data` inflated. */
function readZip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : null;
    if (!data) throw new Error(`${name}: compression method ${method}`);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A zip of `entries`, stored (no compression). */
function writeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const unescape = (text) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The blank schedule `blank` (bytes) filled: `fills` maps a line id (column A, hidden, of the
 * schedule sheet; `jauge:total` for the total's row) to `{ unitPrice, amount }`, each a number
 * (a numeric cell) or a string (text, as a bidder may type « 0,012 € »). Returns the bytes.
 */
export function fillSchedule(blank, fills) {
  const entries = readZip(blank);
  const part = (name) => entries.find((e) => e.name === name);
  const shared = [...(part('xl/sharedStrings.xml')?.data.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    ([, si]) => unescape([...si.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map(([, t]) => t).join('')),
  );
  const sheet = part('xl/worksheets/sheet1.xml');
  let xml = sheet.data.toString('utf8');
  // Each line's row, by the id in its column A.
  const rows = new Map();
  for (const [, row, index] of xml.matchAll(/<c r="A(\d+)"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/g)) {
    rows.set(shared[Number(index)], Number(row));
  }
  const cell = (ref, value) => {
    const pattern = new RegExp(`<c r="${ref}"( s="\\d+")?(?:/>|>[\\s\\S]*?</c>)`);
    const found = xml.match(pattern);
    if (!found) throw new Error(`no cell ${ref} in the blank schedule`);
    const style = found[1] ?? '';
    const filled =
      typeof value === 'number'
        ? `<c r="${ref}"${style}><v>${value}</v></c>`
        : `<c r="${ref}"${style} t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
    xml = xml.replace(pattern, filled);
  };
  for (const [id, { unitPrice, amount }] of Object.entries(fills)) {
    const row = rows.get(id);
    if (!row) throw new Error(`no row for ${id} in the blank schedule (rows: ${[...rows.keys()].join(', ')})`);
    if (unitPrice !== undefined) cell(`F${row}`, unitPrice);
    if (amount !== undefined) cell(`G${row}`, amount);
  }
  sheet.data = Buffer.from(xml, 'utf8');
  return writeZip(entries);
}

/** `input` opened and saved again as XLSX by LibreOffice headless (its own profile under `work`); returns the path written. */
export function savedByLibreOffice(input, work) {
  const out = path.join(work, 'libreoffice-out');
  fs.mkdirSync(out, { recursive: true });
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, 'libreoffice-profile')}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      out,
      input,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const written = path.join(out, path.basename(input));
  if (!fs.existsSync(written)) throw new Error(`LibreOffice wrote no ${written}`);
  return written;
}
