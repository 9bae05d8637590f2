import { describe, expect, it, vi } from "vitest";
import type { SignedCheckpoint } from "../model/ledger-event.js";
import { scheduleCheckpoints } from "./checkpoint-schedule.js";

function fakeLedger(sizes: number[]): { size: () => Promise<number>; checkpoint: () => Promise<SignedCheckpoint>; signed: number[] } {
  let current = 0;
  const signed: number[] = [];
  return {
    signed,
    size: () => Promise.resolve(sizes[Math.min(current++, sizes.length - 1)] ?? 0),
    checkpoint: () => {
      const treeSize = sizes[Math.min(current - 1, sizes.length - 1)] ?? 0;
      signed.push(treeSize);
      return Promise.resolve({ origin: "test", treeSize, rootHash: "", note: "" });
    },
  };
}

describe("scheduleCheckpoints", () => {
  it("signs when the tree grew, not when it stayed the same, and once more on stop", async () => {
    vi.useFakeTimers();
    try {
      const ledger = fakeLedger([0, 3, 3, 5, 8]);
      const schedule = scheduleCheckpoints(ledger, { everyMs: 1000, onError: () => undefined });
      for (let tick = 0; tick < 4; tick += 1) {
        await vi.advanceTimersByTimeAsync(1000);
      }
      expect(ledger.signed).toEqual([3, 5]);
      await schedule.stop();
      expect(ledger.signed).toEqual([3, 5, 8]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports a signing failure and keeps going", async () => {
    vi.useFakeTimers();
    try {
      const errors: unknown[] = [];
      const ledger = { size: () => Promise.resolve(4), checkpoint: () => Promise.reject(new Error("no signing key")) };
      const schedule = scheduleCheckpoints(ledger, { everyMs: 1000, onError: (error) => errors.push(error) });
      await vi.advanceTimersByTimeAsync(2000);
      await schedule.stop();
      expect(errors.map((e) => (e as Error).message)).toEqual(["no signing key", "no signing key", "no signing key"]);
    } finally {
      vi.useRealTimers();
    }
  });
});
