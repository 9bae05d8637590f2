/**
 * The witness over HTTP (Hono): `POST /add-checkpoint` as C2SP tlog-witness defines it, and
 * `GET /checkpoint/<origin, URL-encoded>` — the latest cosigned checkpoint of a log, with the
 * log's and the witness's signatures, for `custody verify --witness`. The read route is Custody's
 * own: tlog-witness leaves monitor retrieval to be designed.
 */
import { Hono } from "hono";
import type { Witness } from "./witness.js";

/** A checkpoint with up to 63 proof lines is a few KB; anything far larger is not one. */
const MAX_REQUEST_BYTES = 64 * 1024;

export function witnessApp(witness: Witness): Hono {
  const app = new Hono();
  app.post("/add-checkpoint", async (c) => {
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > MAX_REQUEST_BYTES) {
      return c.text("request too large\n", 413);
    }
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length > MAX_REQUEST_BYTES) {
      return c.text("request too large\n", 413);
    }
    const result = witness.addCheckpoint(bytes.toString("utf8"));
    return c.body(result.body, result.status, { "content-type": result.contentType });
  });
  app.get("/checkpoint/:origin", (c) => {
    const latest = witness.latest(c.req.param("origin"));
    if (latest === undefined) {
      return c.text("no checkpoint of this log has been cosigned\n", 404);
    }
    return c.body(latest.note, 200, { "content-type": "text/plain; charset=utf-8" });
  });
  app.get("/healthz", (c) => c.text("ok\n"));
  return app;
}
