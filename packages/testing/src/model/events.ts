/** Immutable webhook event names the model emits. */
export type ImmutableEventName =
  | 'imtbl_zkevm_mint_request_updated'
  | 'imtbl_zkevm_activity_mint'
  | 'imtbl_zkevm_nft_updated'
  | 'imtbl_zkevm_metadata_updated';

/** An Immutable event as it appears in a webhook's `Message` (REFERENCE.md §10.5). */
export interface ImmutableEvent {
  event_name: ImmutableEventName;
  /** UUIDv7-style: sorts in emission order. */
  event_id: string;
  /** The chain name, e.g. `imtbl-zkevm-testnet`. */
  chain: string;
  data: Record<string, unknown>;
}

export type EventListener = (event: ImmutableEvent) => void;

/**
 * A tiny synchronous fan-out. A throwing listener must not break the model's state
 * transition it was told about, so its error is collected (see `listenerErrors`) rather than
 * propagated or logged (the fake writes nothing to the console).
 */
export function createEventHub() {
  const listeners = new Set<EventListener>();
  const listenerErrors: unknown[] = [];
  return {
    listenerErrors,
    on(listener: EventListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get active() {
      return listeners.size > 0;
    },
    emit(event: ImmutableEvent): void {
      for (const l of listeners) {
        try {
          l(event);
        } catch (error) {
          listenerErrors.push(error);
        }
      }
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;
