// @ts-check
// The other side of a channel that says one thing and then reads nothing for half a second, as a busy process
// may: the side writing to it meanwhile finds its pipe full. argv[2]: the channel's folder.
import { Channel } from "../../src/channel.js";

const channel = new Channel({
  folder: process.argv[2] ?? "",
  side: "learner",
  onMessage: () => {},
  onClose: () => process.exit(0),
  keepAlive: true,
});
channel.send({ k: "said-while-busy" });
channel.flush();
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
