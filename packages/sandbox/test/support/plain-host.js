// @ts-check
// A learner's side without a sandbox, for the package's own tests: the channel in argv[2], and a module of
// learner-like code whose exports the judge's side imports. The sandbox itself is the end-to-end tests' business.
import { Channel } from "../../src/channel.js";
import { learnerClock } from "../../src/clock.js";
import { Realm } from "../../src/realm.js";

const folder = process.argv[2] ?? "";
/** @type {Realm} */
let realm;
const clock = learnerClock(
  () => realm,
  () => {},
);
realm = new Realm({
  observe: (message) => clock.observe(message),
  // In step with the judge, as the learner's process (learner-host.js).
  step: "follows",
  operations: {
    import: () => import("./learner-code.js"),
    fire: (message) => clock.fire(message),
    forge: () => {
      // What hostile code can do to its own end of the channel: write what the protocol never sends.
      channel.send({ k: "r", id: 999_999, v: 1 });
      return 1;
    },
  },
  onClose: () => process.exit(0),
});
const channel = new Channel({
  folder,
  side: "learner",
  onMessage: (message) => realm.receive(message),
  onClose: (error) => realm.close(error),
  keepAlive: true,
});
realm.attach(channel);
console.log = (...args) => realm.notify("console", { method: "log", args: realm.encode(args) });
