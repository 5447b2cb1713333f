// @ts-check
// The first setup file of a graded run's judge, which runs an exercise's test files one after another in one
// worker thread (vitest's `isolate: false`) rather than starting a thread for each: no learner's code runs in that
// thread, only the tests, and a thread's start was a fifth of every graded exercise. Each file still starts as in
// a thread of its own: with fresh modules (vitest's own isolation resets the same, mocks included: a file's
// `vi.mock` of a module must not be what the next file gets), no module mocks registered, real timers, and the
// earlier files' learner's processes ended.
import { endEarlierTestFiles } from "@workshop/sandbox/in-test";
import { vi } from "vitest";

/** What vitest itself keeps loaded between files (its own modules), as its isolation does. */
const VITEST_OWN = [/\/vitest\/dist\//, /vitest-virtual-\w+\/dist/, /@vitest\/dist/];

/**
 * @typedef {{ promise?: unknown, exports?: unknown, evaluated: boolean, importers: Set<string> }} ModuleNode
 * @typedef {{ __vitest_worker__?: { evaluatedModules?: { idToModuleMap: Map<string, ModuleNode> } },
 *   __vitest_mocker__?: { reset(): void } }} VitestGlobals
 */
const vitestGlobals = /** @type {VitestGlobals} */ (globalThis);
const ownFile = new URL(import.meta.url).pathname;

endEarlierTestFiles();
vitestGlobals.__vitest_mocker__?.reset();
vitestGlobals.__vitest_worker__?.evaluatedModules?.idToModuleMap.forEach((node, id) => {
  if (id.split("?")[0] === ownFile || VITEST_OWN.some((own) => own.test(id))) return;
  node.promise = undefined;
  node.exports = undefined;
  node.evaluated = false;
  node.importers.clear();
});
vi.useRealTimers();
