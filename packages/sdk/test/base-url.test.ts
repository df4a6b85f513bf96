import { describe, expect, it } from 'vitest';
import { apiRoot, endpointURL } from '../src/base-url.js';

describe('apiRoot', () => {
  it.each([
    ['https://api.anthropic.com', 'https://api.anthropic.com/v1'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com/v1'],
    ['https://api.anthropic.com/v1', 'https://api.anthropic.com/v1'],
    ['https://api.anthropic.com/v1/', 'https://api.anthropic.com/v1'],
    ['https://relay.example/api/anthropic', 'https://relay.example/api/anthropic/v1'],
    ['https://relay.example/api/anthropic//', 'https://relay.example/api/anthropic/v1'],
    ['https://relay.example/api/anthropic/v1', 'https://relay.example/api/anthropic/v1'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010/v1'],
    ['https://host/v10', 'https://host/v10/v1'],
  ])('%s -> %s', (base, root) => {
    expect(apiRoot(base).href).toBe(root);
  });

  it('keeps a query string for every endpoint and drops a fragment', () => {
    const root = apiRoot('https://gw.example/anthropic?tenant=a#x');
    expect(endpointURL(root, '/messages')).toBe('https://gw.example/anthropic/v1/messages?tenant=a');
    expect(endpointURL(root, '/models', { limit: 2, after_id: undefined })).toBe('https://gw.example/anthropic/v1/models?tenant=a&limit=2');
  });

  it('says what is wrong with a base URL it cannot use', () => {
    expect(() => apiRoot('api.anthropic.com')).toThrow("baseURL must be an absolute http(s) URL such as 'https://api.anthropic.com', got 'api.anthropic.com'.");
    expect(() => apiRoot('file:///etc')).toThrow(/must use http or https, got 'file:'/);
  });
});
