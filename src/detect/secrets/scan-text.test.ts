import { describe, expect, it } from "vitest";
import { ALNUM, HEX, sampleSecret } from "./sample-secret.js";
import { scanText } from "./scan-text.js";
import { secretFingerprint } from "./redact-secret.js";

const ghp = `ghp_${sampleSecret(ALNUM, 36, "scan-text-ghp")}`;
const ids = (text: string, path = "src/config.ts", options = {}) => scanText(text, path, options).map((m) => m.ruleId);

describe("scanText", () => {
  it("reports rule, 1-based position and a redacted form", () => {
    const [match] = scanText(`a\nconst token = "${ghp}";\n`, "src/a.ts");
    expect(match).toMatchObject({
      ruleId: "secret/github-pat",
      line: 2,
      column: 16,
      endLine: 2,
      endColumn: 55,
      redacted: "ghp_…(40 chars)",
    });
    expect(match?.fingerprint).toBe(secretFingerprint("secret/github-pat", "src/a.ts", ghp));
  });

  it("gives the same fingerprint for the same secret at the same path, and a different one elsewhere", () => {
    const a = scanText(`x = ${ghp}`, "a.env")[0]?.fingerprint;
    const b = scanText(`\n\ny: ${ghp}`, "a.env")[0]?.fingerprint;
    const c = scanText(`x = ${ghp}`, "b.env")[0]?.fingerprint;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("skips binary text (a NUL byte) entirely", () => {
    expect(ids(`\u0000PNG ${ghp}`)).toEqual([]);
  });

  it("finds a key in the middle of a minified line far longer than max_line_length", () => {
    const filler = "var a=function(t){return t.key+t.token};".repeat(50_000); // ~2 MB, keyword hits everywhere
    const text = `${filler}var k="${ghp}";${filler}`;
    expect(ids(text, "dist/app.min.js")).toEqual(["secret/github-pat"]);
  });

  it("locates a multi-line PEM block on its BEGIN line", () => {
    const body = Array.from({ length: 6 }, (_, i) => sampleSecret(ALNUM, 64, `pem-${String(i)}`)).join("\n");
    const [match] = scanText(`# key\n\n-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`, "id_ed25519");
    expect(match).toMatchObject({ ruleId: "secret/openssh-private-key", line: 4, endLine: 9 });
  });

  it("reports a specific rule rather than the generic one over the same value", () => {
    expect(ids(`api_key = "${ghp}"`)).toEqual(["secret/github-pat"]);
  });

  describe("entropy", () => {
    it("drops a well-formed value whose entropy is below the rule's floor", () => {
      expect(ids(`SECRET_TOKEN=${"a1".repeat(16)}`)).toEqual([]);
      expect(ids(`SECRET_TOKEN=${sampleSecret(ALNUM, 32, "entropy")}`)).toEqual(["secret/generic-api-key"]);
    });
  });

  describe("stopwords and placeholders", () => {
    it("ignores documentation keys and placeholders", () => {
      expect(ids("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")).toEqual([]);
      expect(ids("DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app")).toEqual([]);
      expect(ids("api_key = <your-api-key-goes-here-123>")).toEqual([]);
      expect(ids(`SECRET_TOKEN=dummy${sampleSecret(ALNUM, 30, "dummy")}`)).toEqual([]);
    });

    it("honours user stopwords, case-insensitively", () => {
      const secret = `SECRET_TOKEN=${sampleSecret(ALNUM, 30, "stop")}9FixTure`;
      expect(ids(secret)).toEqual(["secret/generic-api-key"]);
      expect(ids(secret, "a", { allowlist: { stopwords: ["FIXTURE"] } })).toEqual([]);
    });
  });

  describe("allowlists", () => {
    it("skips paths matching a glob", () => {
      expect(ids(`t=${ghp}`, "test/fixtures/keys.txt", { allowlist: { paths: ["test/fixtures/**"] } })).toEqual([]);
      expect(ids(`t=${ghp}`, "src/keys.txt", { allowlist: { paths: ["test/fixtures/**"] } })).toEqual(["secret/github-pat"]);
    });

    it("accepts values containing a user substring and lines containing a user substring", () => {
      expect(ids(`t=${ghp}`, "a", { allowlist: { values: [ghp.slice(10, 20)] } })).toEqual([]);
      expect(ids(`t=${ghp} # rotated-2024`, "a", { allowlist: { lines: ["rotated-2024"] } })).toEqual([]);
    });

    it("treats user patterns as plain text, never as regular expressions", () => {
      // As a regex `.*` would accept everything; as a substring it matches nothing here.
      expect(ids(`t=${ghp}`, "a", { allowlist: { values: [".*"], lines: ["(a+)+$"] } })).toEqual(["secret/github-pat"]);
    });
  });

  describe("inline custody:ignore", () => {
    it("accepts every secret on the commented line", () => {
      expect(ids(`t = "${ghp}" // custody:ignore`)).toEqual([]);
    });

    it("with rule ids, accepts only those rules", () => {
      expect(ids(`t = "${ghp}" # custody:ignore secret/github-pat`)).toEqual([]);
      expect(ids(`t = "${ghp}" # custody:ignore secret/aws-access-key-id`)).toEqual(["secret/github-pat"]);
    });

    it("counts on the line above too, but no further", () => {
      expect(ids(`// custody:ignore\nt = "${ghp}"`)).toEqual([]);
      expect(ids(`// custody:ignore\n\nt = "${ghp}"`)).toEqual(["secret/github-pat"]);
      expect(ids(`t = "${ghp}"\n// custody:allow`)).toEqual(["secret/github-pat"]); // the line below does not count
    });
  });

  describe("inline custody:allow and gitleaks:allow", () => {
    it("custody:allow RULE accepts only that rule, with or without the secret/ prefix, on the line or the line above", () => {
      expect(ids(`t = "${ghp}" // custody:allow github-pat`)).toEqual([]);
      expect(ids(`# custody:allow secret/github-pat\nt = "${ghp}"`)).toEqual([]);
      expect(ids(`t = "${ghp}" // custody:allow aws-access-key-id`)).toEqual(["secret/github-pat"]);
    });

    it("gitleaks:allow accepts every secret on its line or the line below it", () => {
      expect(ids(`t = "${ghp}" // gitleaks:allow`)).toEqual([]);
      expect(ids(`// gitleaks:allow\nt = "${ghp}"`)).toEqual([]);
      expect(ids(`// gitleaks:allow\n\nt = "${ghp}"`)).toEqual(["secret/github-pat"]);
    });
  });

  describe("baseline and rule overrides", () => {
    it("accepts a finding whose fingerprint is in the baseline", () => {
      const fingerprint = secretFingerprint("secret/github-pat", "a", ghp);
      expect(ids(`t=${ghp}`, "a", { baseline: new Set([fingerprint]) })).toEqual([]);
      expect(ids(`t=${ghp}`, "b", { baseline: new Set([fingerprint]) })).toEqual(["secret/github-pat"]);
    });

    it("disables a rule, changes its severity, and filters by min_severity", () => {
      expect(ids(`t=${ghp}`, "a", { rules: { "secret/github-pat": { enabled: false } } })).toEqual([]);
      expect(scanText(`t=${ghp}`, "a", { rules: { "secret/github-pat": { severity: "low" } } })[0]?.severity).toBe("low");
      const jwtish = `SECRET_TOKEN=${sampleSecret(HEX, 40, "sev")}`;
      expect(ids(jwtish, "a", { min_severity: "critical" })).toEqual([]);
      expect(ids(jwtish, "a", { min_severity: "high" })).toEqual(["secret/generic-api-key"]);
    });
  });
});
