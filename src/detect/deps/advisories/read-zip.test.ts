import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readZipEntries } from "./read-zip.js";

const archive = readFileSync(new URL("../__fixtures__/osv-zip/osv-all.zip", import.meta.url));

/** Offset of the first central directory header (signature PK\1\2). */
function firstCentralHeader(zip: Buffer): number {
  return zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
}

describe("readZipEntries", () => {
  it("lists and inflates the entries the filter accepts, skipping directories", () => {
    const entries = readZipEntries(archive, "osv-all.zip", (name) => name.startsWith("npm/"));
    expect(entries.map((entry) => entry.name).sort()).toEqual([
      "npm/GHSA-35jh-r3h4-6jhm.json",
      "npm/GHSA-p6mc-m468-83gw.json",
      "npm/GHSA-xvch-5gv4-984h.json",
    ]);
    expect(JSON.parse(entries[0]?.data.toString("utf8") ?? "")).toHaveProperty("id");
  });

  it("refuses an entry that inflates past its recorded size (a zip bomb lies about its size)", () => {
    const tampered = Buffer.from(archive);
    let offset = firstCentralHeader(tampered);
    // Find the first file entry (not a directory) and shrink its recorded uncompressed size.
    while (tampered.toString("utf8", offset + 46, offset + 46 + tampered.readUInt16LE(offset + 28)).endsWith("/")) {
      offset += 46 + tampered.readUInt16LE(offset + 28) + tampered.readUInt16LE(offset + 30) + tampered.readUInt16LE(offset + 32);
    }
    tampered.writeUInt32LE(10, offset + 24);
    expect(() => readZipEntries(tampered, "osv-all.zip", () => true)).toThrow(/does not inflate to its recorded size/);
  });

  it("refuses an encrypted entry", () => {
    const tampered = Buffer.from(archive);
    let offset = firstCentralHeader(tampered);
    while (tampered.toString("utf8", offset + 46, offset + 46 + tampered.readUInt16LE(offset + 28)).endsWith("/")) {
      offset += 46 + tampered.readUInt16LE(offset + 28) + tampered.readUInt16LE(offset + 30) + tampered.readUInt16LE(offset + 32);
    }
    tampered.writeUInt16LE(tampered.readUInt16LE(offset + 8) | 1, offset + 8);
    expect(() => readZipEntries(tampered, "osv-all.zip", () => true)).toThrow(/encrypted/);
  });

  it("refuses a buffer without an end-of-central-directory record", () => {
    expect(() => readZipEntries(Buffer.from("not a zip at all, just text"), "x.zip", () => true)).toThrow(
      expect.objectContaining({ code: "ADVISORY_INVALID" }),
    );
    expect(() => readZipEntries(Buffer.alloc(0), "x.zip", () => true)).toThrow(/no end-of-central-directory/);
  });
});

describe("readZipEntries with ZIP64 end records", () => {
  /** The fixture rewritten as a writer of more than 65,535 entries lays it out (OSV's npm export). */
  function asZip64(zip: Buffer): Buffer {
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = zip.readUInt16LE(end + 10);
    const size = zip.readUInt32LE(end + 12);
    const offset = zip.readUInt32LE(end + 16);
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(size), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(end), 8);
    const classic = Buffer.from(zip.subarray(end));
    classic.writeUInt16LE(0xffff, 8);
    classic.writeUInt16LE(0xffff, 10);
    return Buffer.concat([zip.subarray(0, end), record, locator, classic]);
  }

  it("reads the entry count and directory from the ZIP64 record", () => {
    const names = (zip: Buffer): string[] => readZipEntries(zip, "all.zip", () => true).map((entry) => entry.name);
    expect(names(asZip64(archive))).toEqual(names(archive));
  });

  it("refuses an overflowing count without a ZIP64 locator", () => {
    const broken = asZip64(archive);
    broken.writeUInt32LE(0, broken.length - 22 - 20); // wipe the locator's signature
    expect(() => readZipEntries(broken, "all.zip", () => true)).toThrow(/no ZIP64 locator/);
  });
});
