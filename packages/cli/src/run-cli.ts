import { isMintkitError } from '@mintkit/core';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UsageError } from './connect.js';
import { type CliIo, line } from './io.js';
import { mintCommand } from './mint-command.js';
import { refreshCommand } from './refresh-command.js';
import { StateFileMismatchError } from './state-file.js';
import { statusCommand } from './status-command.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

/** The connection options every command takes. */
function withConnection(command: Command): Command {
  return command
    .requiredOption('--collection <address>', 'collection contract address')
    .addOption(new Option('--env <env>', 'sandbox, production, or a base URL').default('sandbox'))
    .option('--chain <name>', 'chain name, with a URL --env', 'imtbl-zkevm-testnet')
    .option('--api-key-env <VAR>', 'environment variable holding the secret API key', 'IMMUTABLE_API_KEY')
    .option('--fake', 'run against an embedded fake API on loopback (try things out)', false);
}

/**
 * Runs the `mintkit` command line and resolves to the exit code (0 ok, 1 something failed or
 * is still pending, 2 bad usage, 130 interrupted). Never calls `process.exit`.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2));
 */
export async function runCli(args: string[], partialIo: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, ...partialIo };
  let exitCode = 0;
  const program = new Command('mintkit')
    .description(
      'Mint NFTs on Immutable zkEVM from files: resumable, paced to your rate limit, no double mints.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  withConnection(
    program
      .command('mint')
      .description('mint every reward of a JSONL or CSV file (re-run to resume)')
      .requiredOption('--file <path>', 'rewards file: .jsonl or .csv')
      .option('--skip-invalid', 'mint the valid lines even when some are invalid', false)
      .addOption(
        new Option('--type <type>', 'contract standard (default: inferred from the file)').choices([
          'ERC721',
          'ERC1155',
        ]),
      )
      .option('--tier <tier>', 'your rate-limit tier: standard, partner or RATE/BURST')
      .option('--no-wait', 'return once every reward is accepted, without waiting for the chain')
      .option('--wait-timeout <seconds>', 'longest wait for mints to settle', positiveInt, 600),
  ).action(async (o) => {
    const summary = await mintCommand({ ...o, waitTimeoutMs: o.waitTimeout * 1000 }, io);
    exitCode = summary.exitCode;
  });

  withConnection(
    program
      .command('status')
      .description("print a mint request's status")
      .requiredOption('--reference-id <id>', 'the reference_id of the mint'),
  ).action(async (o) => {
    exitCode = await statusCommand(o, io);
  });

  withConnection(
    program
      .command('refresh')
      .description('replace the metadata of minted tokens from a JSONL file')
      .requiredOption('--file <path>', 'one {"token_id", "name", ...} object a line'),
  ).action(async (o) => {
    exitCode = await refreshCommand(o, io);
  });

  // mintkit unref()s its timers so it never holds a process open; a CLI waiting for budget
  // or for the chain must stay alive, so hold a ref'd timer while the command runs.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError || error instanceof StateFileMismatchError) {
      line(io.stderr, `mintkit: ${error.message}`);
      return 2;
    }
    // MintkitError messages are already redacted of the API key.
    line(io.stderr, `mintkit: ${isMintkitError(error) ? `${error.code}: ${error.message}` : String(error)}`);
    return 1;
  } finally {
    clearInterval(keepAlive);
  }
}
