export type { Clock, ManualClock } from './clock/manual-clock.js';
export { createManualClock, MANUAL_CLOCK_START } from './clock/manual-clock.js';
export { realClock } from './clock/real-clock.js';
export type { FakeApiOptions, FakeImmutableApi } from './create-fake-immutable-api.js';
export { createFakeImmutableApi } from './create-fake-immutable-api.js';
export type { FaultControls } from './faults/fault-injector.js';
export type { Fault, FaultMatch, RandomFaultOptions } from './faults/fault-types.js';
export type { ApiModel } from './model/api-model.js';
export { createApiModel } from './model/api-model.js';
export type { FakeBehaviour } from './model/behaviour.js';
export { DEFAULT_BEHAVIOUR } from './model/behaviour.js';
export {
  EXCEEDED_SUBMISSIONS_MESSAGE,
  FAKE_API_KEY,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  FAKE_MINTER_ADDRESS,
  MINTER_ROLE,
  MISSING_MINTER_ROLE_MESSAGE,
} from './model/constants.js';
export type { EventListener, ImmutableEvent, ImmutableEventName } from './model/events.js';
export type { BudgetReport, MintRequestRecord } from './model/inspection.js';
export type { SettleFilter } from './model/lifecycle.js';
export type { ApiModelOptions, FakeApiKey, FakeCollection, Tier } from './model/options.js';
export type { ChargeRecord, MintLogEntry, MintStatus } from './model/store.js';
export type { RecordedRequest } from './recorder/request-recorder.js';
export { connectionResetError, isConnectionReset } from './transports/connection-reset.js';
export type { ListeningServer, ListenOptions } from './transports/node-http-server.js';
export type { FakeWebhooks } from './webhooks/create-fake-webhooks.js';
export {
  FAKE_SIGNING_CERT_URL,
  FAKE_TOPIC_NAME,
  WEBHOOK_TOPIC_ARN_PREFIX,
} from './webhooks/create-fake-webhooks.js';
export type { SignatureVersion, SignedDelivery } from './webhooks/sns-envelope.js';
export type {
  ForgeTamper,
  SubscribeOptions,
  WebhookDeliveryRecord,
  WebhookEvent,
  WebhookKnobs,
  WebhookTarget,
} from './webhooks/webhook-types.js';
