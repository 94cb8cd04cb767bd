export { type Connection, type ConnectOptions, connect, UsageError } from './connect.js';
export {
  type InputProblem,
  type InputRow,
  type ReadRewardsOptions,
  type RewardsFile,
  readRewardsFile,
} from './input-file.js';
export type { CliIo } from './io.js';
export { failuresFilePath, type MintSummary, stateFilePath } from './mint-command.js';
export {
  createProgressDisplay,
  type ProgressCounts,
  type ProgressDisplay,
  type ProgressDisplayOptions,
} from './progress-display.js';
export { runCli } from './run-cli.js';
export { openStateFile, type RewardState, type StateFile, StateFileMismatchError } from './state-file.js';
export { formatDuration, formatTable } from './summary.js';
