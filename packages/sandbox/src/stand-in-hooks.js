// @ts-check
// Module hooks of a learner's process: a module of the tree that the judge replaced (a test's `vi.mock` of an
// earlier exercise's file) is loaded as a stand-in whose exports are the judge's, so the learner's code that
// imports it calls the test's mock, as it would in one process. The learner's host names each stand-in with a
// file in `folder` (its private /tmp) before it loads the code that imports it: the hooks, on their own thread,
// read that file, with no message to wait for. A stand-in has a URL of its own: the original may be loaded
// already (the test's mock imports it to count what it yields), and Node loads a URL once.
/** @import { LoadFnOutput, LoadHook, ResolveFnOutput, ResolveHook } from "node:module" */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The global the host keeps the stand-ins' exports under, by module URL. */
export const STAND_INS = "workshop: stand-ins";

/** @type {string} */
let folder = "";

/** @param {{ folder: string }} data */
export function initialize(data) {
  folder = data.folder;
}

/** The file that names a stand-in for `url`. */
export function standInFile(/** @type {string} */ root, /** @type {string} */ url) {
  return join(root, `${Buffer.from(url).toString("base64url")}.json`);
}

const STAND_IN_QUERY = "?workshop-stand-in";

/**
 * @param {Parameters<ResolveHook>[0]} specifier
 * @param {Parameters<ResolveHook>[1]} context
 * @param {Parameters<ResolveHook>[2]} nextResolve
 * @returns {Promise<ResolveFnOutput>}
 */
export const resolve = async (specifier, context, nextResolve) => {
  const resolved = await nextResolve(specifier, context);
  if (!folder || !existsSync(standInFile(folder, resolved.url))) return resolved;
  return { ...resolved, url: `${resolved.url}${STAND_IN_QUERY}`, shortCircuit: true };
};

/**
 * @param {Parameters<LoadHook>[0]} url
 * @param {Parameters<LoadHook>[1]} context
 * @param {Parameters<LoadHook>[2]} nextLoad
 * @returns {Promise<LoadFnOutput>}
 */
export const load = async (url, context, nextLoad) => {
  if (!url.endsWith(STAND_IN_QUERY)) return nextLoad(url, context);
  const original = url.slice(0, -STAND_IN_QUERY.length);
  const file = standInFile(folder, original);
  if (!existsSync(file)) return nextLoad(original, context);
  const names = /** @type {string[]} */ (JSON.parse(readFileSync(file, "utf8")));
  const lines = [
    `const standIn = globalThis[Symbol.for(${JSON.stringify(STAND_INS)})].get(${JSON.stringify(original)});`,
  ];
  for (const name of names) {
    lines.push(
      name === "default"
        ? "export default standIn.default;"
        : `export const ${name} = standIn[${JSON.stringify(name)}];`,
    );
  }
  return { format: "module", source: lines.join("\n"), shortCircuit: true };
};
