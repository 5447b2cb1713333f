import type { Context } from "hono";
import { type SSEStreamingApi, streamSSE } from "hono/streaming";

/** A message to every open page. */
export interface PageMessage {
  event: string;
  data: unknown;
}

/** How often an idle stream says it is alive: a page that hears nothing for longer knows the server is gone. */
const HEARTBEAT_MS = 10_000;

/**
 * The server-sent events every open page listens to. Server-sent events rather than a WebSocket: the updates
 * go one way, and the browser's EventSource reconnects by itself when the server comes back.
 */
export class EventStream {
  readonly #clients = new Set<SSEStreamingApi>();

  get size(): number {
    return this.#clients.size;
  }

  /** The response that keeps one page's stream open until the page goes. */
  connect(c: Context): Response {
    return streamSSE(c, async (stream) => {
      this.#clients.add(stream);
      let open = true;
      stream.onAbort(() => {
        open = false;
        this.#clients.delete(stream);
      });
      await stream.writeSSE({ event: "hello", data: "{}" });
      while (open) {
        await stream.sleep(HEARTBEAT_MS);
        if (open) await stream.writeSSE({ event: "heartbeat", data: "{}" });
      }
    });
  }

  publish(message: PageMessage): void {
    const data = JSON.stringify(message.data);
    for (const client of this.#clients) {
      client.writeSSE({ event: message.event, data }).catch(() => this.#clients.delete(client));
    }
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const client of this.#clients) void client.close();
    this.#clients.clear();
  }
}
