// `node --import @workshop/private-tmp/register --import tsx file.ts`, or the first import of a tool's bin: the
// tool's temporary folder is private (private-tmp.js) before tsx, or anything else, picks its own inside it.
import { usePrivateTmpdir } from "./private-tmp.js";

usePrivateTmpdir();
