/**
 * A test double of the `Ledger` contract, kept in memory: dedup by deliveryId, seq order,
 * and a switch that makes every call fail as an unavailable database would. Tests only;
 * the shipped stores live in src/ledger/.
 */
import { createHash } from "node:crypto";
import { CustodyError } from "../../model/errors.js";
import type { AppendResult, Ledger, LedgerEvent, LedgerEventInput, SignedCheckpoint } from "../../model/ledger-event.js";

export class MemoryLedger implements Ledger {
  readonly events: LedgerEvent[] = [];
  unavailable = false;

  private check(): void {
    if (this.unavailable) {
      throw new CustodyError("LEDGER_UNAVAILABLE", "The test ledger is switched off.");
    }
  }

  append(inputs: LedgerEventInput[]): Promise<AppendResult[]> {
    this.check();
    return Promise.resolve(
      inputs.map((input) => {
        const existing = input.deliveryId === undefined ? undefined : this.events.find((e) => e.deliveryId === input.deliveryId);
        if (existing) {
          return { event: existing, duplicate: true };
        }
        const event: LedgerEvent = {
          ...input,
          seq: this.events.length,
          receivedAt: new Date().toISOString(),
          leafHash: createHash("sha256").update(JSON.stringify(input)).digest("hex"),
        };
        this.events.push(event);
        return { event, duplicate: false };
      }),
    );
  }

  get(seq: number): Promise<LedgerEvent | undefined> {
    this.check();
    return Promise.resolve(this.events[seq]);
  }

  findByDeliveryId(deliveryId: string): Promise<LedgerEvent | undefined> {
    this.check();
    return Promise.resolve(this.events.find((e) => e.deliveryId === deliveryId));
  }

  async *scan(options: { fromSeq?: number; toSeq?: number; kind?: string; repository?: string } = {}): AsyncIterable<LedgerEvent> {
    this.check();
    await Promise.resolve();
    for (const event of this.events.slice(options.fromSeq ?? 0, options.toSeq === undefined ? undefined : options.toSeq + 1)) {
      if (
        (options.kind === undefined || event.kind === options.kind) &&
        (options.repository === undefined || event.repository === options.repository)
      ) {
        yield event;
      }
    }
  }

  size(): Promise<number> {
    this.check();
    return Promise.resolve(this.events.length);
  }

  checkpoint(): Promise<SignedCheckpoint> {
    this.check();
    return Promise.resolve({ origin: "memory", treeSize: this.events.length, rootHash: "", note: "" });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
