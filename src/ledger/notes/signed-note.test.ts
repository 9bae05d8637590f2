import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isCustodyError } from "../../model/errors.js";
import { parseCheckpointBody } from "./checkpoint-body.js";
import { ecdsaVerifier, generateSignerKey, parseSignerKey, parseVerifierKey } from "./note-keys.js";
import { openNote, openNoteBytes, signNote } from "./signed-note.js";
import { LEDGER_VECTORS_DIR } from "../../../test/support/ledger-vectors.js";

const notesPath = join(LEDGER_VECTORS_DIR, "signed-notes.json");
const rekorPath = join(LEDGER_VECTORS_DIR, "sigstore-rekor.json");

interface NotesFile {
  ed25519_notes: {
    desc: string;
    vkey?: string;
    vkeys?: string[];
    skey?: string;
    text?: string;
    note: string;
    want_text?: string;
    want_ok: boolean;
    want_verified?: string[];
    want_unverified?: string[];
  }[];
  malformed_notes_go: { desc: string; note: string }[];
  bad_vkeys_go: string[];
  checkpoint_body_parse: {
    desc: string;
    body: string;
    want?: { origin?: string; size?: string; hash_b64?: string };
    want_rest?: string;
    want_err?: boolean;
  }[];
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isCustodyError(error) ? error.code : "not a CustodyError";
  }
}

describe.skipIf(!existsSync(notesPath))("C2SP signed notes against the published vectors", () => {
  const vectors = existsSync(notesPath) ? (JSON.parse(readFileSync(notesPath, "utf8")) as NotesFile) : undefined;
  const peter = vectors?.ed25519_notes[1];

  const notes = vectors?.ed25519_notes ?? [];
  const verifiersOf = (v: NotesFile["ed25519_notes"][number]) => (v.vkeys ?? (v.vkey === undefined ? [] : [v.vkey])).map(parseVerifierKey);

  it.each(notes.filter((v) => v.want_ok))("opens: $desc", (v) => {
    const verifiers = verifiersOf(v);
    const opened = openNote(v.note, verifiers);
    expect(opened.text).toBe(v.want_text ?? v.note.slice(0, v.note.lastIndexOf("\n\n") + 1));
    expect(opened.verified).toEqual(v.want_verified ?? [verifiers[0]!.name]);
    expect(opened.unverified).toEqual(v.want_unverified ?? []);
  });

  it.each(notes.filter((v) => !v.want_ok))("refuses: $desc", (v) => {
    expect(codeOf(() => openNote(v.note, verifiersOf(v)))).toBe("CHECKPOINT_INVALID");
  });

  it("reproduces the Go note signature of PeterNeumann byte for byte (Ed25519 is deterministic)", () => {
    const signer = parseSignerKey(peter!.skey!);
    expect(signer.vkey).toBe(peter!.vkey);
    expect(signNote(peter!.text!, [signer])).toBe(peter!.note);
  });

  it.each(vectors?.malformed_notes_go ?? [])("rejects the malformed note: $desc", (v) => {
    expect(codeOf(() => openNote(v.note, [parseVerifierKey(peter!.vkey!)]))).toBe("CHECKPOINT_INVALID");
  });

  it("rejects invalid UTF-8 (the Go case JSON cannot carry: 0xff before the text)", () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(peter!.note, "utf8")]);
    expect(codeOf(() => openNoteBytes(bytes, [parseVerifierKey(peter!.vkey!)]))).toBe("CHECKPOINT_INVALID");
    expect(openNoteBytes(Buffer.from(peter!.note, "utf8"), [parseVerifierKey(peter!.vkey!)]).verified).toEqual(["PeterNeumann"]);
  });

  it.each(vectors?.bad_vkeys_go ?? [])("rejects the bad verifier key %s", (vkey) => {
    expect(codeOf(() => parseVerifierKey(vkey))).toBe("CHECKPOINT_INVALID");
  });

  const bodies = vectors?.checkpoint_body_parse ?? [];

  it.each(bodies.filter((v) => v.want_err === true))("checkpoint body refused: $desc", (v) => {
    expect(codeOf(() => parseCheckpointBody(v.body))).toBe("CHECKPOINT_INVALID");
  });

  it.each(bodies.filter((v) => v.want_err !== true))("checkpoint body parsed: $desc", (v) => {
    const body = parseCheckpointBody(v.body);
    const lines = v.body.split("\n");
    expect(body.origin).toBe(v.want?.origin ?? lines[0]);
    expect(String(body.treeSize)).toBe(v.want?.size ?? lines[1]);
    expect(body.rootHash.toString("base64")).toBe(v.want?.hash_b64 ?? lines[2]);
    expect(body.extensions).toBe(v.want_rest ?? "");
  });
});

describe.skipIf(!existsSync(rekorPath))("Rekor v1 checkpoint (ECDSA P-256)", () => {
  it("verifies the production checkpoint and parses its body with the Timestamp extension", () => {
    const { rekor_checkpoint_ecdsa: v } = JSON.parse(readFileSync(rekorPath, "utf8")) as {
      rekor_checkpoint_ecdsa: { public_key_spki_der_b64: string; envelope: string };
    };
    const verifier = ecdsaVerifier("rekor.sigstore.dev", Buffer.from(v.public_key_spki_der_b64, "base64"));
    const opened = openNote(v.envelope, [verifier]);
    expect(opened.verified).toEqual(["rekor.sigstore.dev"]);
    const body = parseCheckpointBody(opened.text);
    expect(body.treeSize).toBe(21428036);
    expect(body.extensions).toMatch(/^Timestamp: /);
    expect(codeOf(() => openNote(v.envelope.replace("21428036", "21428037"), [verifier]))).toBe("CHECKPOINT_INVALID");
  });
});

describe("generated keys", () => {
  it("sign notes that their vkey opens, and another key's vkey does not", () => {
    const a = generateSignerKey("custody.test/a");
    const b = generateSignerKey("custody.test/a");
    const note = signNote("custody.test/a\n1\nAAAA\n", [parseSignerKey(a.skey)]);
    expect(openNote(note, [parseVerifierKey(a.vkey)]).verified).toEqual(["custody.test/a"]);
    expect(codeOf(() => openNote(note, [parseVerifierKey(b.vkey)]))).toBe("CHECKPOINT_INVALID");
  });

  it("refuses a key name with a space, and a signing key with a wrong id, without echoing the key", () => {
    expect(codeOf(() => generateSignerKey("bad name"))).toBe("CHECKPOINT_INVALID");
    const { skey } = generateSignerKey("n");
    const wrong = skey.replace(/\+[0-9a-f]{8}\+/, "+00000000+");
    let message = "";
    try {
      parseSignerKey(wrong);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/key id does not match/);
    // The key material is everything after PRIVATE+KEY+name+id+ (base64 may itself hold "+").
    expect(message).not.toContain(skey.split("+").slice(4).join("+"));
    expect(message).not.toContain(skey.split("+").slice(4).join("+").slice(0, 12));
  });
});
