// @ts-check
// The one place that turns "what this process may see and use" into a bubblewrap command line. A sandbox's
// filesystem is built up from nothing: an empty root, the system's programs and libraries read-only, and then
// exactly the paths its caller lists. Nothing else of the host is there to hide.
/** @import { SpawnOptions } from "node:child_process" */
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * What a sandboxed command may see and use.
 *
 * @typedef {object} View
 * @property {string[]} readOnly Host paths (folders or files) it sees read-only, at the same path.
 * @property {string[]} [readWrite] Host paths it may also write, at the same path.
 * @property {"own" | "host"} proc `own`: a process namespace of its own, whose /proc shows only its processes.
 *   `host`: the host's processes and /proc, for a judge that starts sandboxes inside its own (the kernel lets a
 *   sandbox mount a /proc of its own only where a whole one is visible).
 * @property {number} tmpBytes Size of its private /tmp and /dev/shm (memory-backed; gone with the sandbox).
 * @property {string} cwd Its working folder.
 * @property {Record<string, string>} env Its whole environment: nothing of the caller's is passed on unless named.
 * @property {Limits} [limits] Per-process limits (setrlimit); none for a trusted process.
 * @property {boolean} [nested] No further sandboxes may be made inside (a learner's: fewer kernel paths to attack).
 */

/**
 * Limits that every process of the sandbox gets at its start. `tasks` counts processes and threads together,
 * and is counted in the sandbox's own user namespace, so it bounds that sandbox alone.
 *
 * @typedef {object} Limits
 * @property {number} dataBytes Writable memory of each process (RLIMIT_DATA): Buffers and heaps included.
 * @property {number} tasks Processes and threads (RLIMIT_NPROC).
 * @property {number} fileBytes Largest file it may write (RLIMIT_FSIZE).
 * @property {number} openFiles Open files per process (RLIMIT_NOFILE).
 */

/** Where the system keeps its programs and libraries: read-only in every sandbox, or links to /usr. */
const SYSTEM_PATHS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
/** What programs read from /etc to start at all (the linker's cache) or to tell the time. */
const SYSTEM_FILES = ["/etc/ld.so.cache", "/etc/localtime"];

/**
 * The command that runs `command` in a sandbox with `view`. The sandbox's processes end when its first one
 * does, and when the process that started it dies.
 *
 * As root, bubblewrap makes the namespaces itself and the command then runs as `asUid`, an unprivileged id
 * held by no one else: it owns nothing on the host, root's private folders (mode 700, such as /root) are
 * closed to it, and only what the view lists is there at all. As any other user, the sandbox is a user
 * namespace of that user's, which is what bubblewrap is made for.
 *
 * @param {string[]} command The program and its arguments, as paths inside the sandbox.
 * @param {View} view
 * @param {{ root?: boolean, asUid?: number, infoFd?: number }} [options] `infoFd`: the fd on which bubblewrap
 *   writes the sandbox's first process id (as `{"child-pid": N}`).
 * @returns {{ file: string, args: string[], uid?: number }} `uid`: as root, the id the command runs as. Its
 *   processes outlive bubblewrap (a change of user stops the kernel from ending them with their parent, whose
 *   user differs), so whoever started it ends them all by that id (`endProcessesOf`).
 */
export function sandboxCommand(command, view, options = {}) {
  const root = options.root ?? process.getuid?.() === 0;
  const bwrap = [...namespaceArgs(view, root), ...filesystemArgs(view), ...environmentArgs(view)];
  if (options.infoFd !== undefined) bwrap.push("--info-fd", String(options.infoFd));
  bwrap.push("--die-with-parent", "--new-session", "--chdir", view.cwd);
  let inside = command;
  const uid = root ? (options.asUid ?? unprivilegedId()) : undefined;
  if (uid !== undefined) {
    // setpriv needs these two to change its ids; changing them to a user other than root drops every
    // capability, and bubblewrap has already forbidden gaining new ones (no_new_privs).
    bwrap.push("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID");
    inside = ["setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--", ...command];
  }
  const sandboxed = ["bwrap", ...bwrap, "--", ...inside];
  const owner = uid === undefined ? {} : { uid };
  if (!view.limits) return { file: sandboxed[0] ?? "bwrap", args: sandboxed.slice(1), ...owner };
  const { dataBytes, tasks, fileBytes, openFiles } = view.limits;
  const limit = (/** @type {string} */ name, /** @type {number} */ value) => `--${name}=${value}:${value}`;
  return {
    file: "prlimit",
    args: [
      limit("data", dataBytes),
      limit("nproc", tasks),
      limit("fsize", fileBytes),
      limit("nofile", openFiles),
      limit("core", 0),
      "--",
      ...sandboxed,
    ],
    ...owner,
  };
}

/**
 * Ends every process of `uid`: a root sandbox's command and all it started, wherever they went (a new session,
 * forked twice). A process of that user signalling all it may (`kill -1`) reaches exactly them, since no one
 * else has that id. Twice: a process forking in a loop may have made a new one while the first signal went out.
 *
 * @param {number} uid
 */
export function endProcessesOf(uid) {
  const asThem = /** @type {const} */ ({ uid, gid: uid, stdio: "ignore", timeout: 5_000 });
  for (let round = 0; round < 2; round++) spawnSync("kill", ["-9", "-1"], asThem);
}

/**
 * @param {View} view
 * @param {boolean} root
 */
function namespaceArgs(view, root) {
  const args = ["--unshare-ipc", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"];
  // Unprivileged bubblewrap makes a user namespace in any case; said here so that a root sandbox never has one
  // (its command must really be another user, for the process limit and file permissions to hold).
  if (!root) args.push("--unshare-user");
  // bubblewrap's own first process reaps the namespace's orphans, and when the command ends, it ends, and the
  // kernel with it every process of the namespace. (The command as the first process would be immune to its own
  // signals, SIGKILL included: code that kills itself must die, as it would outside.)
  if (view.proc === "own") args.push("--unshare-pid");
  if (view.nested && !root) args.push("--disable-userns");
  return args;
}

/** @param {View} view */
function filesystemArgs(view) {
  const args = [];
  for (const path of SYSTEM_PATHS) {
    if (!existsSync(path)) continue;
    if (lstatSync(path).isSymbolicLink()) args.push("--symlink", readLink(path), path);
    else args.push("--ro-bind", path, path);
  }
  args.push("--perms", "0755", "--dir", "/etc");
  for (const file of SYSTEM_FILES) args.push("--ro-bind-try", file, file);
  // Writable by all, sticky, as on any system: as root, the sandbox's own user is not their owner.
  const sizedTmpfs = (/** @type {string} */ path) => [
    "--perms",
    "1777",
    "--size",
    String(view.tmpBytes),
    "--tmpfs",
    path,
  ];
  args.push("--dev", "/dev", ...sizedTmpfs("/dev/shm"));
  if (view.proc === "own") args.push("--proc", "/proc");
  else args.push("--dev-bind", "/proc", "/proc");
  args.push(...sizedTmpfs("/tmp"));
  // Folders are made on the way to each bound path, open to all: otherwise they would copy the host's modes,
  // and a workshop inside /root (mode 700) could not be reached by the sandbox's unprivileged user.
  const made = new Set(["/", "/etc", "/tmp", "/dev", "/proc", ...SYSTEM_PATHS]);
  const bind = (/** @type {string} */ flag, /** @type {string} */ path) => {
    const ancestors = [];
    for (let folder = dirname(path); !made.has(folder); folder = dirname(folder)) ancestors.unshift(folder);
    for (const folder of ancestors) {
      args.push("--perms", "0755", "--dir", folder);
      made.add(folder);
    }
    args.push(flag, path, path);
    made.add(path);
  };
  const system = (/** @type {string} */ path) => SYSTEM_PATHS.some((folder) => path.startsWith(`${folder}/`));
  for (const path of uniquePaths(view.readOnly)) if (!system(path)) bind("--ro-bind", path);
  for (const path of uniquePaths(view.readWrite ?? [])) bind("--bind", path);
  // The folders made on the way belong to the sandbox's user (unprivileged bubblewrap's tmpfs root is its own):
  // without this, its code could add files beside the workshop's as the view shows them. Its /tmp, /dev/shm and
  // the folders bound writable are mounts of their own, and stay writable.
  args.push("--remount-ro", "/");
  return args;
}

/** @param {View} view */
function environmentArgs(view) {
  const args = ["--clearenv"];
  for (const [name, value] of Object.entries(view.env)) args.push("--setenv", name, value);
  return args;
}

/**
 * Absolute, without duplicates, and without paths inside another listed one (which the outer bind shows
 * already).
 *
 * @param {string[]} paths
 */
function uniquePaths(paths) {
  const absolute = [...new Set(paths.map((path) => resolve(path)))].sort();
  return absolute.filter((path) => !absolute.some((other) => other !== path && path.startsWith(`${other}/`)));
}

/** @param {string} path */
function readLink(path) {
  const target = realpathSync(path);
  // /lib -> usr/lib: kept relative, as the system has it.
  return target.startsWith("/") ? target.slice(1) : target;
}

/** Above the ids systems give their accounts, and below 2^31, which some tools take for negative. */
const FIRST_FREE_ID = 100_000_000;
const LAST_FREE_ID = 2 ** 31 - 2;

/** One of some two billion ids that no account holds: two sandboxes side by side drawing the same is no risk. */
export function unprivilegedId() {
  return randomInt(FIRST_FREE_ID, LAST_FREE_ID);
}

/** Why a sandbox cannot be made on this machine, in words; undefined when one can. Checked once. */
let support = /** @type {{ problem?: string } | undefined} */ (undefined);

/** @returns {string | undefined} */
export function sandboxProblem() {
  support ??= { ...probe() };
  return support.problem;
}

/** @returns {{ problem?: string }} */
function probe() {
  if (process.platform !== "linux") {
    return { problem: `graded runs need Linux's user namespaces, and this is ${process.platform}` };
  }
  const root = process.getuid?.() === 0;
  for (const program of ["bwrap", "prlimit", ...(root ? ["setpriv"] : [])]) {
    const found = spawnSync(program, ["--version"], { stdio: "ignore" });
    if (found.error) {
      const what = program === "bwrap" ? "bubblewrap (bwrap)" : `${program} (util-linux)`;
      return { problem: `${what} is not installed` };
    }
  }
  const view = /** @type {View} */ ({ readOnly: [], proc: "own", tmpBytes: 1 << 20, cwd: "/", env: {} });
  const { file, args } = sandboxCommand(["true"], view, { root });
  const tried = spawnSync(file, args, { encoding: "utf8", timeout: 10_000 });
  if (tried.status !== 0) {
    const said = (tried.stderr || tried.error?.message || `exit code ${tried.status}`).trim();
    return { problem: `bubblewrap could not make a sandbox here (${said})` };
  }
  return {};
}

/**
 * Spawn options for a sandbox's command line: the caller's stdio, and nothing else of the caller (the
 * environment is the view's, given on the command line).
 *
 * @param {SpawnOptions["stdio"]} stdio
 * @returns {SpawnOptions}
 */
export function sandboxSpawnOptions(stdio) {
  return { stdio, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } };
}
