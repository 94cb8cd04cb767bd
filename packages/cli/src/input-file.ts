import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  type ContractType,
  isMintkitError,
  type MintAsset,
  referenceIdFrom,
  validateAsset,
} from '@mintkit/core';
import { parse } from 'csv-parse/sync';

/** One valid reward of the input file. */
export interface InputRow {
  /** 1-based line number in the file (for CSV: the line the record ends on). */
  line: number;
  asset: MintAsset;
}

/** Something wrong with one line; the whole file is checked before anything is minted. */
export interface InputProblem {
  line: number;
  message: string;
}

export interface ReadRewardsOptions {
  /** Lower-case collection address; part of every derived reference id. */
  collection: string;
  /** Checks ERC-1155 requirements (token_id and amount) when known. @default inferred from the file */
  contractType?: ContractType | undefined;
}

export interface RewardsFile {
  rows: InputRow[];
  problems: InputProblem[];
  contractType: ContractType;
}

type RawRecord = { line: number; value: unknown };

const pick = (o: Record<string, unknown>, ...keys: string[]) => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== '') return o[k];
  return undefined;
};

/** Reads `.jsonl`/`.ndjson` (one JSON object a line) or `.csv` (header row). */
async function readRecords(path: string): Promise<{ records: RawRecord[]; problems: InputProblem[] }> {
  const text = await readFile(path, 'utf8');
  const problems: InputProblem[] = [];
  const records: RawRecord[] = [];
  if (extname(path).toLowerCase() === '.csv') {
    let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>;
    try {
      parsed = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 1;
      return { records, problems: [{ line, message: `CSV: ${(error as Error).message}` }] };
    }
    for (const { record, info } of parsed) {
      const value: Record<string, unknown> = { ...record };
      const metadata = record.metadata;
      if (metadata) {
        try {
          value.metadata = JSON.parse(metadata);
        } catch {
          problems.push({ line: info.lines, message: 'metadata: is not valid JSON' });
          continue;
        }
      } else if (record.name || record.description || record.image) {
        // Flat columns are a convenience for spreadsheets: name, description, image.
        value.metadata = {
          name: record.name || null,
          description: record.description || null,
          image: record.image || null,
        };
      }
      records.push({ line: info.lines, value });
    }
    return { records, problems };
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      records.push({ line: i + 1, value: JSON.parse(raw) });
    } catch {
      problems.push({ line: i + 1, message: 'is not valid JSON' });
    }
  });
  return { records, problems };
}

const asString = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? String(v) : v);

/**
 * Reads and validates a rewards file, reporting every bad line with its number. A line
 * without `reference_id` gets one derived from the collection and the line's content, so a
 * re-run of the same file (after Ctrl-C or a crash) can never mint a reward twice.
 */
export async function readRewardsFile(path: string, options: ReadRewardsOptions): Promise<RewardsFile> {
  const { records, problems } = await readRecords(path);
  const inferred: ContractType =
    options.contractType ??
    (records.some((r) => r.value !== null && typeof r.value === 'object' && 'amount' in r.value)
      ? 'ERC1155'
      : 'ERC721');
  const rows: InputRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of records) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, message: 'must be a JSON object' });
      continue;
    }
    const o = value as Record<string, unknown>;
    const input: Record<string, unknown> = {
      owner: pick(o, 'owner_address', 'owner'),
      tokenId: asString(pick(o, 'token_id', 'tokenId')),
      amount: asString(pick(o, 'amount')),
      metadata: pick(o, 'metadata'),
    };
    const given = pick(o, 'reference_id', 'referenceId');
    input.referenceId =
      given ??
      referenceIdFrom(
        'mintkit-cli',
        options.collection,
        JSON.stringify([String(input.owner).toLowerCase(), input.tokenId, input.amount, input.metadata]),
      );
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    let asset: MintAsset;
    try {
      asset = validateAsset(input, inferred);
    } catch (error) {
      problems.push({ line, message: isMintkitError(error) ? error.message : String(error) });
      continue;
    }
    const earlier = seen.get(asset.referenceId);
    if (earlier !== undefined) {
      problems.push({
        line,
        message: `same reward as line ${earlier} (same reference_id); give each line its own reference_id to mint both`,
      });
      continue;
    }
    seen.set(asset.referenceId, line);
    rows.push({ line, asset });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems, contractType: inferred };
}
