import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server on 127.0.0.1 whose every request is answered by `handle`. */
export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

export async function startLocalServer(handle: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    void Promise.resolve(handle(request, response)).catch(() => {
      response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A stalled stream would keep the server open forever: its sockets go first.
        for (const socket of sockets) socket.destroy();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `text` in chunks of `size` bytes, waiting `delayMs` between them; false once the client has gone. */
export async function drip(response: ServerResponse, text: string, options: { size: number; delayMs: number }): Promise<boolean> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += options.size) {
    if (response.destroyed) return false;
    response.write(bytes.subarray(at, at + options.size));
    await sleep(options.delayMs);
  }
  return !response.destroyed;
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } as const;
