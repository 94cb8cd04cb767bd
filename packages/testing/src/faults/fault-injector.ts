import { z } from 'zod';
import { createSeededRandom } from '../model/random.js';
import {
  type Fault,
  type FaultMatch,
  faultMatchSchema,
  faultSchema,
  type RandomFaultOptions,
  randomFaultOptionsSchema,
} from './fault-types.js';

/** `fake.faults`: scripted and seeded-random failures in front of the model. */
export interface FaultControls {
  /**
   * The next `count` API requests matching `match` answer with `fault` instead of the model.
   * Scripts queue up: a request takes the oldest script that matches it.
   * @example fake.faults.next(2, { status: 503 }, { method: 'POST', path: /mint-requests$/ })
   */
  next(count: number, fault: Fault, match?: FaultMatch): void;
  /**
   * Seeded random faults on every API request (after scripted ones). Calling it again
   * replaces the previous random configuration. Random 5xx and resets happen before the
   * model sees the request unless `afterProcessing` says otherwise.
   * @example fake.faults.random({ seed: 7, status5xx: 0.05, reset: 0.01 })
   */
  random(options: RandomFaultOptions): void;
  /** Removes every scripted and random fault. */
  clear(): void;
}

/** The fault applied to one request, with where it came from (for the request log). */
export interface PickedFault {
  fault: Fault;
  source: 'scripted' | 'random';
}

export interface FaultInjector extends FaultControls {
  /** Consumes and returns the fault for this request, if any. */
  pick(method: string, path: string): PickedFault | undefined;
  /** Scripted faults not yet used, for `GET /_fake/state`. */
  remaining(): number;
}

interface Script {
  left: number;
  fault: Fault;
  match: FaultMatch | undefined;
}

const nextArgs = z.tuple([z.number().int().min(1), faultSchema, faultMatchSchema.optional()]);

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path) {
    match.path.lastIndex = 0;
    if (!match.path.test(path)) return false;
  }
  return true;
}

const STATUSES_5XX = [500, 502, 503, 504] as const;

export function createFaultInjector(defaultSeed: number | undefined): FaultInjector {
  let scripts: Script[] = [];
  let random: { options: RandomFaultOptions; next: () => number } | undefined;
  let stormLeft = 0;

  const rollRandom = (method: string, path: string): Fault | undefined => {
    if (!random || !matches(random.options.match, method, path)) return undefined;
    const { options, next } = random;
    const storm = options.rateLimitStorm;
    const retryAfter = String(Math.ceil(storm?.retryAfterSeconds ?? 1));
    const tooMany: Fault = { status: 429, headers: { 'retry-after': retryAfter } };
    if (stormLeft > 0) {
      stormLeft--;
      return tooMany;
    }
    // One draw per kind keeps a seed's sequence stable when only one probability changes.
    const draws = [next(), next(), next(), next(), next()] as const;
    const after = draws[4] < (options.afterProcessing ?? 0);
    if (storm && draws[0] < storm.rate) {
      stormLeft = (storm.length ?? 10) - 1;
      return tooMany;
    }
    if (draws[1] < (options.status5xx ?? 0)) {
      const status = STATUSES_5XX[Math.floor(draws[4] * 997) % STATUSES_5XX.length]!;
      return { status, after };
    }
    if (draws[2] < (options.reset ?? 0)) return { reset: true, after };
    if (draws[3] < (options.hang ?? 0)) return { hangMs: options.hangMs ?? 30_000 };
    return undefined;
  };

  return {
    next(count, fault, match) {
      const [n, parsedFault, parsedMatch] = nextArgs.parse([count, fault, match]);
      scripts.push({ left: n, fault: parsedFault as Fault, match: parsedMatch });
    },
    random(options) {
      const parsed = randomFaultOptionsSchema.parse(options);
      stormLeft = 0;
      random = { options: parsed, next: createSeededRandom(parsed.seed ?? defaultSeed ?? 1).next };
    },
    clear() {
      scripts = [];
      random = undefined;
      stormLeft = 0;
    },
    pick(method, path) {
      if (scripts.length > 0) {
        const index = scripts.findIndex((s) => matches(s.match, method, path));
        const script = scripts[index];
        if (script) {
          if (--script.left === 0) scripts.splice(index, 1);
          return { fault: script.fault, source: 'scripted' };
        }
      }
      const fault = rollRandom(method, path);
      return fault ? { fault, source: 'random' } : undefined;
    },
    remaining: () => scripts.reduce((sum, s) => sum + s.left, 0),
  };
}
