import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { workshop } from "../paths.ts";
import { forgottenAwaitWarnings } from "./forgotten-awaits.ts";

/**
 * The native compiler's executable: the package for this platform, as `@typescript/native-preview` finds it
 * (its own `getExePath` is not exported), run directly rather than through its Node wrapper.
 */
function tsgoExecutable(): string {
  const wrapper = createRequire(import.meta.url).resolve("@typescript/native-preview/package.json");
  const native = `@typescript/native-preview-${process.platform}-${process.arch}/package.json`;
  const folder = dirname(createRequire(wrapper).resolve(native));
  return join(folder, "lib", process.platform === "win32" ? "tsgo.exe" : "tsgo");
}

/** At most this many type errors a file: the first ones explain the others. */
const PER_FILE = 3;
/** tsgo checks a few files against Node's types in about half a second; this only catches a hung compiler. */
const LIMIT_MS = 30_000;

/**
 * Type errors in the learner's files, as warnings by file, after the forgotten awaits the types reveal (a call
 * whose promise nothing awaits, a timer not declared with `await using`: forgotten-awaits.ts). They do not fail an
 * exercise: the tests define what counts, and the code runs with its types erased, so a type error the tests
 * cannot see is worth a warning. When the exercise fails, its verdict puts a forgotten await first: that is
 * usually why it failed.
 *
 * The native TypeScript compiler (tsgo) checks them, about four times faster than tsc, in a process of its own
 * that runs beside the tests. The files may sit anywhere (a submission in a temporary folder): the options are
 * the workshop's own, and Node's types and the workshop's packages are found from the workshop.
 */
export async function typeWarnings(files: string[], shown: (file: string) => string): Promise<Map<string, string[]>> {
  const forgotten = forgottenAwaitWarnings(files, shown);
  const types = await typeErrors(files, shown);
  return new Map(files.map((file) => [file, [...(forgotten.get(file) ?? []), ...(types.get(file) ?? [])]]));
}

/** What tsgo says of the files' types. */
function typeErrors(files: string[], shown: (file: string) => string): Promise<Map<string, string[]>> {
  if (files.length === 0) return Promise.resolve(new Map());
  const folder = mkdtempSync(join(tmpdir(), "workshop-types-"));
  const config = join(folder, "tsconfig.json");
  writeFileSync(config, JSON.stringify(checkedProject(files)));
  return new Promise((done) => {
    execFile(
      tsgoExecutable(),
      ["-p", config, "--pretty", "false", "--singleThreaded"],
      { cwd: folder, timeout: LIMIT_MS, maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (_error, stdout) => {
        rmSync(folder, { recursive: true, force: true });
        // A compiler that could not run gives no warnings: type warnings never decide a grade.
        done(parseDiagnostics(String(stdout), folder, shown));
      },
    );
  });
}

/** The project tsgo checks: the workshop's compiler options, with every path absolute. */
function checkedProject(files: string[]): object {
  const core = join(workshop.root, "packages", "core");
  const exports = JSON.parse(readFileSync(join(core, "package.json"), "utf8")).exports as Record<string, string>;
  const paths = Object.fromEntries(
    Object.entries(exports).map(([subpath, file]) => [join("@workshop/core", subpath), [join(core, file)]]),
  );
  return {
    extends: join(workshop.root, "packages", "tsconfig", "base.json"),
    compilerOptions: {
      noEmit: true,
      typeRoots: [join(workshop.exercises, "node_modules", "@types")],
      // ES modules resolved as vitest resolves them, even in a folder without a package.json saying so.
      module: "preserve",
      moduleResolution: "bundler",
      paths,
    },
    files,
  };
}

/** `path(line,col): error TS2322: message` lines, by file, as the warnings the learner reads. */
export function parseDiagnostics(output: string, cwd: string, shown: (file: string) => string): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const match of output.matchAll(/^(.+?)\((\d+),(\d+)\): error TS\d+: (.*(?:\n {2,}.*)*)/gm)) {
    const [, path = "", line, column, message = ""] = match;
    const file = resolve(cwd, path);
    const count = (counts.get(file) ?? 0) + 1;
    counts.set(file, count);
    const warnings = byFile.get(file) ?? [];
    if (count <= PER_FILE) {
      const text = message.replace(/\n\s+/g, " ").trim();
      warnings.push(`type error at ${shown(file)}:${line}:${column}: ${text}`);
    }
    byFile.set(file, warnings);
  }
  for (const [file, count] of counts) {
    if (count > PER_FILE) byFile.get(file)?.push(`… and ${count - PER_FILE} more type errors in that file`);
  }
  return byFile;
}
