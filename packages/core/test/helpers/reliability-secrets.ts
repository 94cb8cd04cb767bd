import { inspect } from 'node:util';
import type { Logger } from '../../src/index.js';

/** A key nobody could mistake for anything else; it must appear nowhere mintkit writes. */
export const CANARY_KEY = 'sk_imapik-SECRET-canary-7f3a9c1e5b';

/**
 * Every way a value could be shown: JSON, util.inspect at full depth, and for errors their
 * message, stack and whole `cause` chain (which neither of the two above always includes).
 */
export function renderings(value: unknown): string[] {
  const out = [safeJson(value), inspect(value, { depth: null, showHidden: true, getters: true })];
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Error) out.push(String(v), v.message, String(v.stack));
    for (const key of Reflect.ownKeys(v)) {
      const child = (v as Record<PropertyKey, unknown>)[key];
      if (typeof child === 'string') out.push(child);
      else walk(child, depth + 1);
    }
  };
  walk(value, 0);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '';
  } catch (error) {
    return `unserialisable: ${String(error)}`;
  }
}

/** A logger that keeps everything, at every level, rendered every way. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(level, message, ...renderings(fields));
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
