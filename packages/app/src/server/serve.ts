import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { WorkshopApp } from "../workshop-app.ts";
import { loadAssets } from "./assets.ts";
import { routes } from "./routes.ts";

/** Only this machine: the app shows the learner's code and runs it, and is nobody else's to reach. */
export const HOST = "127.0.0.1";

export interface RunningWorkshop {
  url: string;
  close(): Promise<void>;
}

/** Serves the app on 127.0.0.1, on `port` (0: a free one the system picks). */
export async function serveWorkshop(options: { port: number; poll: boolean }): Promise<RunningWorkshop> {
  const [app, assets] = await Promise.all([WorkshopApp.start({ poll: options.poll }), loadAssets()]);
  let hosts: string[] = [];
  const handler = routes(app, assets, () => hosts);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: handler.fetch, hostname: HOST, port: options.port }, () => resolve(started));
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  hosts = [`${HOST}:${port}`, `localhost:${port}`];
  return {
    url: `http://${HOST}:${port}/`,
    close: async () => {
      await app.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
