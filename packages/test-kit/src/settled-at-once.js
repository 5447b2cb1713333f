// @ts-check
// A setup file of every test thread the grader starts: each test's outcome goes to the judge's main thread the moment it is
// known. vitest sends its own reports from this thread in batches, every 100 ms; a test that then blocks the
// thread for good (an endless loop, or a wait on a learner's process that never answers) would take the results
// of the tests before it down with it, and a timed-out exercise would say that none had passed.
import { beforeEach } from "vitest";
import { SETTLED_CHANNEL } from "./settled-channel.js";

const settled = new BroadcastChannel(SETTLED_CHANNEL);
settled.unref();

beforeEach(({ task, onTestFinished }) => {
  onTestFinished(() => {
    const state = task.result?.state;
    if (state !== "pass" && state !== "fail") return;
    settled.postMessage({ file: task.file.filepath, name: task.fullTestName ?? task.name, state });
  });
});
