import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { engineViolations, promisedFloors, type LockFile } from "../scripts/check-engines.js";

const root = new URL("../", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { engines: { node: string } };

describe("promisedFloors", () => {
  it("takes the lowest version of each LTS line the range admits", () => {
    expect(promisedFloors(">=20.19", [20, 22, 24])).toEqual(["20.19.0", "22.0.0", "24.0.0"]);
    expect(promisedFloors("^20.19.0 || >=22.13.0", [20, 22, 24])).toEqual(["20.19.0", "22.13.0", "24.0.0"]);
    expect(promisedFloors(">=22", [20, 22])).toEqual(["22.0.0"]);
  });
});

describe("engineViolations", () => {
  const lock = (engines: LockFile["packages"]): LockFile => ({ packages: { "": { version: "0.1.0" }, ...engines } });

  it("reports a dependency that needs a newer Node than we promise (the content-type@3 case)", () => {
    const found = engineViolations(lock({ "node_modules/content-type": { version: "3.1.1", engines: { node: ">=22" } } }), ">=20.19");
    expect(found).toEqual([{ path: "node_modules/content-type", version: "3.1.1", requires: ">=22", node: "20.19.0" }]);
  });

  it("reports a dependency that skips the floor of a later line", () => {
    const found = engineViolations(
      lock({ "node_modules/oxc-parser": { version: "0.1.0", engines: { node: "^20.19.0 || >=22.12.0" } } }),
      ">=20.19",
    );
    expect(found.map((violation) => violation.node)).toEqual(["22.0.0"]);
  });

  it("accepts ranges that hold every promised floor, and packages that declare none", () => {
    const found = engineViolations(
      lock({
        "node_modules/a": { version: "1.0.0", engines: { node: ">=18" } },
        "node_modules/b": { version: "1.0.0", engines: { node: "20.x || 22.x || 24.x || 26.x" } },
        "node_modules/c": { version: "1.0.0" },
        "node_modules/d": { version: "1.0.0", engines: ["node >= 0.4"] },
      }),
      "^20.19.0 || >=22.13.0",
    );
    expect(found).toEqual([]);
  });

  it("reports a range it cannot read rather than guess", () => {
    expect(engineViolations(lock({ "node_modules/x": { version: "1.0.0", engines: { node: "sometimes" } } }), ">=20.19")).toHaveLength(1);
  });

  it("finds nothing in our own lockfile: every dependency installs on every Node we promise", () => {
    const ours = JSON.parse(readFileSync(new URL("package-lock.json", root), "utf8")) as LockFile;
    expect(engineViolations(ours, manifest.engines.node)).toEqual([]);
  });
});
