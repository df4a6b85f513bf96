// The scenario as a Worker for workerd: `GET /run?mock=<URL>&key=<key>` runs it and
// answers the report of every step as JSON; any other path answers at once (readiness).
import { runScenario } from '../scenario.js';

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== '/run') return new Response('ready');
    const steps = await runScenario({ baseURL: url.searchParams.get('mock'), apiKey: url.searchParams.get('key') });
    return Response.json({ runtime: 'workerd', steps });
  },
};
