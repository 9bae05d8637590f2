/**
 * Sends the ledger's latest signed checkpoint to each configured witness and keeps what they
 * return: per witness, the cosigned checkpoint (the log's note with the witness's cosignature
 * appended) and the size it covers, in the ledger's meta table (`witness:<url>`), so the next
 * submission starts from there and `custody case export` can hand out a cosigned checkpoint.
 */
import type { CustodyLedger } from "../open-ledger.js";
import { submitCheckpoint } from "./witness-client.js";

export interface WitnessOutcome {
  witness: string;
  ok: boolean;
  treeSize: number;
  message?: string;
}

interface Record {
  treeSize: number;
  note: string;
}

const key = (url: string): string => `witness:${url}`;

export async function witnessedCheckpoint(ledger: CustodyLedger, url: string): Promise<Record | undefined> {
  const text = await ledger.store.getMeta(key(url));
  return text === undefined ? undefined : (JSON.parse(text) as Record);
}

/** Submits the latest stored checkpoint to every witness in turn; one failing witness does not stop the others. */
export async function submitToWitnesses(ledger: CustodyLedger, witnesses: readonly string[]): Promise<WitnessOutcome[]> {
  const latest = (await ledger.store.checkpoints()).at(-1);
  if (latest === undefined || witnesses.length === 0) {
    return [];
  }
  const outcomes: WitnessOutcome[] = [];
  for (const url of witnesses) {
    try {
      const known = await witnessedCheckpoint(ledger, url);
      if (known !== undefined && known.treeSize === latest.treeSize) {
        outcomes.push({ witness: url, ok: true, treeSize: latest.treeSize });
        continue;
      }
      const result = await submitCheckpoint(ledger, url, latest.note, latest.treeSize, known?.treeSize ?? 0);
      if (result.ok) {
        await ledger.store.setMeta(
          key(url),
          JSON.stringify({ treeSize: latest.treeSize, note: `${latest.note}${result.cosignatures}` } satisfies Record),
        );
        outcomes.push({ witness: url, ok: true, treeSize: latest.treeSize });
      } else {
        outcomes.push({ witness: url, ok: false, treeSize: latest.treeSize, message: `${String(result.status)}: ${result.message}` });
      }
    } catch (error) {
      outcomes.push({
        witness: url,
        ok: false,
        treeSize: latest.treeSize,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcomes;
}
