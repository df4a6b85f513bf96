import { jsonReply, REQUEST } from './fixtures.ts';
import { ENDPOINT, memoryFetch } from './memory-fetch.ts';
const reply = jsonReply({ bytes: 2000 });
const fetch = memoryFetch({ json: new TextEncoder().encode(reply.body) });
const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'sk-bench', 'anthropic-version': '2023-06-01' };
const set = new Set<object>(); let armed: ReturnType<typeof setTimeout> | undefined;
const steps: Record<string, () => Promise<unknown>> = {
  limit: async () => (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) })).json(),
  text: async () => JSON.parse(await (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) })).text()),
  signal: async () => { const c = new AbortController(); return (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST), signal: c.signal })).json(); },
  listeners: async () => { const c = new AbortController(); const a = new AbortController(); const f = () => a.abort(); c.signal.addEventListener('abort', f, { once: true }); try { return await (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST), signal: a.signal })).json(); } finally { c.signal.removeEventListener('abort', f); } },
  timer: async () => { const t = setTimeout(() => {}, 600000); try { return await (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) })).json(); } finally { clearTimeout(t); } },
  timerUnref: async () => { const t = setTimeout(() => {}, 600000); t.unref(); try { return await (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) })).json(); } finally { clearTimeout(t); } },
  shared: async () => { const e = { at: Date.now() + 600000 }; set.add(e); if (armed === undefined) { armed = setTimeout(() => {}, 600000); armed.unref(); } try { return await (await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) })).json(); } finally { set.delete(e); } },
  headers: async () => { const r = await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) }); r.type; r.headers.get('location'); r.headers.get('request-id'); r.ok; return r.json(); },
};
const N = 500; const res: Record<string, number[]> = {};
for (let r = 0; r < 30; r++) for (const [k, op] of Object.entries(steps)) { globalThis.gc?.(); const t = process.cpuUsage(); for (let i = 0; i < N; i++) await op(); const d = process.cpuUsage(t); const us = (d.user + d.system) / N; if (r > 0) (res[k] ??= []).push(us); }
for (const [k, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(k.padEnd(10), 'min', v[0]!.toFixed(1), 'p25', v[Math.floor(v.length/4)]!.toFixed(1), 'median', v[v.length >> 1]!.toFixed(1)); }
