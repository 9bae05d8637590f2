/**
 * Reads an HTTP request body as its exact bytes with a hard byte limit. A declared Content-Length
 * over the limit is refused before anything is read. Without a declared length (chunked
 * uploads), bytes are counted while they stream and the upload is stopped as soon as the limit
 * is crossed, before the rest is read into memory: the limit is the attacker's lever on our
 * memory, so it is checked per chunk, never after the fact.
 *
 * One exception to streaming, for speed: when the caller says the transport enforces the
 * declared length (Node's HTTP parser reads exactly Content-Length body bytes, never more — the
 * case for @hono/node-server), a declared length within the limit bounds the body already, and
 * the body is read in one go through the server's direct path instead of a web stream (which
 * costs a Request, a ReadableStream and a promise per chunk on every delivery).
 */
import { CustodyError } from "../model/errors.js";

export interface ReadLimitOptions {
  /** The transport delivers at most Content-Length body bytes (Node's HTTP server does). */
  transportEnforcesLength?: boolean;
}

export async function readLimitedBody(request: Request, limit: number, options: ReadLimitOptions = {}): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  const length = declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
  if (length !== undefined && length > limit) {
    throw tooLarge(limit);
  }
  if (length !== undefined && options.transportEnforcesLength === true) {
    return Buffer.from(await request.arrayBuffer());
  }
  const body = request.body;
  if (body === null) {
    return Buffer.alloc(0);
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > limit) {
      // Stop the upload: cancelling releases the socket's buffered data instead of reading on.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(limit: number): CustodyError {
  return new CustodyError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than ${String(limit)} bytes, the most GitHub sends in one webhook delivery (25 MB); it was refused before being read.`,
  );
}
