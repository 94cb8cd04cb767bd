import { PassThrough } from 'node:stream';
import { runCli } from '../../src/index.js';

/** A writable stream that keeps everything written to it (instead of the console). */
export function capture(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return Object.assign(stream, { text: () => text });
}

/** Runs the CLI in-process, off a terminal, with `env` only; returns its exit code and what it printed. */
export async function runCaptured(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(args, { stdout, stderr, env, tty: false });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
