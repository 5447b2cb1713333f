// Attack class: a planted tsx cache. tsx keeps compiled code in `<tmpdir>/tsx-<euid>/` and runs what it finds
// there. Another user who creates root's folder first (`/tmp/tsx-0`, in a fresh container or after a reboot) and
// fills it has their code run by the next tool root runs through tsx. Here the attacker's folder is planted, owned
// by another user (nobody), with entries for the very files each tool compiles, whose code appends to a marker
// file. Each tool is run twice against it: as tsx alone would run it (the control: the marker appears, so the
// entries are live), and as the workshop runs it (the marker never appears).
//
// Instructor-only: it runs pnpm bench and grades the solutions, which the learner edition has neither of.
// The stand-in for /tmp is a folder of the test's own, writable by all as /tmp is: planting in the machine's real
// /tmp would attack every other tool running on it.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const ATTACKER = 65534;
const euid = process.geteuid?.() ?? 0;

let fakeTmp: string;
beforeAll(() => {
  fakeTmp = mkdtempSync(join(tmpdir(), "planted-tmp-"));
  chmodSync(fakeTmp, 0o1777);
});
afterAll(() => rmSync(fakeTmp, { recursive: true, force: true }));

interface Command {
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

function run(command: Command, tmp: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp, NO_COLOR: "1", ...command.env };
  delete env.TSX_DISABLE_CACHE;
  return spawnSync(process.execPath, command.args, { cwd: command.cwd, env, encoding: "utf8", timeout: 120_000 });
}

/**
 * Plants, in the stand-in /tmp, root's tsx folder as the attacker would: compiled by tsx itself (`generate`, run
 * with a scratch folder of its own), each entry's code prefixed with a line that appends to `marker`, all owned
 * by the attacker. Returns how many entries were planted.
 */
function plant(generate: Command, marker: string): number {
  const scratch = mkdtempSync(join(tmpdir(), "tsx-entries-"));
  try {
    const generated = run(generate, scratch);
    expect(generated.status, generated.stderr).toBe(0);
    const from = join(scratch, `tsx-${euid}`);
    const planted = join(fakeTmp, `tsx-${euid}`);
    mkdirSync(planted, { recursive: true });
    const payload = `process.getBuiltinModule("node:fs").appendFileSync(${JSON.stringify(marker)}, "planted code ran\\n");`;
    const names = readdirSync(from);
    for (const name of names) {
      const entry = JSON.parse(readFileSync(join(from, name), "utf8")) as { code: string };
      entry.code = `${payload}${entry.code}`;
      writeFileSync(join(planted, name), JSON.stringify(entry));
    }
    if (euid === 0)
      for (const path of [planted, ...names.map((n) => join(planted, n))]) chownSync(path, ATTACKER, ATTACKER);
    return names.length;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Plants for `control`, shows that the control runs the planted code, then runs `tool`, which must not. */
function expectPlantedCacheIgnored(name: string, control: Command, tool: Command) {
  const marker = join(fakeTmp, `${name}.marker`);
  expect(plant(control, marker)).toBeGreaterThan(0);
  const attacked = run(control, fakeTmp);
  expect(attacked.status, attacked.stderr).toBe(0);
  expect(existsSync(marker), "the control must run the planted entries, or this test proves nothing").toBe(true);
  rmSync(marker);
  const protectedRun = run(tool, fakeTmp);
  expect(existsSync(marker), `${name} ran code planted in ${fakeTmp}/tsx-${euid}`).toBe(false);
  return protectedRun;
}

describe("a tsx cache planted in /tmp by another user", () => {
  it("is never run by pnpm bench, whose script makes its temporary folder private before tsx loads", () => {
    const bench = join(repo, "packages/bench");
    const script = (JSON.parse(readFileSync(join(bench, "package.json"), "utf8")) as { scripts: { bench: string } })
      .scripts.bench;
    // The script's last command, as pnpm runs it (its first builds the workshop with turbo).
    const [node, ...args] = (script.split("&&").at(-1) ?? "").trim().split(/\s+/);
    expect(node).toBe("node");
    const ran = expectPlantedCacheIgnored(
      "bench",
      { args: ["--import", "tsx", "src/main.ts", "--help"], cwd: bench },
      { args: [...args, "--help"], cwd: bench },
    );
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("bench");
  });

  it("is never run by pnpm workshop, whose bin makes its temporary folder private before it imports tsx", () => {
    const app = join(repo, "packages/app");
    // What the bin does, without its first import.
    const asTsxAlone = `import { register } from "tsx/esm/api"; register(); const { main } = await import(${JSON.stringify(
      pathToFileURL(join(app, "src/main.ts")).href,
    )}); await main(["--help"]);`;
    const ran = expectPlantedCacheIgnored(
      "workshop",
      { args: ["--input-type=module", "-e", asTsxAlone], cwd: app },
      { args: ["bin/workshop.js", "--help"], cwd: app },
    );
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain("pnpm workshop");
  });

  it("is never run by pnpm grade, whose speedup check loads the workshop's core and tree hooks through tsx", () => {
    const state = mkdtempSync(join(tmpdir(), "planted-state-"));
    try {
      const hooks = pathToFileURL(join(repo, "packages/test-kit/src/register-tree-hooks.ts")).href;
      const tsx = pathToFileURL(join(repo, "grader/node_modules/tsx/dist/loader.mjs")).href;
      const ran = expectPlantedCacheIgnored(
        "grade",
        // The speedup process's own imports: tsx, the tree hooks, then @workshop/core, from the grader's folder.
        {
          args: ["--import", tsx, "--import", hooks, "--input-type=module", "-e", 'await import("@workshop/core")'],
          cwd: join(repo, "grader"),
        },
        // One core: the speedup's structure is checked, through tsx as always, and no timing depends on the machine.
        {
          args: ["grader/bin/grade.js", "8", "--solutions"],
          cwd: repo,
          env: { WORKSHOP_CORES: "1", WORKSHOP_STATE_DIR: state },
        },
      );
      expect(ran.stdout).toMatch(/08-pi-split\s+✓ passed/);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
