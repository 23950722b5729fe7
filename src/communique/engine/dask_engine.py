"""Run partitions on Dask: a scheduler address for a cluster, else a local cluster of processes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from .partitions import Partition, PartitionResult, code_partition, finished, input_partitions


LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                       "distributed.admin.system-monitor.gil.enabled": False}


def code_on_dask(config: dict[str, Any], paths: Sequence[str | Path], outdir: str | Path, *,
                 scheduler: str | None = None, workers: int = 2,
                 on_skip: Callable[[Partition], None] | None = None) -> Iterator[PartitionResult]:
    """Code every unfinished partition of ``paths`` into ``outdir``; yield results as they finish.

    Finished partitions (their events file exists) are skipped, so an interrupted run resumes.
    Each Dask worker keeps one thread and loads the pipeline once.
    """
    from dask.distributed import Client, LocalCluster, as_completed

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
    # The worker's statistical profiler samples the running task's stack every 10 ms, and its GIL
    # monitor takes the interpreter lock every millisecond: on the deep, pure-Python stacks of
    # coding both cost much of the work. Local workers start without them (workers of a cluster
    # take their own configuration: see LOCAL_WORKER_CONFIG).
    import dask

    with dask.config.set(LOCAL_WORKER_CONFIG):
        cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                      dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            futures = [client.submit(code_partition, config, p, str(outdir), key=f"code-{p.name}", pure=False)
                       for p in todo]
            for future in as_completed(futures):
                yield future.result()
    finally:
        if cluster is not None:
            cluster.close()
