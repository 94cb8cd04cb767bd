// Child process for durability.test.ts: records intents, reports that record() resolved,
// then dies by SIGKILL before any close() or exit handler can run.
import { sqliteJournal } from '../../src/index.js';

const [path, countArg] = process.argv.slice(2);
const count = Number(countArg);
const journal = sqliteJournal({ path: path as string });
const owner = '0x3333333333333333333333333333333333333333';
await Promise.all(
  Array.from({ length: count }, (_, i) =>
    journal.record([
      { collection: '0x1111111111111111111111111111111111111111', asset: { referenceId: `r${i}`, owner } },
    ]),
  ),
);
process.stdout.write('recorded\n', () => process.kill(process.pid, 'SIGKILL'));
