import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { repoRoot } from "../paths.ts";
import type { AnalysisReply, AnalysisRequest, FileAnalysis } from "./analysis-messages.ts";

const workerScript = fileURLToPath(new URL("./analysis-worker.js", import.meta.url));

/**
 * A process that analyses files in the background, so the TypeScript compiler never holds up the tests. It
 * keeps the compiler loaded between requests (watch mode asks after every save). A process, not a thread:
 * on Node 20, tsx's loader hooks do not reach worker threads. Requests never reject: if analysis fails, the
 * grader grades without it.
 */
export class StaticAnalysis {
  #child: ChildProcess;
  #pending = new Map<number, (analyses: Record<string, FileAnalysis>) => void>();
  #nextId = 0;

  constructor(tsconfigFile: string) {
    this.#child = spawn(process.execPath, [workerScript, tsconfigFile, repoRoot], {
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    this.#child.unref();
    this.#child.channel?.unref();
    this.#child.on("message", ({ id, analyses }: AnalysisReply) => {
      this.#pending.get(id)?.(analyses);
      this.#pending.delete(id);
    });
    const giveUp = () => {
      for (const resolve of this.#pending.values()) resolve({});
      this.#pending.clear();
    };
    this.#child.on("error", giveUp);
    this.#child.on("exit", giveUp);
  }

  analyze(files: string[], shapeOnly: string[]): Promise<Map<string, FileAnalysis>> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, (analyses) => resolve(new Map(Object.entries(analyses))));
      const request: AnalysisRequest = { id, files: [...files, ...shapeOnly], shapeOnly };
      this.#child.channel?.ref();
      this.#child.send(request);
    });
  }

  close(): void {
    if (this.#child.connected) this.#child.disconnect();
  }
}
