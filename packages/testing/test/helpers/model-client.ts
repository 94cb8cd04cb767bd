import { type ApiModel, type ApiModelOptions, createApiModel } from '../../src/index.js';

export const OWNER_A = '0x000000000000000000000000000000000000a11c';
export const OWNER_B = '0x000000000000000000000000000000000000b0b0';

export interface Json {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
  body: any;
}

/** A thin client over `model.handle`, so tests read like the HTTP calls they make. */
export function modelClient(options: ApiModelOptions = {}) {
  const model: ApiModel = createApiModel({ latencyMs: null, ...options });
  const base = `${model.baseUrl}/v1/chains/${model.chainName}`;
  const send = async (
    path: string,
    init: { method?: string; body?: unknown; rawBody?: string; key?: string | null | undefined } = {},
  ): Promise<Json> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const key = init.key === undefined ? model.apiKey : init.key;
    if (key !== null) headers['x-immutable-api-key'] = key;
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const url = path.startsWith('http') ? path : `${base}${path}`;
    const res = await model.handle(
      new Request(url, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        ...(body === undefined ? {} : { body }),
      }),
    );
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  const mint = (collection: string, assets: unknown[], key?: string | null) =>
    send(`/collections/${collection}/nfts/mint-requests`, { body: { assets }, key });
  const getMint = (collection: string, ref: string, key?: string | null) =>
    send(`/collections/${collection}/nfts/mint-requests/${encodeURIComponent(ref)}`, { key });
  const listMints = (collection: string, query = '', key?: string | null) =>
    send(`/collections/${collection}/nfts/mint-requests${query}`, { key });
  return { model, base, send, mint, getMint, listMints };
}

export const asset721 = (ref: string, extra: Record<string, unknown> = {}) => ({
  reference_id: ref,
  owner_address: OWNER_A,
  ...extra,
});
export const asset1155 = (
  ref: string,
  tokenId: string,
  amount = '1',
  extra: Record<string, unknown> = {},
) => ({
  reference_id: ref,
  owner_address: OWNER_A,
  token_id: tokenId,
  amount,
  ...extra,
});
export const fullMetadata = (name: string) => ({
  name,
  description: null,
  image: `https://img.example/${name}.png`,
  external_url: null,
  animation_url: null,
  youtube_url: null,
  attributes: [{ trait_type: 'Level', value: 1, display_type: 'number' }],
});
