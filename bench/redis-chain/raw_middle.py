# The raw BullMQ baseline's middle hop, written with the `bullmq` package from PyPI as a user would: a Worker on
# `chain.middle` that does what the chain's Python step does (pass the data on) by adding a job to `chain.done`.
# Job options as bench/redis-chain/job-options.ts.
#   bench/.venv-bullmq/bin/python bench/redis-chain/raw_middle.py <redis-url> <concurrency>
import asyncio
import signal
import sys

from bullmq import Queue, Worker

JOB_OPTIONS = {"attempts": 4, "backoff": {"type": "exponential", "delay": 1000}, "removeOnComplete": True, "removeOnFail": 1000}


async def main() -> None:
    url, concurrency = sys.argv[1], int(sys.argv[2])
    done = Queue("chain.done", {"connection": url, "defaultJobOptions": JOB_OPTIONS})

    async def process(job, token):
        await done.add("chain", job.data)

    worker = Worker("chain.middle", process, {"connection": url, "concurrency": concurrency})
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("raw-middle ready", flush=True)
    await stop.wait()
    await worker.close()
    await done.close()


asyncio.run(main())
