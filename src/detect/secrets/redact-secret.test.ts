import { describe, expect, it } from "vitest";
import { redactSecret, secretFingerprint } from "./redact-secret.js";

describe("redactSecret", () => {
  it("shows at most 4 leading characters and the length", () => {
    expect(redactSecret("ghp_abcdefghijklmnopqrstuvwxyz0123456789")).toBe("ghp_…(40 chars)");
  });

  it("shows nothing of a short secret", () => {
    expect(redactSecret("hunter2hunter2!")).toBe("…(15 chars)");
  });

  it("never prints a newline or control character from the prefix", () => {
    expect(redactSecret("\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC")).toBe("?MII…(33 chars)");
  });
});

describe("secretFingerprint", () => {
  it("is 32 hex digits, stable, and depends on rule, path and secret", () => {
    const base = secretFingerprint("secret/x", "a.txt", "s3cr3t-value-1234");
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(secretFingerprint("secret/x", "a.txt", "s3cr3t-value-1234")).toBe(base);
    expect(secretFingerprint("secret/y", "a.txt", "s3cr3t-value-1234")).not.toBe(base);
    expect(secretFingerprint("secret/x", "b.txt", "s3cr3t-value-1234")).not.toBe(base);
    expect(secretFingerprint("secret/x", "a.txt", "s3cr3t-value-1235")).not.toBe(base);
  });
});
