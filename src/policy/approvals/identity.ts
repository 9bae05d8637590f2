/**
 * Matching people across the places GitHub and git name them: a review names a login, a
 * trailer names `Name <email>`, a commit names an email that may be a GitHub noreply address
 * (`12345+octocat@users.noreply.github.com`). Used to decide who is NOT independent, so it
 * errs towards "same person": a false match removes an approval from the quorum (fails
 * closed), a missed match would let a delegator approve their own agent's work.
 */
import type { Identity } from "../../model/actor.js";

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?$/;

/** Reads a trailer-style value: `Jane Doe <jane@example.com>`, `@jane`, `jane@example.com` or `jane`. */
export function parseIdentityText(value: string): Identity {
  const text = value.trim();
  const angle = /^(.*?)\s*<([^<>\s]+)>$/.exec(text);
  if (angle !== null) {
    const name = angle[1]?.trim() ?? "";
    const email = angle[2] ?? "";
    return name === "" ? { email } : { name, email };
  }
  if (text.startsWith("@") && LOGIN.test(text.slice(1))) {
    return { login: text.slice(1) };
  }
  if (/^[^@\s]+@[^@\s]+$/.test(text)) {
    return { email: text };
  }
  return LOGIN.test(text) ? { login: text, name: text } : { name: text };
}

/** Logins an identity reveals: its login, or the one inside a GitHub noreply email. */
export function loginsOf(identity: Identity): string[] {
  const logins: string[] = [];
  if (identity.login !== undefined) {
    logins.push(identity.login.toLowerCase());
  }
  const noreply = identity.email === undefined ? null : /^(?:\d+\+)?([^@+]+)@users\.noreply\.github\.com$/i.exec(identity.email);
  if (noreply?.[1] !== undefined) {
    logins.push(noreply[1].toLowerCase());
  }
  return logins;
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  if (a.id !== undefined && b.id !== undefined) {
    return a.id === b.id;
  }
  const loginsA = loginsOf(a);
  const loginsB = loginsOf(b);
  if (loginsA.some((login) => loginsB.includes(login))) {
    return true;
  }
  if (a.email !== undefined && b.email !== undefined && a.email.toLowerCase() === b.email.toLowerCase()) {
    return true;
  }
  // A trailer often carries only a display name equal to the login (`Authorized-by: octocat`).
  const nameA = a.name?.toLowerCase();
  const nameB = b.name?.toLowerCase();
  return (
    (nameA !== undefined && loginsB.includes(nameA)) ||
    (nameB !== undefined && loginsA.includes(nameB)) ||
    (nameA !== undefined && nameA === nameB)
  );
}

/** How a person is shown in a finding: the login when known, else name or email. */
export function displayIdentity(identity: Identity): string {
  return identity.login ?? identity.name ?? identity.email ?? (identity.id === undefined ? "unknown" : `#${String(identity.id)}`);
}
