import { type Command, CommanderError, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { CurriculumError, UsageError } from "../errors.ts";

/** What a command's action reports: the exit code of the whole program. */
export type ExitWith = (code: number) => void;

/**
 * Runs a commander program and resolves with the exit code: the one its action gave (0 all graded passed, 1 any
 * did not), or 2 for a usage error, printed as one line that says what to do instead.
 */
export async function runCli(build: (exitWith: ExitWith) => Command, argv: string[]): Promise<number> {
  // A reader that stops early (`pnpm -s grade --json | head -1`) is no error of the grader's.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  let code = 0;
  const program = build((given) => {
    code = given;
  });
  program.exitOverride().configureOutput({ outputError: (text, write) => write(pc.red(text)) });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    // --help and --version end through the same path, with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError || error instanceof CurriculumError || error instanceof InvalidArgumentError) {
      process.stderr.write(`${pc.red("error:")} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Parses `--timeout`'s seconds. */
export function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError("give a number of seconds, e.g. 30");
  return parsed;
}
