import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadCurriculum } from "../curriculum/load-curriculum.ts";
import { UsageError } from "../errors.ts";
import { workshop } from "../paths.ts";
import { commonCode, distinctiveLines, findLeaks, type LeakedLine } from "./answer-scan.ts";
import { instructorOnly } from "./instructor-only.ts";

/** What writing an edition did, for the command to report. */
export interface EditionOutcome {
  folder: string;
  files: number;
  /** Solution lines found in the edition: the edition is refused while there are any. */
  leaks: LeakedLine[];
}

/**
 * Writes the learner edition into `folder`: the workshop as committed, without what only the instructor's
 * edition holds (instructor-only.ts), with its files rewritten where they name what is left out (exercise.json's
 * hidden tests, the workspace's packages, scripts, the README's instructor sections), and its own derived files
 * and lockfile. It is a new git repository of one commit, with no history that holds the answers, ready to push
 * as a GitHub Classroom template. Then every file is scanned for the solutions' distinctive lines.
 */
export function writeLearnerEdition(folder: string): EditionOutcome {
  if (!existsSync(workshop.solutions)) {
    throw new UsageError(
      "this workshop has no solutions/: it is a learner edition already, and has none to leave out.",
    );
  }
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new UsageError(`${folder} is not empty: give a new folder for the learner edition.`);
  }
  mkdirSync(folder, { recursive: true });
  const files = committedFiles().filter((path) => !instructorOnly(path));
  const rewritten: string[] = [];
  for (const path of files) {
    const target = join(folder, path);
    mkdirSync(dirname(target), { recursive: true });
    const committed = committedContent(path);
    const content = edited(path, committed);
    writeFileSync(target, content);
    if (content !== committed && path.endsWith(".json")) rewritten.push(path);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: folder, stdio: ["ignore", "pipe", "pipe"], env: process.env });
  // The edition's own lockfile (the workshop's, with what left the workspace dropped by pnpm itself) and an
  // install, so that its own grader can make its manifest, schema and workflows from its own exercises.
  run("pnpm", ["install", "--prefer-offline"]);
  // The JSON rewritten here is laid out as JSON.stringify does it; the edition's own lint wants Biome's layout.
  run(process.execPath, [join(folder, "node_modules/@biomejs/biome/bin/biome"), "format", "--write", ...rewritten]);
  run(process.execPath, [join(folder, "grader/bin/instructor.js"), "generate"]);
  const git = (...args: string[]) => run("git", args);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git(
    "-c",
    "user.name=Workshop",
    "-c",
    "user.email=workshop@example.invalid",
    "commit",
    "-q",
    "-m",
    `Learner edition of the workshop at ${committedHead().slice(0, 12)}`,
  );
  const curriculum = loadCurriculum(workshop.exercises);
  const edition = git("ls-files", "-z").toString("utf8").split("\0").filter(Boolean);
  const library = edition.filter((path) => /^(packages\/[^/]+\/src|grader\/src)\/.*\.[cm]?[jt]s$/.test(path));
  const distinctive = distinctiveLines(curriculum, workshop.solutions, { common: commonCode(folder, library) });
  const leaks = findLeaks(folder, edition, distinctive);
  return { folder, files: files.length, leaks };
}

/** The edition's version of a committed file: the same, except where it names what the edition leaves out. */
function edited(path: string, content: Buffer): Buffer | string {
  if (/^exercises\/\d{2}-[a-z0-9-]+\/exercise\.json$/.test(path)) {
    const metadata = JSON.parse(content.toString("utf8")) as { files: { hidden?: string[] } };
    delete metadata.files.hidden;
    return `${JSON.stringify(metadata, null, 2)}\n`;
  }
  if (path === "pnpm-workspace.yaml") return content.toString("utf8").replace(/^ {2}- solutions\n/m, "");
  if (path === "package.json" || path === "grader/package.json") {
    const manifest = JSON.parse(content.toString("utf8")) as { scripts: Record<string, string> };
    for (const script of ["bench", "learner-edition", "reliability", "test:cores"]) delete manifest.scripts[script];
    // knip finds dead code across the whole workshop; the edition leaves out half of what uses it (the solutions,
    // the instructor's tests), so there it would report the rest as dead. A maintainer's check, not a learner's.
    if (manifest.scripts.lint) manifest.scripts.lint = manifest.scripts.lint.replace(/ && knip$/, "");
    return `${JSON.stringify(manifest, null, 2)}\n`;
  }
  if (path === "README.md") return withoutInstructorSections(content.toString("utf8"));
  return content;
}

/**
 * The README without what is between `<!-- instructor-edition -->` and `<!-- /instructor-edition -->`: each
 * section goes with the blank lines around it, and one blank line is left in its place, as Markdown is formatted.
 */
export function withoutInstructorSections(readme: string): string {
  const cut = readme.replace(/\n*<!-- instructor-edition -->[\s\S]*?<!-- \/instructor-edition -->\n*/g, "\n\n");
  return `${cut.trimEnd()}\n`;
}

function committedFiles(): string[] {
  return execFileSync("git", ["ls-tree", "-r", "--name-only", "-z", "HEAD"], { cwd: workshop.root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
}

function committedContent(path: string): Buffer {
  return execFileSync("git", ["show", `HEAD:${path}`], { cwd: workshop.root, maxBuffer: 64 * 1024 * 1024 });
}

function committedHead(): string {
  return execFileSync("git", ["rev-parse", "HEAD"], { cwd: workshop.root, encoding: "utf8" }).trim();
}
