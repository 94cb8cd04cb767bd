import { MintkitError } from './errors/mintkit-error.js';
import type { AssetOutcome, MintBatchHandle, MintOptions, MintProgress } from './minter.js';
import type { MintReceipt } from './types.js';
import type { MintAssetInput } from './validate/schemas.js';

type MintFn = (collection: string, asset: MintAssetInput, options?: MintOptions) => Promise<MintReceipt>;

/**
 * `mintMany`: one `mint()` per asset (they share batches anyway), with outcomes delivered in
 * completion order through an async iterator and counted in `progress()`. Every mint promise
 * is handled here, so a refusal never becomes an unhandled rejection.
 */
export function createMintBatch(
  mint: MintFn,
  collection: string,
  assets: Iterable<MintAssetInput>,
  options?: MintOptions,
): MintBatchHandle {
  const progress: MintProgress = { total: 0, queued: 0, accepted: 0, rejected: 0, succeeded: 0, failed: 0 };
  const buffer: AssetOutcome[] = [];
  let wake: (() => void) | undefined;
  let remaining = 0;
  let finish!: (p: MintProgress) => void;
  const done = new Promise<MintProgress>((resolve) => {
    finish = resolve;
  });

  const push = (outcome: AssetOutcome) => {
    buffer.push(outcome);
    progress.queued--;
    if (--remaining === 0) finish({ ...progress });
    wake?.();
  };

  for (const asset of assets) {
    progress.total++;
    progress.queued++;
    remaining++;
    const referenceId = String((asset as { referenceId?: unknown } | null)?.referenceId ?? '');
    mint(collection, asset, options).then(
      (receipt) => {
        progress.accepted++;
        receipt.settled.then((o) => {
          if (o.status === 'succeeded') progress.succeeded++;
          else progress.failed++;
        });
        push({ referenceId, status: receipt.accepted, receipt });
      },
      (error: unknown) => {
        progress.rejected++;
        const e =
          error instanceof MintkitError
            ? error
            : new MintkitError('INTERNAL', String(error), { cause: error });
        push({ referenceId, status: 'rejected', error: e });
      },
    );
  }
  if (remaining === 0) finish({ ...progress });

  return {
    progress: () => ({ ...progress }),
    done,
    async *[Symbol.asyncIterator]() {
      let delivered = 0;
      while (delivered < progress.total) {
        const next = buffer.shift();
        if (next) {
          delivered++;
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    },
  };
}
