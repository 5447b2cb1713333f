// Node's module hooks (register.mjs): every import of the grader's session factory, compiled or not, gets
// busy-session.mjs instead, which wraps the real one. Its own import of the real factory is left alone.
const wrapper = new URL("./busy-session.mjs", import.meta.url).href;
const FACTORY = /\/(src|dist)\/pipeline\/create-session\.(ts|js)$/;

/** @type {import("node:module").ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (context.parentURL?.startsWith(wrapper) || !FACTORY.test(resolved.url)) return resolved;
  return { url: `${wrapper}?real=${encodeURIComponent(resolved.url)}`, format: "module", shortCircuit: true };
}
