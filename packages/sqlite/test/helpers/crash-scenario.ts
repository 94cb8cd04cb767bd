import { createInterface } from 'node:readline';
import { seededRandom } from '@mintkit/core';
import { spawnTs } from './run-child.js';

export interface CrashScenarioOptions {
  /** SQLite file the child journals to (survives the kills). */
  path: string;
  /** Base URL of the fake, listening on loopback in this process. */
  baseUrl: string;
  apiKey: string;
  /** Rewards to mint. */
  count: number;
  /** SIGKILLs to deliver while rewards are still being handed out or recovered. */
  kills: number;
  seed: number;
  /** mint() calls the child makes before awaiting them. @default 25 */
  wave?: number;
  /** Longest a single child run may take before the scenario fails. @default 30_000 */
  runTimeoutMs?: number;
}

export interface CrashRun {
  /** How the run ended. */
  outcome: 'killed' | 'completed';
  /** What recovery found on start. */
  recoveredQueued: number;
  recoveredAccepted: number;
  /** mint() calls that resolved in this run. */
  accepted: number;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

/**
 * Runs the crash child until it completes after at least `kills` SIGKILLs. The kill moments
 * come from `seed`: after a random number of accepted mints (sometimes none: a kill during
 * recovery) plus a random delay of up to 15 ms of real time. The delay is the point — the
 * kill must land between any two instructions of the child — not a wait for async work.
 */
export async function runCrashScenario(o: CrashScenarioOptions): Promise<CrashRun[]> {
  const random = seededRandom(o.seed);
  const runs: CrashRun[] = [];
  let acceptedSoFar = 0;
  let kills = 0;
  let previous: CrashRun | undefined;
  for (;;) {
    const remaining = Math.max(0, o.count - acceptedSoFar);
    const plan =
      kills >= o.kills
        ? null
        : {
            // A fifth of the kills hit the start (recovery, resubmission); the others after a
            // small share of what is left, so progress is slow enough for every kill to matter.
            // After a run that finished before its kill, the next is killed at its start.
            afterAccepted:
              random() < 0.2 || previous?.outcome === 'completed'
                ? 0
                : Math.floor((random() * remaining) / 10),
            delayMs: Math.floor(random() * 15),
          };
    const run = await runOnce(o, plan);
    runs.push(run);
    previous = run;
    acceptedSoFar += run.accepted;
    if (run.outcome === 'killed') kills++;
    else if (kills >= o.kills) return runs;
    if (runs.length > o.kills * 3 + 5) throw new Error(`no convergence after ${runs.length} runs`);
  }
}

function runOnce(
  o: CrashScenarioOptions,
  plan: { afterAccepted: number; delayMs: number } | null,
): Promise<CrashRun> {
  const started = performance.now();
  const proc = spawnTs('./crash-child.ts', [o.path, o.baseUrl, String(o.count), String(o.wave ?? 25)], {
    MINTKIT_FAKE_API_KEY: o.apiKey,
  });
  const run: CrashRun = {
    outcome: 'completed',
    recoveredQueued: 0,
    recoveredAccepted: 0,
    accepted: 0,
    ms: 0,
  };
  let stderr = '';
  let done = false;
  let armed = false;
  let killTimer: ReturnType<typeof setTimeout> | undefined;
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const arm = () => {
    if (!plan || armed) return;
    armed = true;
    killTimer = setTimeout(() => {
      if (!done) proc.kill('SIGKILL');
    }, plan.delayMs);
  };
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line === 'a') {
      run.accepted++;
      if (plan && run.accepted >= plan.afterAccepted) arm();
    } else if (line.startsWith('start ')) {
      const [, queued, accepted] = line.split(' ');
      run.recoveredQueued = Number(queued);
      run.recoveredAccepted = Number(accepted);
      if (plan?.afterAccepted === 0) arm();
    } else if (line === 'done') {
      done = true;
    }
  });
  const timeout = setTimeout(() => proc.kill('SIGKILL'), o.runTimeoutMs ?? 30_000);
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('close', (code, signal) => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      run.ms = Math.round(performance.now() - started);
      if (stderr !== '') return reject(new Error(`crash child wrote to stderr:\n${stderr}`));
      if (signal === 'SIGKILL' && armed) {
        run.outcome = 'killed';
        return resolve(run);
      }
      if (code === 0 && done) return resolve(run);
      reject(new Error(`crash child ended with code ${code}, signal ${signal}, done=${done}`));
    });
  });
}
