export { openDatabase, prepareDatabase, type SqliteDatabase, type Synchronous } from './database.js';
export { SCHEMA_VERSION } from './migrations.js';
export {
  type SqliteInventoryStore,
  type SqliteInventoryStoreOptions,
  sqliteInventoryStore,
} from './sqlite-inventory-store.js';
export {
  type IntentState,
  type SqliteJournal,
  type SqliteJournalOptions,
  sqliteJournal,
} from './sqlite-journal.js';
