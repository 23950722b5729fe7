"""Run partitions on Dask: a scheduler address for a cluster, else a local cluster of processes."""

from __future__ import annotations

import logging
import multiprocessing
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .partitions import Partition, PartitionResult, code_partition, finished, input_partitions, shared_coder

# The worker's statistical profiler samples the running task's stack every 10 ms, and its GIL
# monitor takes the interpreter lock every millisecond: on the deep, pure-Python stacks of coding
# both cost much of the work. Dask also starts workers with MALLOC_TRIM_THRESHOLD_=65536, which
# fixes glibc's mmap threshold at 128 KiB: every larger array of the parser is then mapped and
# unmapped again, about seven times the page faults of a plain process. Local workers start
# without all three (workers of a cluster take their own configuration).
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                       "distributed.admin.system-monitor.gil.enabled": False,
                       "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


def code_on_dask(config: dict[str, Any], paths: Sequence[str | Path], outdir: str | Path, *,
                 scheduler: str | None = None, workers: int = 2, coder: Any = None,
                 on_skip: Callable[[Partition], None] | None = None) -> Iterator[PartitionResult]:
    """Code every unfinished partition of ``paths`` into ``outdir``; yield results as they finish.

    Finished partitions (their events file exists) are skipped, so an interrupted run resumes.
    Each Dask worker keeps one thread and loads the pipeline once; the workers of a local cluster
    share the pipeline of this process (``coder`` if given and loaded for ``config``).
    """
    from dask.distributed import Client, as_completed

    logging.getLogger("distributed.nanny").setLevel(logging.ERROR)  # slow worker exits are not news
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    todo = []
    for partition in input_partitions(paths):
        if finished(outdir, partition.name):
            if on_skip:
                on_skip(partition)
        else:
            todo.append(partition)
    if not todo:
        return
    cluster = None if scheduler else local_cluster(config, workers, coder)
    try:
        with Client(scheduler or cluster) as client:
            futures = [client.submit(code_partition, config, p, str(outdir), key=f"code-{p.name}", pure=False)
                       for p in todo]
            for future in as_completed(futures):
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()


def local_cluster(config: dict[str, Any], workers: int, coder: Any = None) -> Any:
    """A cluster of ``workers`` one-thread processes on this machine.

    Where the platform forks, the pipeline is loaded here first and the workers are forked from
    this process, so they share it (copy-on-write), as the process pool's workers do, instead of
    each starting an interpreter and loading its own.
    """
    import dask
    from dask.distributed import LocalCluster

    settings: dict[str, Any] = dict(LOCAL_WORKER_CONFIG)
    forking = "fork" in multiprocessing.get_all_start_methods()
    if forking:
        settings["distributed.worker.multiprocessing-method"] = "fork"
    with shared_coder(config, coder) if forking else nullcontext(), dask.config.set(settings):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
