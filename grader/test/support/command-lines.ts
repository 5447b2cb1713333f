import { execFileSync } from "node:child_process";

/**
 * The command line of every process running now, to check that none of a test's is left. `ps` has them on
 * Linux and macOS; Windows has no `ps`, and its `tasklist` shows no arguments, so PowerShell reads them there.
 */
export function runningCommandLines(): string[] {
  const output =
    process.platform === "win32"
      ? execFileSync(
          "powershell",
          ["-NoProfile", "-Command", "Get-CimInstance Win32_Process | ForEach-Object { $_.CommandLine }"],
          { encoding: "utf8" },
        )
      : execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return output.split(/\r?\n/).filter(Boolean);
}
