/**
 * Signs checkpoints on a schedule while the server runs. Truncation of the ledger (dropping its
 * newest events) is only detectable against a signed checkpoint at least that large, so a
 * server that never signed one would leave its latest deliveries unprotected. A checkpoint is
 * signed when the tree grew since the last one, and once more when the schedule stops, so the
 * last acknowledged delivery is covered by a signature after a clean shutdown.
 */
import type { Ledger } from "../model/ledger-event.js";

export interface CheckpointSchedule {
  /** Stops the timer and signs a final checkpoint if the tree grew. */
  stop(): Promise<void>;
}

export function scheduleCheckpoints(
  ledger: Pick<Ledger, "size" | "checkpoint">,
  options: {
    everyMs: number;
    onError: (error: unknown) => void;
    /** After each new checkpoint (e.g. submit it to witnesses); its failures go to `onError`. */
    afterSign?: () => Promise<void>;
  },
): CheckpointSchedule {
  let signedSize = -1;
  let running: Promise<void> = Promise.resolve();
  const signIfGrown = async (): Promise<void> => {
    try {
      const size = await ledger.size();
      if (size > 0 && size !== signedSize) {
        signedSize = (await ledger.checkpoint()).treeSize;
        await options.afterSign?.();
      }
    } catch (error) {
      options.onError(error);
    }
  };
  const timer = setInterval(() => {
    // One signing at a time: a slow store must not stack up overlapping checkpoints.
    running = running.then(signIfGrown);
  }, options.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await signIfGrown();
    },
  };
}
