// Type assertions, checked by `tsc -p packages/testing` (expectTypeOf is a no-op at run time).
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createFakeImmutableApi,
  type FakeApiOptions,
  type FakeImmutableApi,
  type Fault,
  type RecordedRequest,
} from '../src/index.js';
import { interceptImmutable } from '../src/nock.js';

describe('public types of the facade', () => {
  it('fake.fetch can be passed wherever fetch is expected', () => {
    const fake = createFakeImmutableApi();
    expectTypeOf(fake.fetch).toEqualTypeOf<typeof fetch>();
    expectTypeOf(fake.handle).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(fake.requests).toEqualTypeOf<RecordedRequest[]>();
    expectTypeOf(fake.listen).returns.resolves.toEqualTypeOf<{ url: string; close(): Promise<void> }>();
  });

  it('options accept the model options, behaviour switches and the facade flags', () => {
    expectTypeOf<{
      tier: 'partner';
      clock: 'real';
      latencyMs: null;
      behaviour: { resubmitPending: 202 };
      recordRequests: false;
    }>().toExtend<FakeApiOptions>();
    // @ts-expect-error: 418 is not a documented alternative (and zod refuses it at run time)
    expect(() => createFakeImmutableApi({ behaviour: { resubmitPending: 418 } })).toThrow();
  });

  it('a fault is a status, a reset or a hang', () => {
    expectTypeOf<{ status: 503; after: true }>().toExtend<Fault>();
    expectTypeOf<{ reset: true }>().toExtend<Fault>();
    expectTypeOf<{ hangMs: 100 }>().toExtend<Fault>();
    expectTypeOf<{ reset: false }>().not.toExtend<Fault>();
  });

  it('the nock adapter takes a fake and returns a restorer', () => {
    expectTypeOf(interceptImmutable).parameter(0).toExtend<Pick<FakeImmutableApi, 'handle'>>();
    expectTypeOf(interceptImmutable).returns.toEqualTypeOf<{ restore(): void }>();
  });
});
