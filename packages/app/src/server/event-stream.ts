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
/** One open page: while its greeting is being made, what is published waits, in order, in its backlog. */
interface Client {
  stream: SSEStreamingApi;
  backlog: PageMessage[] | undefined;
}

/**
 * The server-sent events every open page listens to. Server-sent events rather than a WebSocket: the updates
 * go one way, and the browser's EventSource reconnects by itself when the server comes back.
 */
export class EventStream {
  readonly #clients = new Set<Client>();

  get size(): number {
    return this.#clients.size;
  }

  /**
   * The response that keeps one page's stream open until the page goes. It begins with `greeting`: what the
   * page must know now, because it may have changed between the moment the page was rendered and this one
   * (a grade that ended meanwhile). What is published while the greeting is made follows it, in order.
   */
  connect(c: Context, greeting: () => Promise<PageMessage[]> = async () => []): Response {
    return streamSSE(c, async (stream) => {
      const client: Client = { stream, backlog: [] };
      this.#clients.add(client);
      let open = true;
      stream.onAbort(() => {
        open = false;
        this.#clients.delete(client);
      });
      const first = [{ event: "hello", data: {} }, ...(await greeting())];
      while (client.backlog && client.backlog.length > 0) first.push(...client.backlog.splice(0));
      client.backlog = undefined;
      for (const message of first) await write(stream, message);
      while (open) {
        await stream.sleep(HEARTBEAT_MS);
        if (open) await write(stream, { event: "heartbeat", data: {} });
      }
    });
  }

  publish(message: PageMessage): void {
    for (const client of this.#clients) {
      if (client.backlog) client.backlog.push(message);
      else write(client.stream, message).catch(() => this.#clients.delete(client));
    }
  }

  /** Ends every stream, so that the server can close. */
  close(): void {
    for (const client of this.#clients) void client.stream.close();
    this.#clients.clear();
  }
}

function write(stream: SSEStreamingApi, message: PageMessage): Promise<void> {
  return stream.writeSSE({ event: message.event, data: JSON.stringify(message.data) });
}
