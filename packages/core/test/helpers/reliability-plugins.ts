import type { Journal, MintkitPlugin } from '../../src/index.js';

/*
 * The soak runs with the ERC-1155 inventory plugin and the SQLite journal, which both depend
 * on core. Core cannot list them as dependencies (a workspace cycle turbo refuses), so they
 * are loaded by a specifier TypeScript does not resolve; vitest's aliases map it to their
 * sources. The shapes below are the few members these tests use.
 */
export interface InventoryPlugin extends MintkitPlugin {
  stats(): Record<string, number>;
  idle(): Promise<void>;
}

export async function loadInventoryPlugin(): Promise<() => InventoryPlugin> {
  const specifier: string = '@mintkit/erc1155-inventory';
  const mod = (await import(specifier)) as { erc1155Inventory: () => InventoryPlugin };
  return mod.erc1155Inventory;
}

export async function loadSqliteJournal(): Promise<(o: { path: string }) => Journal> {
  const specifier: string = '@mintkit/sqlite';
  const mod = (await import(specifier)) as { sqliteJournal: (o: { path: string }) => Journal };
  return mod.sqliteJournal;
}
