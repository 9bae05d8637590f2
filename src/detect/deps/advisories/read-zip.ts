/**
 * Minimal ZIP reader for OSV's bulk exports (all.zip per ecosystem): reads the central directory
 * (APPNOTE.TXT 4.3.12, https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT) and inflates
 * each entry with node:zlib inflateRawSync. Stored (0) and deflate (8) entries only; archives of
 * more than 65,535 entries through their ZIP64 end records (the npm and PyPI exports are that
 * large); entries of 4 GB or more, encryption and multi-disk archives are refused with
 * ADVISORY_INVALID rather than misread.
 * Sizes come from the central directory (local headers may defer them to a data descriptor),
 * and every offset is bounds-checked because the archive is untrusted.
 */
import { inflateRawSync } from "node:zlib";
import { CustodyError } from "../../../model/errors.js";

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
/** Refuse entries that would inflate beyond this: a zip bomb must not exhaust memory. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

function invalid(file: string, problem: string): CustodyError {
  return new CustodyError("ADVISORY_INVALID", `${file}: cannot read this advisory archive: ${problem}. Download the OSV export again.`, {
    position: { file },
  });
}

/** The file entries (directories skipped) whose names pass `accept`, inflated. */
export function readZipEntries(archive: Buffer, file: string, accept: (name: string) => boolean): ZipEntry[] {
  return listZipEntries(archive, file, accept).map((entry) => ({ name: entry.name, data: entry.read() }));
}

export interface LazyZipEntry {
  name: string;
  /** Inflates the entry (checked as readZipEntries checks it). */
  read(): Buffer;
}

/** The file entries whose names pass `accept`, read from the central directory only: an entry
 * is inflated when asked for, so a 200,000-entry export costs one pass over its directory. */
export function listZipEntries(archive: Buffer, file: string, accept: (name: string) => boolean): LazyZipEntry[] {
  const end = findEndOfCentralDirectory(archive, file);
  let count = archive.readUInt16LE(end + 10);
  let directorySize = archive.readUInt32LE(end + 12);
  let directoryOffset = archive.readUInt32LE(end + 16);
  if (directoryOffset === 0xffffffff || directorySize === 0xffffffff || count === 0xffff) {
    // More than 65,535 entries (OSV's npm and PyPI exports): the counts live in the ZIP64 record
    // that the locator just before the classic record points at (APPNOTE 4.3.14, 4.3.15).
    const locator = end - 20;
    if (locator < 0 || archive.readUInt32LE(locator) !== ZIP64_LOCATOR) {
      throw invalid(file, "the end-of-central-directory record overflows but no ZIP64 locator follows the directory");
    }
    const record = Number(archive.readBigUInt64LE(locator + 8));
    if (record + 56 > archive.length || archive.readUInt32LE(record) !== ZIP64_END) {
      throw invalid(file, "the ZIP64 end-of-central-directory record is damaged");
    }
    count = Number(archive.readBigUInt64LE(record + 32));
    directorySize = Number(archive.readBigUInt64LE(record + 40));
    directoryOffset = Number(archive.readBigUInt64LE(record + 48));
  }
  if (directoryOffset + directorySize > archive.length) {
    throw invalid(file, "the central directory lies outside the file");
  }
  const entries: LazyZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > archive.length || archive.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw invalid(file, `central directory entry ${String(index)} is damaged`);
    }
    const flags = archive.readUInt16LE(offset + 8);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw invalid(file, `entry ${String(index)} needs ZIP64 sizes (4 GB or more), which are not supported`);
    }
    const name = archive.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/") || !accept(name)) {
      continue;
    }
    if ((flags & 0x1) !== 0) {
      throw invalid(file, `entry ${name} is encrypted`);
    }
    if (size > MAX_ENTRY_BYTES) {
      throw invalid(file, `entry ${name} is larger than ${String(MAX_ENTRY_BYTES)} bytes`);
    }
    entries.push({ name, read: () => entryData(archive, file, name, localOffset, method, compressedSize, size) });
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer, file: string): number {
  // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  const lowest = Math.max(0, archive.length - 22 - 0xffff);
  for (let offset = archive.length - 22; offset >= lowest; offset--) {
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      return offset;
    }
  }
  throw invalid(file, "no end-of-central-directory record (not a ZIP file, or truncated)");
}

function entryData(
  archive: Buffer,
  file: string,
  name: string,
  localOffset: number,
  method: number,
  compressedSize: number,
  size: number,
): Buffer {
  if (localOffset + 30 > archive.length || archive.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) {
    throw invalid(file, `local header of ${name} is damaged`);
  }
  const start = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
  if (start + compressedSize > archive.length) {
    throw invalid(file, `data of ${name} lies outside the file`);
  }
  const raw = archive.subarray(start, start + compressedSize);
  if (method === 0) {
    return Buffer.from(raw);
  }
  if (method !== 8) {
    throw invalid(file, `entry ${name} uses compression method ${String(method)} (only stored and deflate are supported)`);
  }
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
  } catch {
    throw invalid(file, `entry ${name} does not inflate to its recorded size`);
  }
}
