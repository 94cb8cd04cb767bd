import { PassThrough } from 'node:stream';

/** A writable stream that keeps everything written to it (instead of the console). */
export function capture(): PassThrough & { text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return Object.assign(stream, { text: () => text });
}
