import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCustodyError } from "../../../model/errors.js";
import { queryOsvApi } from "./query-osv-api.js";

// A local server stands in for the OSV API: tests never reach the network.
let server: Server;
let base: string;
const asked: unknown[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const query = JSON.parse(body) as { package: { name: string }; version: string };
      asked.push(query);
      if (request.url !== "/v1/query") {
        response.writeHead(404).end();
        return;
      }
      if (query.package.name === "broken") {
        response.writeHead(200, { "content-type": "application/json" }).end('{"vulns":[{"affected":[]}]}');
        return;
      }
      const vulns =
        query.package.name === "minimist"
          ? [{ id: "GHSA-xvch-5gv4-984h", affected: [{ package: { ecosystem: "npm", name: "minimist" }, ranges: [{ type: "SEMVER", events: [{ introduced: "1.0.0" }, { fixed: "1.2.6" }] }] }] }]
          : [];
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ vulns }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("queryOsvApi", () => {
  it("asks once per package version and indexes the answers", async () => {
    asked.length = 0;
    const index = await queryOsvApi(`${base}/`, [
      { ecosystem: "npm", name: "minimist", version: "1.2.5", direct: true },
      { ecosystem: "npm", name: "minimist", version: "1.2.5", direct: false },
      { ecosystem: "npm", name: "ms", version: "2.1.3", direct: false },
      { ecosystem: "npm", name: "unpinned", range: "^1", direct: true },
    ]);
    expect(asked).toHaveLength(2);
    expect(index.forPackage("npm", "minimist").map((record) => record.id)).toEqual(["GHSA-xvch-5gv4-984h"]);
  });

  it("fails closed with ADVISORY_INVALID on an HTTP error or a malformed answer", async () => {
    for (const [url, name] of [
      [`${base}/wrong-prefix`, "minimist"],
      [base, "broken"],
    ] as const) {
      let caught: unknown;
      try {
        await queryOsvApi(url, [{ ecosystem: "npm", name, version: "1.0.0", direct: true }]);
      } catch (error) {
        caught = error;
      }
      expect(isCustodyError(caught, "ADVISORY_INVALID")).toBe(true);
    }
  });
});
