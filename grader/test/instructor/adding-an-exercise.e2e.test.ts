// docs/instructors.md, "Adding an exercise", followed as written: in a copy of the workshop, each of its steps in
// order (the commands it gives are run, the files it shows are written where it says), and the copy's own
// `pnpm test`, the last step, must pass with the new exercise in it. A guide that is wrong fails here first.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCurriculum } from "../../src/curriculum/load-curriculum.ts";
import { workshop } from "../../src/paths.ts";
import { copyWorkshop } from "../support/workshop-copy.ts";

/** Written into the copy: the copy's own run of this test finds it, and does not follow the guide again. */
const MARKER = join(".workshop", "following-the-guide");
const insideTheCopy = existsSync(join(workshop.root, MARKER));

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "instructor",
  GIT_AUTHOR_EMAIL: "instructor@example.com",
  GIT_COMMITTER_NAME: "instructor",
  GIT_COMMITTER_EMAIL: "instructor@example.com",
};

type Step = { kind: "run"; commands: string[] } | { kind: "file"; path: string; content: string };

/** The guide's steps, in order: each `<!-- new-exercise:... -->` marker and the fenced block after it. */
function guideSteps(): Step[] {
  const docs = readFileSync(join(workshop.root, "docs/instructors.md"), "utf8");
  const guide = docs.slice(docs.indexOf("## Adding an exercise"));
  const steps: Step[] = [];
  const marker = /<!-- new-exercise:(run|file) ?([^\s]*) -->\n\n( *)(`{3,})\w*\n([\s\S]*?)\n\3\4\n/g;
  for (const [, kind, path = "", indent = "", , body = ""] of guide.matchAll(marker)) {
    // The block is indented as its list item is: the guide's text, not the file's.
    const content = `${body
      .split("\n")
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join("\n")}\n`;
    if (kind === "run") steps.push({ kind, commands: content.trim().split("\n") });
    else steps.push({ kind: "file", path, content });
  }
  return steps;
}

/** What a failed run said about its failures: each failing test with the lines after it, then the last lines. */
function failuresIn(output: string): string {
  const lines = output.split("\n");
  const failed = lines.flatMap((line, index) => (/FAIL|×|ERROR/.test(line) ? lines.slice(index, index + 12) : []));
  return [...failed.slice(0, 200), "…", ...lines.slice(-20)].join("\n");
}

/** TMPDIR (TEMP and TMP on Windows) as the system has it: the part of this run's above its first own folder. */
function systemTemporaryFolder(): Record<string, string> {
  const folder = tmpdir().split(/[\\/]workshop-tests-/)[0] ?? tmpdir();
  return { TMPDIR: folder, TEMP: folder, TMP: folder };
}

let copy = "";
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe.skipIf(insideTheCopy)("adding an exercise as docs/instructors.md says", () => {
  it("gives every step: the scaffold, each file, and the commands that check them", () => {
    const steps = guideSteps();
    const files = steps.flatMap((step) => (step.kind === "file" ? [step.path] : []));
    expect(files).toEqual([
      expect.stringMatching(/^exercises\/\d\d-[a-z0-9-]+\/exercise\.json$/),
      expect.stringMatching(/\/README\.md$/),
      expect.stringMatching(/\/hints\.md$/),
      expect.stringMatching(/\.ts$/),
      expect.stringMatching(/\.test\.ts$/),
      expect.stringMatching(/\/hidden\/[a-z0-9-]+\.test\.ts$/),
      expect.stringMatching(/^grader\/test\/fixtures\/hidden\//),
      expect.stringMatching(/^solutions\//),
    ]);
    const commands = steps.flatMap((step) => (step.kind === "run" ? step.commands : []));
    expect(commands[0]).toMatch(/^pnpm instructor new /);
    expect(commands.at(-3)).toBe("pnpm instructor generate");
    expect(commands.at(-2)).toMatch(/^git add -A && git commit /);
    expect(commands.at(-1)).toBe("pnpm test");
  });

  it("adds an exercise to a copy of the workshop whose own pnpm test then passes", { timeout: 3_600_000 }, () => {
    copy = copyWorkshop();
    mkdirSync(dirname(join(copy, MARKER)), { recursive: true });
    writeFileSync(join(copy, MARKER), "");
    const before = loadCurriculum(join(copy, "exercises")).length;
    for (const step of guideSteps()) {
      if (step.kind === "file") {
        mkdirSync(dirname(join(copy, step.path)), { recursive: true });
        writeFileSync(join(copy, step.path), step.content);
        continue;
      }
      for (const command of step.commands) {
        const run = spawnSync(command, {
          cwd: copy,
          shell: true,
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
          // Who commits, as an instructor's own git configuration would say; and the system's temporary folder, not
          // this run's (global-setup.ts): the copy's run makes one of its own in it, and Chromium's socket path
          // in folders nested three deep would pass the 108 characters a Unix socket's path may have.
          env: { ...process.env, ...GIT_IDENTITY, ...systemTemporaryFolder() },
        });
        const said = failuresIn(`${run.stdout}\n${run.stderr}`);
        expect(run.status, `\`${command}\` in the copy:\n${said}`).toBe(0);
      }
    }
    const after = loadCurriculum(join(copy, "exercises"));
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.number).toBe(before + 1);
  });
});
