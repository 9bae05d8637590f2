import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCustodyError } from "../../../model/errors.js";
import { queryOsvApi } from "./query-osv-api.js";

// A local server stands in for the OSV API: tests never reach the network.
let server: Server;
let base: string;
const asked: string[] = [];
const MINIMIST = {
  id: "GHSA-xvch-5gv4-984h",
  modified: "2024-05-01T00:00:00Z",
  affected: [
    {
      package: { ecosystem: "npm", name: "minimist" },
      ranges: [{ type: "SEMVER", events: [{ introduced: "1.0.0" }, { fixed: "1.2.6" }] }],
    },
  ],
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      asked.push(`${request.method ?? ""} ${request.url ?? ""}`);
      const json = (value: unknown): void =>
        void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (request.url === "/v1/querybatch") {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string } }[] };
        json({
          results: queries.map((query) => ({
            vulns: query.package.name === "minimist" ? [{ id: MINIMIST.id }] : query.package.name === "broken" ? [{ id: "BROKEN-1" }] : [],
          })),
        });
      } else if (request.url === `/v1/vulns/${MINIMIST.id}`) {
        json(MINIMIST);
      } else if (request.url === "/v1/vulns/BROKEN-1") {
        json({ affected: [] });
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("queryOsvApi", () => {
  it("asks one batch for every package version, fetches each record once, and indexes it", async () => {
    asked.length = 0;
    const index = await queryOsvApi(`${base}/`, [
      { ecosystem: "npm", name: "minimist", version: "1.2.5", direct: true },
      { ecosystem: "npm", name: "minimist", version: "1.2.5", direct: false },
      { ecosystem: "npm", name: "minimist", version: "1.2.4", direct: false },
      { ecosystem: "npm", name: "ms", version: "2.1.3", direct: false },
      { ecosystem: "npm", name: "unpinned", range: "^1", direct: true },
    ]);
    expect(asked).toEqual(["POST /v1/querybatch", `GET /v1/vulns/${MINIMIST.id}`]);
    expect(index.forPackage("npm", "minimist").map((record) => record.id)).toEqual([MINIMIST.id]);
    expect(index.newest).toBe("2024-05-01");
  });

  it("fails closed with ADVISORY_INVALID on an HTTP error, a refused connection or a malformed record", async () => {
    for (const [url, name] of [
      [`${base}/wrong-prefix`, "minimist"],
      [base, "broken"],
      ["http://127.0.0.1:1", "minimist"],
    ] as const) {
      const caught = await queryOsvApi(url, [{ ecosystem: "npm", name, version: "1.0.0", direct: true }]).catch((error: unknown) => error);
      expect(isCustodyError(caught, "ADVISORY_INVALID")).toBe(true);
    }
  });
});
