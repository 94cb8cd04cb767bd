import type { MinterEventName } from '../../src/index.js';

/** Every public minter event, for harnesses that record them all. */
export const MINTER_EVENT_NAMES: MinterEventName[] = [
  'submitted',
  'minted',
  'failed',
  'rateLimited',
  'retrying',
  'conflict',
  'paused',
  'resumed',
  'drained',
  'statusChanged',
  'webhook',
  'error',
];
