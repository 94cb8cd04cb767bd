import { DEMO_USAGE, DemoUsageError, parseDemoArgs } from './demo-options.js';
import { formatSummary } from './format-summary.js';
import { runDemo } from './run-demo.js';

// Exit 0 only when every reward was minted exactly once; CI relies on it.
try {
  const options = parseDemoArgs(process.argv.slice(2), process.env);
  if (options === null) {
    process.stdout.write(`${DEMO_USAGE}\n`);
  } else {
    const summary = await runDemo(options);
    process.stdout.write(`\n${formatSummary(summary)}\n`);
    // Explicit exit: a stalled run may leave a minter that never drains.
    process.exit(summary.problems.length === 0 ? 0 : 1);
  }
} catch (error) {
  if (error instanceof DemoUsageError) {
    process.stderr.write(`${error.message}\n\n${DEMO_USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(
      `demo crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
