// The Cloud Billing Catalog request as Google's own client builds it: the path "v1/{+parent}/skus"
// joined to the base URL (cloudbilling_v1_client.py in gcloud's generated clients, BASE_URL
// https://cloudbilling.googleapis.com/), the base taken from CLOUDSDK_API_ENDPOINT_OVERRIDES_
// CLOUDBILLING as given (gcloud's _BuildEndpointOverride: an API whose BASE_URL path is "/" uses the
// override unchanged), and the query of CloudbillingServicesSkusListRequest (currencyCode, pageSize,
// pageToken) plus the standard `key` parameter. Served by a loopback stand-in.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {billingEndpoint, readServiceSkus} from '../../../source/services/billing/catalog-skus.js';

let server: Server;
let origin = '';
const asked: URL[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    asked.push(url);
    const token = url.searchParams.get('pageToken');
    const body = token ? {skus: [{skuId: 'B'}]} : {skus: [{skuId: 'A'}], nextPageToken: 'page-2'};
    response.writeHead(200, {'content-type': 'application/json'});
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const read = async (override: string) => {
  asked.length = 0;
  const result = await readServiceSkus({
    service: 'C7E2-9256-1C43',
    currency: 'USD',
    apiKey: 'test-key',
    env: {CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDBILLING: override},
  });
  return {result, paths: asked.map((url) => url.pathname)};
};

describe('Cloud Billing Catalog request', () => {
  it('defaults to https://cloudbilling.googleapis.com/', () => {
    expect(billingEndpoint({}).url).toBe('https://cloudbilling.googleapis.com/');
  });

  it('joins v1/services/{service}/skus to the override as gcloud does', async () => {
    expect((await read(`${origin}/`)).paths[0]).toBe('/v1/services/C7E2-9256-1C43/skus');
    expect((await read(`${origin}/proxy/`)).paths[0]).toBe(
      '/proxy/v1/services/C7E2-9256-1C43/skus',
    );
    // gcloud asks /v1/v1/billingAccounts for an override ending in /v1/: the version is not
    // part of cloudbilling's base URL, so it is not taken off.
    expect((await read(`${origin}/v1/`)).paths[0]).toBe('/v1/v1/services/C7E2-9256-1C43/skus');
  });

  it('sends currencyCode, pageSize, key, and pageToken from nextPageToken', async () => {
    const {result} = await read(`${origin}/`);
    expect(result.skus.map((sku) => sku.skuId)).toEqual(['A', 'B']);
    expect(result.pages).toBe(2);
    const [first, second] = asked;
    expect(Object.fromEntries(first!.searchParams)).toEqual({
      currencyCode: 'USD',
      pageSize: '5000',
      key: 'test-key',
    });
    expect(second!.searchParams.get('pageToken')).toBe('page-2');
  });
});
