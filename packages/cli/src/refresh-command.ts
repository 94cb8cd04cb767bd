import { readFile } from 'node:fs/promises';
import type { NftMetadataItem } from '@mintkit/core';
import { type ConnectionFlags, connect } from './connect.js';
import { type CliIo, line } from './io.js';

export interface RefreshCommandOptions extends ConnectionFlags {
  file: string;
}

/**
 * Reads `{ "token_id": "1", "name": ..., ... }` lines. A refresh replaces the whole document,
 * so keys left out become null; core checks each item before anything is sent.
 */
async function readMetadataFile(path: string): Promise<{ items: NftMetadataItem[]; problems: string[] }> {
  const items: NftMetadataItem[] = [];
  const problems: string[] = [];
  (await readFile(path, 'utf8')).split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      const o = JSON.parse(raw) as Record<string, unknown>;
      const { token_id, tokenId, ...metadata } = o;
      const id = token_id ?? tokenId;
      if (id === undefined) problems.push(`${path}:${i + 1}: token_id: is required`);
      else items.push({ ...metadata, tokenId: String(id) } as NftMetadataItem);
    } catch {
      problems.push(`${path}:${i + 1}: is not valid JSON`);
    }
  });
  return { items, problems };
}

/** `mintkit refresh`: pushes new metadata for existing tokens (chunked and paced by core). */
export async function refreshCommand(o: RefreshCommandOptions, io: CliIo): Promise<number> {
  const { items, problems } = await readMetadataFile(o.file);
  for (const p of problems) line(io.stderr, p);
  if (problems.length > 0) {
    line(io.stderr, `${problems.length} invalid line(s); nothing was refreshed`);
    return 1;
  }
  const conn = await connect({ ...o, environ: io.env });
  try {
    const result = await conn.minter.refreshMetadata(o.collection, items);
    line(io.stdout, `refreshed ${result.items} token(s) in ${result.requests} request(s)`);
    return 0;
  } finally {
    await conn.close();
  }
}
