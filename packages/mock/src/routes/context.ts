import type { BatchStore } from '../batches/batch-store.js';
import type { Reply } from '../reply.js';

/** What a route gets: the parsed JSON body (POST) and the URL. */
export interface RouteContext {
  url: URL;
  body: unknown;
  requestId: string;
  /** The captures of the route's path pattern, e.g. the model id. */
  params: string[];
  /** The handler's message batches. */
  batches: BatchStore;
}

/** A route: a request in, a reply out. */
export type Route = (context: RouteContext) => Reply;
