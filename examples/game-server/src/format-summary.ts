import { formatDuration, formatTable } from '@mintkit/cli';
import type { DemoSummary } from './run-demo.js';

export function formatSummary(s: DemoSummary): string {
  const table = formatTable('mintkit demo: summary', [
    ['players', s.players],
    ['rewards', `${s.rewards} (${s.trophies} ERC-721 trophies, ${s.items} ERC-1155 items)`],
    ['minted', s.minted],
    ['failed', s.failed],
    ['requests sent', `${s.requestsSent} (${s.requestsAccepted} accepted)`],
    ['assets per request', s.assetsPerRequest.toFixed(1)],
    [
      '409s avoided',
      `${s.conflictsAvoided} (ERC-1155 metadata sent once per token; ${s.conflictsHealed} healed)`,
    ],
    ['429s', s.rateLimited],
    ['budget waits', `${s.budgetWaits} (${formatDuration(s.budgetWaitMs)} waiting)`],
    ['retries', s.retries],
    [
      'settled via',
      `webhook ${s.settledBy.webhook}, polling ${s.settledBy.poll}, lookup ${s.settledBy.lookup}`,
    ],
    ['wall time', formatDuration(s.wallMs)],
    ['mints/s', s.mintsPerSecond.toFixed(1)],
  ]);
  const verdict =
    s.problems.length === 0
      ? 'OK: every reward minted exactly once, to the right player.'
      : `FAILED:\n${s.problems.map((p) => `  - ${p}`).join('\n')}`;
  return `${table}\n${verdict}`;
}
