import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { SubmissionError } from "./submission-error.ts";

/**
 * What a submission's zip may hold. A learner's work is a few hundred kilobytes; a whole repository with its
 * history, a few megabytes. These stop a zip that would fill the disk (a "zip bomb"), not a learner.
 */
const LIMITS = { entries: 20_000, bytes: 200 * 1024 * 1024 };
/** Folders no learner's code is in, which can hold thousands of files: not unpacked at all. */
const SKIPPED = new Set(["node_modules", ".git"]);
const SYMBOLIC_LINK = 0o120000;

/**
 * Unpacks `zipFile` into the folder `into`, as files only. yauzl refuses entries whose names are absolute or
 * climb out with `..` (so nothing is written outside `into`), and checks each entry's real size against the
 * size it declares; links are left out, so that nothing unpacked points outside the submission either.
 */
export async function unpackZip(zipFile: string, into: string, limits = LIMITS): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { lazyEntries: true, strictFileNames: true });
  } catch (error) {
    throw new SubmissionError(`${zipFile} is not a zip file that can be read (${(error as Error).message})`);
  }
  let entries = 0;
  let bytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      entries += 1;
      if (entries > limits.entries) {
        throw new SubmissionError(`${zipFile} holds more than ${limits.entries} files: unpack it and hand in less`);
      }
      const parts = entry.fileName.split("/");
      const isLink = ((entry.externalFileAttributes >>> 16) & 0o170000) === SYMBOLIC_LINK;
      if (entry.fileName.endsWith("/") || isLink || parts.some((part) => SKIPPED.has(part))) continue;
      const target = join(into, ...parts);
      mkdirSync(dirname(target), { recursive: true });
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > limits.bytes) {
            done(new SubmissionError(`${zipFile} unpacks to more than ${limits.bytes / 1024 / 1024} MB`));
          } else done(null, chunk);
        },
      });
      await pipeline(await zip.openReadStreamPromise(entry), counter, createWriteStream(target));
    }
  } catch (error) {
    if (error instanceof SubmissionError) throw error;
    throw new SubmissionError(`${zipFile} could not be unpacked: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}
