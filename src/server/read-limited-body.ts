/**
 * Reads an HTTP request body with a hard byte limit, counting while it streams: an oversized
 * payload is refused as soon as the limit is crossed, before the rest is read into memory
 * (a declared Content-Length over the limit is refused before reading anything). The limit is
 * the attacker's lever on our memory, so it is checked per chunk, never after the fact.
 */
import { CustodyError } from "../model/errors.js";

export async function readLimitedBody(request: Request, limit: number): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    throw tooLarge(limit);
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
