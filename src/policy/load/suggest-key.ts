/**
 * "Did you mean …?" for unknown policy keys: finds the keys the schema accepts at a path and
 * the closest one to a typo by edit distance. A suggestion is made only when it is obvious
 * (distance at most 2 and under half the key's length), never a guess across unrelated words.
 */
import { z } from "zod";
import { editDistance } from "../../model/edit-distance.js";

export { editDistance };

/** Unwraps defaults, optionals and pipes down to the schema that holds the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

/** The keys an object schema accepts at `path` (array indices and record keys step through). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    if (current instanceof z.ZodObject) {
      const next = (current.shape as Record<string, z.ZodType | undefined>)[String(segment)];
      if (next === undefined) {
        return [];
      }
      current = unwrap(next);
    } else if (current instanceof z.ZodArray) {
      current = unwrap(current.element as z.ZodType);
    } else if (current instanceof z.ZodRecord) {
      current = unwrap(current.valueType as z.ZodType);
    } else {
      return [];
    }
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const normalised = unknown.toLowerCase().replaceAll("-", "_");
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(normalised, key);
    if (distance <= 2 && distance * 2 < Math.max(unknown.length, 2) && (best === undefined || distance < best.distance)) {
      best = { key, distance };
    }
  }
  return best?.key;
}
