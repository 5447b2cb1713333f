#!/usr/bin/env node
// The `pnpm grade` command. Everything lives in cli.ts; this file only turns its answer into an exit code.
import { main } from "./cli.ts";

process.exitCode = await main(process.argv.slice(2));
