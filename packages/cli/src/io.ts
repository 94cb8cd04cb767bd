/** Where a command writes; injected so tests can capture output without touching the console. */
export interface CliIo {
  /** Results and the summary. @default process.stdout */
  stdout: NodeJS.WritableStream;
  /** Progress, problems and errors. @default process.stderr */
  stderr: NodeJS.WritableStream;
  /** Read for the API key variable. @default process.env */
  env: NodeJS.ProcessEnv;
  /** Live bar (true) or plain lines (false). @default whether stderr is a TTY */
  tty?: boolean | undefined;
  /** Aborted on Ctrl-C: the command stops queueing, saves its state and returns. */
  signal?: AbortSignal | undefined;
}

export const line = (stream: NodeJS.WritableStream, text: string): void => {
  stream.write(`${text}\n`);
};
