export {
  type Erc1155InventoryOptions,
  type Erc1155InventoryPlugin,
  erc1155Inventory,
} from './erc1155-inventory.js';
export type { InventoryEvent, InventoryStats, MismatchPolicy } from './inventory-events.js';
export { createMemoryInventoryStore, type InventoryStore, type MaybePromise } from './inventory-store.js';
export { MetadataMismatchError } from './metadata-mismatch-error.js';
export type { WarmUpOptions } from './warm-up.js';
