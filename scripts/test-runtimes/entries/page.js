// The scenario in a web page, served from an origin of its own: the mock's URL and key
// come in the page's hash (`#mock=...&key=...`), the report goes to `window.parleyReport`.
import { runScenario } from '../scenario.js';

const hash = new URLSearchParams(location.hash.slice(1));
window.parleyReport = runScenario({ baseURL: hash.get('mock'), apiKey: hash.get('key') }).then((steps) => ({
  runtime: 'chromium',
  userAgent: navigator.userAgent,
  steps,
}));
