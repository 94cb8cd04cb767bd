export { type Budget, type ObservedLimits, TIERS, type TierRate } from './budget/budget.js';
export { parseLimits, parseResetAt, parseSeconds } from './budget/parse-limits.js';
export { createTokenBucket, type TokenBucket } from './budget/token-bucket.js';
export { createMinter } from './create-minter.js';
export {
  AbortError,
  ApiError,
  type ApiErrorDetails,
  AuthError,
  ConflictError,
  type ConflictKind,
  MintFailedError,
  NetworkError,
  RateLimitedError,
  type RateLimitInfo,
  TimeoutError,
  ValidationError,
  WebhookVerificationError,
} from './errors/errors.js';
export { isMintkitError, MintkitError, type MintkitErrorOptions } from './errors/mintkit-error.js';
export type { Listener, MinterEmitter } from './events/emitter.js';
export {
  type AfterHook,
  type BeforeHook,
  createHooks,
  type ErrorHook,
  type Hooks,
  type WrapHook,
} from './hooks/hooks.js';
export type { Journal, MintIntent } from './journal/journal.js';
export { createMemoryJournal } from './journal/memory-journal.js';
export type {
  AssetOutcome,
  DrainOptions,
  MintBatchHandle,
  Minter,
  MinterStats,
  MintOptions,
  MintProgress,
  Nft,
  WebhookResult,
} from './minter.js';
export type { MinterOptions, MintkitPlugin } from './minter-options.js';
export { LIST_NFTS_LIMITS, type ListNftsOptions, type NftPage } from './read/list-nfts.js';
export { referenceIdFrom } from './reference-id.js';
export {
  type NftMetadataItem,
  REFRESH_LIMITS,
  type RefreshResult,
  type StackMetadataItem,
} from './refresh/refresh-metadata.js';
export { type Clock, sleep, systemClock } from './runtime/clock.js';
export { type Logger, silentLogger } from './runtime/logger.js';
export { type Random, seededRandom } from './runtime/random.js';
export type { ListStatus, StatusApi } from './tracker/list-scan.js';
export {
  createPoller,
  type Poller,
  type PollerOptions,
  type PollerSettings,
  type PollerStats,
} from './tracker/poller.js';
export { reconcileAccepted } from './tracker/reconcile.js';
export { statusUpdateFromRecord } from './tracker/status-update.js';
export {
  createTracker,
  type TrackEntry,
  type Tracker,
  type TrackerOptions,
  type TrackerSettings,
} from './tracker/tracker.js';
export type {
  ContractType,
  Emit,
  HookCtx,
  HookMap,
  HookName,
  HookResult,
  MinterEventName,
  MinterEvents,
  MintOutcome,
  MintReceipt,
  MintRequestStatus,
  RunHooks,
  StatusSource,
  StatusUpdate,
  SubmitOutcome,
} from './types.js';
export {
  addressSchema,
  type MintAsset,
  type MintAssetInput,
  mintAssetInputSchema,
  type NftMetadata,
  type NftMetadataAttribute,
  nftMetadataSchema,
  uint256Schema,
} from './validate/schemas.js';
export { MAX_METADATA_BYTES, validateAsset } from './validate/validate-asset.js';
export type { FetchCertificate } from './webhooks/certificate-store.js';
export type { SubscriptionOutcome } from './webhooks/confirm-subscription.js';
export {
  type ExpressLikeRequest,
  type ExpressLikeResponse,
  expressWebhookHandler,
} from './webhooks/express-handler.js';
export {
  type FastifyLikeInstance,
  type FastifyLikeReply,
  type FastifyLikeRequest,
  type FastifyWebhookPluginOptions,
  fastifyWebhookHandler,
  fastifyWebhookPlugin,
} from './webhooks/fastify-plugin.js';
export { nodeHttpWebhookHandler, type WebhookAdapterOptions } from './webhooks/node-http-handler.js';
export type { WebhookHeaders } from './webhooks/raw-body.js';
export type { SnsMessage } from './webhooks/sns-message.js';
export { DEFAULT_TRUSTED_SNS_HOST } from './webhooks/trusted-url.js';
export {
  createSnsVerifier,
  IMMUTABLE_TOPIC_ARN_PREFIX,
  type SnsVerifier,
  type SnsVerifierOptions,
  verifySnsMessage,
} from './webhooks/verify-sns-message.js';
export type { WebhookErrorCode } from './webhooks/webhook-error-codes.js';
export { type ImmutableWebhookEvent, KNOWN_WEBHOOK_EVENTS } from './webhooks/webhook-events.js';
export type { WebhookHttpResponse } from './webhooks/webhook-http-response.js';
export {
  createWebhookReceiver,
  isWebhookRefusal,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './webhooks/webhook-receiver.js';
