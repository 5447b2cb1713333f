// What a tool gets from usePrivateTmpdir: a folder of its own, for it and its children, gone when it exits, by a
// signal too. Each case runs in a child process of its own, as a tool does, so this process's TMPDIR is untouched.
import { type SpawnSyncOptions, spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const moduleUrl = new URL("../src/private-tmp.js", import.meta.url).href;
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A stand-in for /tmp: anyone may write, only the owner may remove. */
function givenTmp(): string {
  const folder = mkdtempSync(join(tmpdir(), "private-tmp-test-"));
  chmodSync(folder, 0o1777);
  folders.push(folder);
  return folder;
}

/**
 * The module and its one dependency copied where another user can reach them, with a stand-in /tmp beside them:
 * the workshop, and the temporary folder its tests run in, may lie in folders only their owner can enter (a clone
 * in /root, mode 700). The system's /tmp is open to every user.
 */
function stagedForAnotherUser(): { module: string; given: string } {
  const stage = mkdtempSync("/tmp/private-tmp-test-user-");
  chmodSync(stage, 0o755);
  folders.push(stage);
  const packageRoot = fileURLToPath(new URL("..", import.meta.url));
  cpSync(join(packageRoot, "src"), join(stage, "src"), { recursive: true });
  const signalExit = realpathSync(join(packageRoot, "node_modules", "signal-exit"));
  cpSync(signalExit, join(stage, "node_modules", "signal-exit"), { recursive: true });
  const given = join(stage, "tmp");
  mkdirSync(given);
  chmodSync(given, 0o1777);
  return { module: pathToFileURL(join(stage, "src", "private-tmp.js")).href, given };
}

/**
 * Runs `body` (a module's code, with the module's exports in scope) in a child with TMPDIR at `given`; the module
 * from `module`, by default this package's own.
 */
function runTool(given: string, body: string, options: SpawnSyncOptions = {}, module = moduleUrl) {
  const code = `import * as privateTmp from ${JSON.stringify(module)};\n${body}`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    encoding: "utf8",
    ...options,
    env: toolEnv(given, options.env),
  });
  expect(child.stderr).toBe("");
  return JSON.parse(String(child.stdout)) as Record<string, string>;
}

/** The environment of a tool started with TMPDIR at `given`. */
function toolEnv(given: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, TMPDIR: given, TEMP: given, TMP: given, ...extra };
}

const report = `
const folder = privateTmp.usePrivateTmpdir();
const { statSync } = await import("node:fs");
const { tmpdir } = await import("node:os");
const stats = statSync(folder);
const child = (await import("node:child_process")).execFileSync(process.execPath, ["-p", "require('os').tmpdir()"], { encoding: "utf8" }).trim();
console.log(JSON.stringify({ folder, again: privateTmp.usePrivateTmpdir(), tmpdir: tmpdir(), child, mode: (stats.mode & 0o777).toString(8), uid: String(stats.uid), tmp: process.env.TMP, temp: process.env.TEMP }));
`;

describe("a private temporary folder", () => {
  it("is made fresh inside the given one, mode 0700, owned by the user, for the process and its children", () => {
    const given = givenTmp();
    const seen = runTool(given, report);
    expect(seen.folder).toMatch(new RegExp(`^${given}/workshop-[A-Za-z0-9]{6}$`));
    expect(seen.mode).toBe("700");
    expect(seen.uid).toBe(String(process.geteuid?.()));
    expect([seen.again, seen.tmpdir, seen.child, seen.tmp, seen.temp]).toEqual(Array(5).fill(seen.folder));
  });

  it("is removed when the tool exits, with whatever was written in it", () => {
    const given = givenTmp();
    const seen = runTool(
      given,
      `${report}\n(await import("node:fs")).writeFileSync(privateTmp.usePrivateTmpdir() + "/left.txt", "x");`,
    );
    expect(existsSync(seen.folder as string)).toBe(false);
  });

  it("is removed when the tool is ended by a signal (Ctrl-C), which still ends the tool", async () => {
    const given = givenTmp();
    const code = `import { usePrivateTmpdir } from ${JSON.stringify(moduleUrl)};\nconsole.log(usePrivateTmpdir());\nsetInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], { env: toolEnv(given) });
    const folder = await new Promise<string>((resolve) =>
      child.stdout.once("data", (data) => resolve(String(data).trim())),
    );
    expect(statSync(folder).isDirectory()).toBe(true);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    child.kill("SIGINT");
    expect(await ended).toBe("SIGINT");
    expect(existsSync(folder)).toBe(false);
  });

  it("nests in a parent tool's", () => {
    const given = givenTmp();
    const parent = mkdtempSync(join(given, "workshop-parent-"));
    const inner = runTool(parent, report);
    expect(inner.folder?.startsWith(`${parent}/workshop-`)).toBe(true);
  });

  // Only root can start a process as another user.
  it.runIf(process.geteuid?.() === 0)(
    "belongs to whichever user runs the tool: another user gets one of their own",
    () => {
      const { module, given } = stagedForAnotherUser();
      const seen = runTool(given, report, { uid: 65534, gid: 65534, cwd: "/" }, module);
      expect(seen.uid).toBe("65534");
      expect(seen.mode).toBe("700");
    },
  );
});
