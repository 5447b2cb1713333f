"""Per-task overhead of asyncio.to_thread, for `pnpm bench` to set beside the workshop's pool.

The same experiment as the lesson's efficiency study, without Numba: a fixed amount of work split into more
and more tasks, each run with asyncio.to_thread and gathered. The work is a tiny pure-Python loop, so the time
is the work (the same in every row) plus the cost of each task; the slope of the least-squares line of time
against the number of tasks is that cost.

Usage: python3 to_thread_overhead.py '{"total": 65536, "njobs": [256, 1024], "repeats": 5}'
Prints one JSON object: the seconds of every row of every run, and each run's slope.
"""

import asyncio
import json
import platform
import sys
import time


def work(iterations):
    count = 0
    for _ in range(iterations):
        count += 1
    return count


async def split(total, njobs):
    per_task = total // njobs
    await asyncio.gather(*(asyncio.to_thread(work, per_task) for _ in range(njobs)))


def slope(xs, ys):
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    variance = sum((x - mean_x) ** 2 for x in xs)
    return covariance / variance


async def main(total, njobs, repeats):
    # Starts the default executor's threads, so the first timed row is not charged for them.
    await split(total, max(njobs))
    runs = []
    for _ in range(repeats):
        seconds = []
        for n in njobs:
            start = time.perf_counter()
            await split(total, n)
            seconds.append(time.perf_counter() - start)
        runs.append({"seconds": seconds, "slope": slope(njobs, seconds)})
    return runs


if __name__ == "__main__":
    config = json.loads(sys.argv[1])
    runs = asyncio.run(main(config["total"], config["njobs"], config["repeats"]))
    print(json.dumps({"python": platform.python_version(), "njobs": config["njobs"], "runs": runs}))
