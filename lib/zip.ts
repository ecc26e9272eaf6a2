// A minimal ZIP writer (stored entries, UTF-8 names): a dossier's files are PDF, JPEG, PNG and DOCX, already
// compressed, so storing them costs little and needs no dependency.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date and time of `d` (local fields of Vietnam time), as ZIP headers hold them. */
function dosTime(d: Date): { time: number; date: number } {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return {
    time: (v.getUTCHours() << 11) | (v.getUTCMinutes() << 5) | Math.floor(v.getUTCSeconds() / 2),
    date: ((Math.max(v.getUTCFullYear(), 1980) - 1980) << 9) | ((v.getUTCMonth() + 1) << 5) | v.getUTCDate(),
  };
}

export function zip(entries: Array<{ name: string; data: Uint8Array }>, at = new Date()): Buffer {
  const { time, date } = dosTime(at);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * Reads a ZIP of stored (uncompressed) entries, as `zip` writes them: a proposal file (lib/proposals.ts).
 * Refuses anything else — compressed or encrypted entries, a bad CRC, offsets outside the file, ZIP64,
 * more than `maxEntries` — by throwing an Error whose message is a short reason.
 */
export function unzip(buffer: Uint8Array, maxEntries = 2000): Array<{ name: string; data: Buffer }> {
  const b = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  // The end-of-central-directory record: last 22 bytes plus at most a 64 KiB comment.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not_zip');
  const count = b.readUInt16LE(end + 10);
  const dirSize = b.readUInt32LE(end + 12);
  let p = b.readUInt32LE(end + 16);
  if (count > maxEntries) throw new Error('too_many_entries');
  if (p + dirSize > end) throw new Error('bad_directory');
  const out: Array<{ name: string; data: Buffer }> = [];
  const names = new Set<string>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || b.readUInt32LE(p) !== 0x02014b50) throw new Error('bad_directory');
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const size = b.readUInt32LE(p + 20);
    const raw = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const offset = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (method !== 0 || size !== raw || flags & 0x1) throw new Error('unsupported_entry');
    if (offset + 30 > b.length || b.readUInt32LE(offset) !== 0x04034b50) throw new Error('bad_entry');
    const start = offset + 30 + b.readUInt16LE(offset + 26) + b.readUInt16LE(offset + 28);
    if (start + size > b.length) throw new Error('bad_entry');
    const data = Buffer.from(b.subarray(start, start + size));
    if (crc32(data) !== crc) throw new Error('bad_crc');
    if (names.has(name)) throw new Error('duplicate_entry');
    names.add(name);
    out.push({ name, data });
  }
  return out;
}
