import { defineConfig } from "vitest/config";

// Only the bench's arithmetic and formatting are tested: its measurements are timings, which belong in the bench.
export default defineConfig({ test: { include: ["test/*.test.ts"] } });
