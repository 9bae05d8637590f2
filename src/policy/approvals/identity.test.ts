import { describe, expect, it } from "vitest";
import { loginsOf, parseIdentityText, sameIdentity } from "./identity.js";

describe("parseIdentityText", () => {
  it.each([
    ["Dana Delegator <dana@example.com>", { name: "Dana Delegator", email: "dana@example.com" }],
    ["<dana@example.com>", { email: "dana@example.com" }],
    ["@dana", { login: "dana" }],
    ["dana@example.com", { email: "dana@example.com" }],
    ["dana", { login: "dana", name: "dana" }],
    ["Dana Delegator", { name: "Dana Delegator" }],
  ])("%s", (text, identity) => {
    expect(parseIdentityText(text)).toEqual(identity);
  });
});

describe("sameIdentity", () => {
  it.each([
    ["noreply email and login", { email: "4242+Dana@users.noreply.github.com" }, { login: "dana" }, true],
    ["old-style noreply email", { email: "dana@users.noreply.github.com" }, { login: "dana" }, true],
    ["emails, case-insensitive", { email: "Dana@Example.com" }, { email: "dana@example.com" }, true],
    ["a trailer name equal to the login", { name: "dana" }, { login: "Dana" }, true],
    ["account ids decide when both are known", { id: 1, login: "dana" }, { id: 2, login: "dana" }, false],
    ["different people", { login: "sam" }, { login: "dana", email: "dana@example.com" }, false],
    ["a display name is not a login", { name: "Dana Delegator", email: "dana@example.com" }, { login: "dana" }, false],
  ])("%s → %s", (_name, a, b, same) => {
    expect(sameIdentity(a, b)).toBe(same);
    expect(sameIdentity(b, a)).toBe(same);
  });

  it("reads the login from a noreply email", () => {
    expect(loginsOf({ email: "123+octocat@users.noreply.github.com" })).toEqual(["octocat"]);
    expect(loginsOf({ email: "octocat@example.com" })).toEqual([]);
  });
});
