import { describe, expect, it } from "vitest";
import type { Ecosystem } from "../package.js";
import { findTyposquat } from "./find-typosquat.js";

const options = { maxDistance: 1 };

describe("findTyposquat", () => {
  it.each([
    ["npm", "lodahs", "typo", "lodash"],
    ["npm", "expresss", "typo", "express"],
    ["npm", "@types-node", "scope", "@types/node"],
    ["npm", "types-node", "scope", "@types/node"],
    ["npm", "cross_env", "separator", "cross-env"],
    ["npm", "crossenv", "separator", "cross-env"],
    ["npm", "@type/node", "typo", "@types/node"],
    ["PyPI", "reqeusts", "typo", "requests"],
    ["PyPI", "python_dateutil", undefined, undefined], // same project under PEP 503: not a squat
  ] as const)("%s %s → %s of %s", (ecosystem, name, kind, target) => {
    const hit = findTyposquat(ecosystem, name, options);
    expect(hit === undefined ? undefined : [hit.kind, hit.target]).toEqual(kind === undefined ? undefined : [kind, target]);
  });

  it.each([
    ["npm", "lodash"],
    ["npm", "react-dom"],
    ["npm", "express"],
    ["npm", "@types/node"],
    ["npm", "zustand-middleware-persist-custom"],
    ["npm", "custody-internal-widget"],
    ["PyPI", "requests"],
    ["PyPI", "Django"],
  ] as const)("%s %s is not a typosquat", (ecosystem: Ecosystem, name: string) => {
    expect(findTyposquat(ecosystem, name, options)).toBeUndefined();
  });

  it("treats the policy's extra popular names as targets and as legitimate", () => {
    const extra = { maxDistance: 1, extraPopular: { npm: ["@acme/billing-client"] } };
    expect(findTyposquat("npm", "billing-client", extra)?.target).toBe("@acme/billing-client");
    expect(findTyposquat("npm", "@acme/billing-client", extra)).toBeUndefined();
  });

  it("does not compare against short popular names, which are a typo from many words", () => {
    expect(findTyposquat("npm", "qz", options)).toBeUndefined();
  });

  it("has no list for an ecosystem without one", () => {
    expect(findTyposquat("Go", "github.com/gin-gonic/gim", options)).toBeUndefined();
  });
});
