import { Command, InvalidArgumentError } from "commander";
import open from "open";
import { serveWorkshop } from "./server/serve.ts";

interface Options {
  port: number;
  open: boolean;
  poll: boolean;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new InvalidArgumentError("a port is a whole number from 1 to 65535 (0: any free one).");
  }
  return parsed;
}

/**
 * `pnpm workshop`: serves the workshop in the browser on this machine, prints where, and opens it. Ctrl-C (or
 * the end of the terminal) stops it and every process it started.
 */
export async function main(argv: string[]): Promise<void> {
  const program = new Command("pnpm workshop")
    .description("The lessons, your live results, hints and your measured speedup, in your browser.")
    .option("--port <number>", "the port to serve on (default: a free one)", port, 0)
    .option("--no-open", "print the address only; do not open a browser")
    .option("--poll", "check files for changes twice a second (when saves go unnoticed)", false)
    .showHelpAfterError("(run `pnpm workshop --help` for the options)");
  program.parse(argv, { from: "user" });
  const options = program.opts<Options>();
  let running: Awaited<ReturnType<typeof serveWorkshop>>;
  try {
    running = await serveWorkshop({ port: options.port, poll: options.poll });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    process.stderr.write(
      code === "EADDRINUSE"
        ? `Port ${options.port} is taken: run \`pnpm workshop --port <another>\`, or without --port for a free one.\n`
        : `The workshop could not start: ${message}\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`The workshop is at ${running.url}\nPress Ctrl-C to stop it.\n`);
  if (options.open) {
    // No browser to open (a server, a container): the address printed above is the way in.
    open(running.url).then(
      (child) => child.on("error", () => {}),
      () => {},
    );
  }
  const stop = () => {
    void running.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.once("SIGHUP", stop);
}
