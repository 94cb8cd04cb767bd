#!/usr/bin/env node
import { CliUsageError, main } from './cli.js';

// The bin: the process shell around main() (signals, exit codes). No top-level await so
// the same file also builds as CommonJS.
main(process.argv.slice(2)).then(
  (running) => {
    if (!running) return;
    const stop = () => {
      void running.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    process.stderr.write(`mintkit-fake-api: ${(error as Error).message}\n`);
    if (error instanceof CliUsageError) process.stderr.write('Run mintkit-fake-api --help for usage.\n');
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
