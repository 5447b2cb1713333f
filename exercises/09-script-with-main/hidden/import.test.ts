// Hidden: catches a script that makes its pool at the top of the module (a top-level await) instead of inside
// main(): importing it prints nothing, so the public test passes, but it starts threads nobody closes.
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { SCRIPT_IMPORTS, targetFile } from "@workshop/test-kit";
import { describe, expect, it } from "vitest";

const script = targetFile(import.meta.url, "async-pi.ts");

describe("async-pi.ts, imported, hidden", () => {
  it("starts no worker pool until main() runs", { timeout: 30_000 }, async () => {
    const importIt = `await import(${JSON.stringify(pathToFileURL(script).href)});`;
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [...SCRIPT_IMPORTS, "--input-type=module", "--eval", importIt], {
        cwd: dirname(script),
        stdio: ["ignore", "ignore", "pipe"],
      });
      let text = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      const killer = setTimeout(() => child.kill("SIGKILL"), 25_000);
      child.on("error", reject);
      child.on("close", () => {
        clearTimeout(killer);
        resolve(text);
      });
    });
    expect(stderr, "create the pool inside main(), where `await using` closes it").not.toMatch(/never closed/);
  });
});
