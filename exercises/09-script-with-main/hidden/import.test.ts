// Hidden: catches a script that makes its pool at the top of the module (a top-level await) instead of inside
// main(): importing it prints nothing, so the public test passes, but it starts threads nobody closes.
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { runScript, targetFile } from "@workshop/test-kit";
import { describe, expect, it } from "vitest";

const script = targetFile(import.meta.url, "async-pi.ts");

describe("async-pi.ts, imported, hidden", () => {
  it("starts no worker pool until main() runs", { timeout: 30_000 }, async () => {
    const importIt = `await import(${JSON.stringify(pathToFileURL(script).href)});`;
    const { stderr } = await runScript(["--input-type=module", "--eval", importIt], {
      cwd: dirname(script),
      timeoutMs: 25_000,
    });
    expect(stderr, "create the pool inside main(), where `await using` closes it").not.toMatch(/never closed/);
  });
});
