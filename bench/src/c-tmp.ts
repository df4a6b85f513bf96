import Parley from '@parley/sdk';
import { jsonReply, REQUEST } from './fixtures.ts';
import { BASE_URL, ENDPOINT, memoryFetch } from './memory-fetch.ts';
const reply = jsonReply({ bytes: 2000 });
const fetch = memoryFetch({ json: new TextEncoder().encode(reply.body) });
const on = new Parley({ apiKey: 'sk-bench', baseURL: BASE_URL, fetch });
const off = new Parley({ apiKey: 'sk-bench', baseURL: BASE_URL, fetch, validate: false });
const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'sk-bench', 'anthropic-version': '2023-06-01' };
const ops: Record<string, () => Promise<unknown>> = {
  limit: async () => (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) })).json(),
  on: () => on.messages.create(REQUEST),
  off: () => off.messages.create(REQUEST),
};
const N = 500; const res: Record<string, number[]> = {};
for (let r = 0; r < 40; r++) for (const [k, op] of Object.entries(ops)) { globalThis.gc?.(); const t = process.cpuUsage(); for (let i = 0; i < N; i++) await op(); const d = process.cpuUsage(t); const us = (d.user + d.system) / N; if (r > 0) (res[k] ??= []).push(us); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k, 'min', v[0]!.toFixed(1), 'p25', v[Math.floor(v.length/4)]!.toFixed(1), 'median', v[v.length >> 1]!.toFixed(1)); }
