#!/usr/bin/env node
import { runCli } from './run-cli.js';

// First Ctrl-C: stop queueing, save the state file, print the summary. Second: exit now.
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  process.stderr.write('\nstopping: saving progress (Ctrl-C again to quit now; re-run to resume)\n');
  controller.abort(new Error('interrupted'));
});
process.exitCode = await runCli(process.argv.slice(2), { signal: controller.signal });
