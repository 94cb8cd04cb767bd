import { NetworkError } from '../errors/errors.js';

/**
 * Reads a response body as text, refusing one over `maxBytes` without buffering it: a
 * misbehaving proxy or server could otherwise make the client hold an unbounded body in
 * memory. Written by hand because `Response.text()` has no limit and ky offers none.
 */
export async function readBodyCapped(
  response: Response,
  maxBytes: number,
  what: () => string,
): Promise<string> {
  // `what` is a function: the label is only built for the error, not on every response.
  const tooLarge = (size: string) =>
    new NetworkError(`${what()}: the response body is ${size}, over the ${maxBytes}-byte limit; cut off`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(`${declared} bytes`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`more than ${maxBytes} bytes`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
