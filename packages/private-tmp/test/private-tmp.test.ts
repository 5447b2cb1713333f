// What a tool gets from usePrivateTmpdir: a folder of its own, for it and its children, gone when it exits, by a
// signal too. Each case runs in a child process of its own, as a tool does, so this process's TMPDIR is untouched.
import { type SpawnSyncOptions, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** Runs `body` (a module's code, with the module's exports in scope) in a child with TMPDIR at `given`. */
function runTool(given: string, body: string, options: SpawnSyncOptions = {}) {
  const code = `import * as privateTmp from ${JSON.stringify(moduleUrl)};\n${body}`;
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
      const given = givenTmp();
      const seen = runTool(given, report, { uid: 65534, gid: 65534, cwd: "/" });
      expect(seen.uid).toBe("65534");
      expect(seen.mode).toBe("700");
    },
  );
});
