import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { WorkshopApp } from "../workshop-app.ts";
import { loadAssets } from "./assets.ts";
import { routes } from "./routes.ts";

/** Only this machine: the app shows the learner's code and runs it, and is nobody else's to reach. */
export const HOST = "127.0.0.1";

export interface RunningWorkshop {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the app on 127.0.0.1, on `port` (0: a free one the system picks). The port is taken first: when it is
 * not free, nothing else has started (no test process, no watcher), and the command ends at once.
 */
export async function serveWorkshop(options: { port: number; poll: boolean }): Promise<RunningWorkshop> {
  let handler: Hono | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        // Requests wait for nothing: the address is printed only once the app below is ready.
        fetch: (request) => handler?.fetch(request) ?? new Response("Starting…", { status: 503 }),
        hostname: HOST,
        port: options.port,
      },
      () => resolve(started),
    );
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const hosts = [`${HOST}:${port}`, `localhost:${port}`];
  const [app, assets] = await Promise.all([WorkshopApp.start({ poll: options.poll }), loadAssets()]);
  handler = routes(app, assets, hosts);
  return {
    url: `http://${HOST}:${port}/`,
    close: async () => {
      await app.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
