import https from 'node:https';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeImmutableApi } from '../src/create-fake-immutable-api.js';
import { FAKE_ERC721_ADDRESS } from '../src/model/constants.js';
import { interceptImmutable } from '../src/nock.js';
import { erc721Assets } from './helpers/facade-transports.js';

const SANDBOX = 'https://api.sandbox.immutable.com';
const MINT_PATH = `/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`;

function httpsPost(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    // https.request looked up per call: nock patches the module object, not ESM named bindings.
    const req = https.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('interceptImmutable (nock@14)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.enableNetConnect();
  });
  let restore = () => {};
  afterEach(() => restore());

  it('routes plain fetch to the hard-coded sandbox URL into the fake', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    restore = interceptImmutable(fake).restore;
    const res = await fetch(`${SANDBOX}${MINT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
      body: JSON.stringify({ assets: erc721Assets(2) }),
    });
    expect(res.status).toBe(202);
    expect(
      res.headers.get('imx-remaining-mint-requests') ?? res.headers.get('imx_remaining_mint_requests'),
    ).toBe('1998');
    expect(fake.mintRequests({ status: 'pending' })).toHaveLength(2);
    const status = await fetch(`${SANDBOX}${MINT_PATH}/ref-1`, {
      headers: { 'x-immutable-api-key': fake.apiKey },
    });
    expect(await status.json()).toMatchObject({ result: [{ reference_id: 'ref-1', status: 'pending' }] });
  });

  it('routes node:https too, and production when the fake plays production', async () => {
    const fake = createFakeImmutableApi({ environment: 'production', latencyMs: null });
    restore = interceptImmutable(fake).restore;
    const body = JSON.stringify({ assets: erc721Assets(1) });
    const res = await httpsPost(
      `https://api.immutable.com${MINT_PATH.replace('testnet', 'mainnet')}`,
      { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
      body,
    );
    expect(res.status).toBe(202);
    expect(fake.requests[0]?.body).toEqual({ assets: erc721Assets(1) });
    const unauthorised = await httpsPost(
      `${SANDBOX}${MINT_PATH}`,
      { 'content-type': 'application/json' },
      body,
    );
    expect(unauthorised.status).toBe(401);
    expect(JSON.parse(unauthorised.body)).toMatchObject({ code: 'UNAUTHORISED_REQUEST' });
  });

  it('turns a reset fault into ECONNRESET on the client request', async () => {
    const fake = createFakeImmutableApi();
    restore = interceptImmutable(fake).restore;
    fake.faults.next(1, { reset: true });
    const error = await httpsPost(
      `${SANDBOX}${MINT_PATH}`,
      { 'content-type': 'application/json' },
      '{}',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('serves the webhook signing certificate at its SNS URL', async () => {
    const fake = createFakeImmutableApi();
    restore = interceptImmutable(fake).restore;
    const res = await fetch(fake.webhooks.signingCertUrl);
    expect(await res.text()).toBe(fake.webhooks.certificatePem);
  });

  it('only intercepts the hosts asked for, and restore() removes its interceptors', async () => {
    const fake = createFakeImmutableApi();
    const interception = interceptImmutable(fake, { hosts: ['https://mint-proxy.example'] });
    expect((await fetch('https://mint-proxy.example/v1/chains')).status).toBe(200);
    await expect(fetch(`${SANDBOX}/v1/chains`)).rejects.toThrow();
    interception.restore();
    await expect(fetch('https://mint-proxy.example/v1/chains')).rejects.toThrow();
    expect(nock.activeMocks()).toEqual([]);
  });
});
