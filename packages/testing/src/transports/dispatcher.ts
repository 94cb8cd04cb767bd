import type { Clock } from '../clock/manual-clock.js';
import type { FaultInjector, PickedFault } from '../faults/fault-injector.js';
import { faultResponse } from '../faults/fault-response.js';
import type { RecordedRequest, RequestRecorder } from '../recorder/request-recorder.js';
import { connectionResetError } from './connection-reset.js';

export const ADMIN_PREFIX = '/_fake/';

/**
 * Every transport calls this: admin routes, then faults, then the model, recording each
 * API request. `rawBody` is the body text when the transport already has it (saves reading
 * the body stream on the hot path).
 */
export type Dispatch = (request: Request, rawBody?: string) => Promise<Response>;

export interface DispatcherParts {
  /** `rawBody`, when given, is the request's body text: the model does not read the body again. */
  handleModel(request: Request, rawBody?: string): Promise<Response>;
  handleAdmin(request: Request, path: string): Promise<Response>;
  faults: FaultInjector;
  recorder: RequestRecorder;
  clock: Clock;
}

/** Waits `ms` on the fake's clock; the signal cancels the wait with its reason (a client timeout). */
function hang(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(signal.reason);
    };
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function pathOf(url: string): { path: string; search: string } {
  // Cheaper than new URL() on the hot path; request.url is always absolute and normalised.
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return { path: '/', search: '' };
  const q = url.indexOf('?', start);
  const hash = url.indexOf('#', start);
  const end = hash < 0 ? url.length : hash;
  return q < 0 || q > end
    ? { path: url.slice(start, end), search: '' }
    : { path: url.slice(start, q), search: url.slice(q, end) };
}

export function createDispatcher(parts: DispatcherParts): Dispatch {
  const { faults, recorder, clock } = parts;
  return async (request, rawBody) => {
    const { path, search } = pathOf(request.url);
    if (path.startsWith(ADMIN_PREFIX)) return parts.handleAdmin(request, path);

    const method = request.method;
    const at = clock.now();
    if (rawBody === undefined && recorder.enabled && method !== 'GET' && method !== 'HEAD' && request.body) {
      // Read once here and handed to the model, which then leaves the body stream alone.
      rawBody = await request.text();
    }
    const record = (status: number, fault?: RecordedRequest['fault']) =>
      recorder.record(
        fault ? { method, path, search, status, at, fault } : { method, path, search, status, at },
        rawBody,
      );

    const picked: PickedFault | undefined = faults.pick(method, path);
    const fault = picked?.fault;
    if (fault && 'hangMs' in fault) {
      try {
        await hang(clock, fault.hangMs, request.signal);
      } catch (reason) {
        record(0, 'aborted');
        throw reason;
      }
    } else if (fault && !fault.after) {
      if ('reset' in fault) {
        record(0, 'reset');
        throw connectionResetError();
      }
      record(fault.status, 'status');
      return faultResponse(fault.status, fault.body, fault.headers);
    }

    const response = await parts.handleModel(request, rawBody);
    if (fault && !('hangMs' in fault) && fault.after) {
      // The model has applied the request; the client never learns it.
      await response.body?.cancel();
      if ('reset' in fault) {
        record(0, 'reset-after');
        throw connectionResetError();
      }
      record(fault.status, 'status-after');
      return faultResponse(fault.status, fault.body, fault.headers);
    }
    record(response.status, fault ? 'hang' : undefined);
    return response;
  };
}
