import { afterEach, beforeEach, vi } from 'vitest';

// A test that logs without asking for it fails: unexpected console output usually means
// an error path nobody asserted on. Tests that expect output spy on console themselves
// (vi.spyOn(console, 'warn').mockImplementation(...)) which replaces this spy.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let spies: Array<{ name: string; calls: () => unknown[][]; restore: () => void }> = [];

beforeEach(() => {
  spies = methods.map((name) => {
    const spy = vi.spyOn(console, name).mockImplementation(() => {});
    return { name, calls: () => spy.mock.calls, restore: () => spy.mockRestore() };
  });
});

afterEach(() => {
  const logged = spies.flatMap((s) =>
    s.calls().map((args) => `console.${s.name}: ${args.map(String).join(' ')}`),
  );
  for (const s of spies) s.restore();
  spies = [];
  if (logged.length > 0) {
    throw new Error(`Unexpected console output in this test:\n${logged.join('\n')}`);
  }
});
