/** The secret API key the fake accepts by default. Not a real key. */
export const FAKE_API_KEY = 'sk_imapik-test-mintkit-fake-0000';
/** The default ERC-721 collection of the fake (lower-case, as the API returns addresses). */
export const FAKE_ERC721_ADDRESS = '0x721000000000000000000000000000000000fa4e';
/** The default ERC-1155 collection of the fake. */
export const FAKE_ERC1155_ADDRESS = '0x1155000000000000000000000000000000000fa4';
/** The address the fake reports as the Minting API's minter (`minter_address` in ListChains). */
export const FAKE_MINTER_ADDRESS = '0x9b74823f4bcbcb3e0f74cadc3a1d2e4a0c9e6f11';

/** Role id of MINTER_ROLE in Immutable's preset contracts, as it appears in revert messages. */
export const MINTER_ROLE = '0x9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6';
/** The documented on-chain failure when the minting wallet lacks the minter role. */
export const MISSING_MINTER_ROLE_MESSAGE = `AccessControl: account ${FAKE_MINTER_ADDRESS} is missing role ${MINTER_ROLE}`;
/** The documented on-chain failure after the service gave up resubmitting a transaction. */
export const EXCEEDED_SUBMISSIONS_MESSAGE = 'Exceeded maximum submissions';

export const ERROR_LINK = 'https://docs.immutable.com/zkevm/api/reference/';

export type Environment = 'sandbox' | 'production';

export interface ChainInfo {
  id: string;
  name: string;
  baseUrl: string;
  rpcUrl: string;
  operatorAllowlistAddress: string;
}

export const CHAINS: Record<Environment, ChainInfo> = {
  sandbox: {
    id: 'eip155:13473',
    name: 'imtbl-zkevm-testnet',
    baseUrl: 'https://api.sandbox.immutable.com',
    rpcUrl: 'https://rpc.testnet.immutable.com',
    operatorAllowlistAddress: '0x6b969fd89de634d8de3271ebe97734feffcd58ee',
  },
  production: {
    id: 'eip155:13371',
    name: 'imtbl-zkevm-mainnet',
    baseUrl: 'https://api.immutable.com',
    rpcUrl: 'https://rpc.immutable.com',
    operatorAllowlistAddress: '0x5f5eba8133f68ea22d712b0926e2803e78d89221',
  },
};

export const TIERS = {
  standard: { ratePerMinute: 200, burst: 2000 },
  partner: { ratePerMinute: 2000, burst: 20000 },
} as const;

export const MAX_ASSETS_PER_REQUEST = 100;
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_REFRESH_BYTES = 228 * 1024;
export const MAX_REFRESH_BY_TOKEN = 250;
export const MAX_REFRESH_BY_METADATA_ID = 10;
export const MAX_TOKEN_ID_FILTER = 30;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 100;
