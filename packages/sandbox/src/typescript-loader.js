// @ts-check
// `node --import <this file>`: a learner's process runs TypeScript (typescript-hooks.js), with source maps so
// that an error's place is the line the learner wrote.
import { register } from "node:module";

process.setSourceMapsEnabled(true);
register(new URL("./typescript-hooks.js", import.meta.url));
