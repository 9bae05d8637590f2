/**
 * Credentials typed into commands: `curl -u user:password` and `curl -H "Authorization: …"` /
 * `-H "X-Api-Key: …"`, the shapes gitleaks' curl-auth-user and curl-auth-header rules catch. A
 * command may be continued over several lines with `\`, so both rules are multi-line and allow
 * up to five continuations between `curl` and the flag. Variables, templates and placeholder
 * passwords (`$PASS`, `{{ .Values.pw }}`, `<password>`, `user:pass`) are not reported.
 */
import { ALNUM, HEX, sampleSecret as s } from "../sample-secret.js";
import { isPlaceholder } from "../allowlist.js";
import { defineRule } from "./define-rule.js";

const PLACEHOLDER_PASSWORDS = new Set(["pass", "password", "pwd", "test", "token", "changeme", "changeit", "secret", "passwd"]);

function unquote(text: string): string {
  return text.replace(/^["']|["']$/g, "");
}

/** `user:password` (either side quoted, one side possibly empty) that is a real credential. */
function isRealUserCredential(credential: string): boolean {
  const parts = credential.split(/["']?:["']?/);
  const user = unquote(parts[0] ?? "");
  const password = unquote(parts.slice(1).join(":"));
  const secret = password === "" ? user : password;
  if (secret.length < 3 || /[$<>[\]{}]/.test(credential)) {
    return false;
  }
  return !PLACEHOLDER_PASSWORDS.has(secret.toLowerCase()) && !/^(?:x+|\*+|\.+)$/i.test(secret);
}

export const COMMAND_LINE_RULES = [
  defineRule({
    id: "curl-user-credentials",
    description: "Password given to curl with -u/--user: anyone reading the command can log in as that user.",
    keywords: ["curl"],
    multiline: true,
    regex:
      /\bcurl\b(?:[^\n]{0,500}?\\\r?\n){0,5}[^\n]{0,500}?[ \t](?:-u|--user)(?:=|[ \t]{1,5})("[^"\s]*:[^"\s]*"|'[^'\s]*:[^'\s]*'|[^\s"':]*:(?:"[^"\s]+"|'[^'\s]+'|[^\s"']+))(?![^\s])/,
    entropy: 2,
    validate: (secret) => isRealUserCredential(secret),
    truePositives: [
      `curl -u deploy:${s(ALNUM, 14, "curl-u-1")} https://registry.internal/v2/`, // plain
      `curl -s \\\n  --user 'api:${s(ALNUM, 16, "curl-u-2")}' \\\n  https://api.internal/messages`, // continued over lines
    ],
    falsePositives: [
      'curl -u "$USER:$PASS" https://x',
      "curl -u user:pass https://x",
      "curl --user <user:password> https://x",
      'curl -u "{{ .Values.user }}:{{ .Values.pw }}"',
    ],
  }),
  defineRule({
    id: "curl-auth-header",
    description: "Credential sent by curl in an Authorization or API-key header.",
    keywords: ["curl"],
    multiline: true,
    regex:
      /\bcurl\b(?:[^\n]{0,500}?\\\r?\n){0,5}[^\n]{0,500}?(?:-H|--header)(?:=|[ \t]{0,5})["'](?:Authorization:[ \t]{0,5}(?:(?:Basic|Bearer|(?:Api-)?Token)[ \t]+)?|(?:X-(?:[a-z]+-)?)?(?:Api-?)?(?:Key|Token):[ \t]{0,5})([\w=~@.+/-]{8,})["']/i,
    entropy: 2.75,
    validate: (secret) => !isPlaceholder(secret) && !/^(?:x+|\*+|\.+)$/i.test(secret),
    truePositives: [
      `curl -H "Authorization: Token ${s(HEX, 40, "curl-h-1")}" https://api.internal/v1`, // token scheme
      `curl -X GET \\\n  -H "Accept: application/json" \\\n  -H "X-Api-Key: ${s(ALNUM, 32, "curl-h-2")}" https://api.internal`, // API key header, continued
    ],
    falsePositives: [
      'curl -H "Authorization: Bearer $TOKEN" https://x',
      'curl -H "Authorization: Bearer XXXXXXXXXXXX" https://x',
      "curl -H 'Content-Type: application/json' https://x",
    ],
  }),
] as const;
