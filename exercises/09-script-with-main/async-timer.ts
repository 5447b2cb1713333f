// 09 · Compute pi in a script: the timer's file (the lesson's async_timer.py). Nothing to write here.
//
// The timer of exercise 06 already lives in @workshop/core; re-exporting it gives the script its own module to
// import from, as in the lesson, without a second copy to keep in step.
export { type Elapsed, timer } from "@workshop/core";
