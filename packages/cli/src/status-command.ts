import { type ConnectionFlags, connect } from './connect.js';
import { type CliIo, line } from './io.js';

export interface StatusCommandOptions extends ConnectionFlags {
  referenceId: string;
}

/** `mintkit status`: prints the API's mint request record as JSON; exit 1 when unknown. */
export async function statusCommand(o: StatusCommandOptions, io: CliIo): Promise<number> {
  const conn = await connect({ ...o, environ: io.env });
  try {
    const record = await conn.minter.status(o.collection, o.referenceId);
    if (!record) {
      line(io.stderr, `no mint request with reference_id "${o.referenceId}" in ${o.collection}`);
      return 1;
    }
    line(io.stdout, JSON.stringify(record, null, 2));
    return 0;
  } finally {
    await conn.close();
  }
}
