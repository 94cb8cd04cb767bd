import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const vendored = new URL('./fixtures/openapi-minting-subset.json', import.meta.url);
// The team's reference copy lives beside the repository (…/shared); CI lays it there.
const reference = new URL('../../../../shared/immutable-api/openapi-minting-subset.json', import.meta.url);

describe('the vendored OpenAPI subset', () => {
  it('is the reference document, unchanged, wherever the reference copy is present', () => {
    const ours = readFileSync(vendored, 'utf8');
    const paths = Object.keys((JSON.parse(ours) as { paths: object }).paths);
    expect(paths).toContain('/v1/chains/{chain_name}/collections/{contract_address}/nfts/mint-requests');
    expect(paths).toContain(
      '/v1/chains/{chain_name}/collections/{contract_address}/metadata/refresh-metadata',
    );
    // On a fresh clone without ../shared there is nothing to compare with; the paths above still hold.
    if (existsSync(reference)) expect(ours).toBe(readFileSync(reference, 'utf8'));
  });
});
