/**
 * `pnpm bench [filter]`: runs every suite in ./suites (or those whose file name contains
 * the filter), prints a table and writes bench/results.json. Suites compare side by side in
 * one run and report ratios, so the numbers mean something on any machine.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchEntry, BenchSuite } from './types.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// pnpm forwards a literal '--' (`pnpm bench -- x` and the root script's own `--`): skip it.
const filter = process.argv.slice(2).find((arg) => arg !== '--');
const files = (await readdir(new URL('./suites/', import.meta.url)))
  .filter((f) => f.endsWith('.ts') && (!filter || f.includes(filter)))
  .sort();

const results: Array<BenchEntry & { suite: string }> = [];
for (const file of files) {
  const suite = (await import(pathToFileURL(`${here}suites/${file}`).href)) as BenchSuite;
  process.stdout.write(`\n## ${suite.name} (${file})\n`);
  const started = performance.now();
  const entries = await suite.run();
  for (const entry of entries) {
    results.push({ suite: suite.name, ...entry });
    const ratio = entry.ratio === undefined ? '' : `  ratio ${entry.ratio.toFixed(3)}`;
    const base = entry.baseline === undefined ? '' : `  (baseline ${entry.baseline})`;
    process.stdout.write(`  ${entry.name}: ${format(entry.value)} ${entry.unit}${base}${ratio}\n`);
  }
  process.stdout.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

// A filtered run replaces only the suites it ran; the others keep their last figures, each
// with the date and Node version it was measured with.
const resultsUrl = new URL('./results.json', import.meta.url);
type Stored = BenchEntry & { suite: string; measuredAt?: string; node?: string };
const previous = await readFile(resultsUrl, 'utf8')
  .then((text) => (JSON.parse(text) as { results?: Stored[] }).results ?? [])
  .catch(() => [] as Stored[]);
const ran = new Set(results.map((r) => r.suite));
const measuredAt = new Date().toISOString();
const merged = [
  ...previous.filter((r) => !ran.has(r.suite)),
  ...results.map((r) => ({ ...r, measuredAt, node: process.version })),
].sort((a, b) => a.suite.localeCompare(b.suite));
const out = { updated: measuredAt, results: merged };
await writeFile(resultsUrl, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`\nwrote bench/results.json (${results.length} entries)\n`);

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
