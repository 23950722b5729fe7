"""Coding beyond one machine: input partitions coded on a Dask cluster into Parquet, then loaded."""

from .partitions import Partition, PartitionResult, code_partition, finished, input_partitions

__all__ = ["Partition", "PartitionResult", "code_partition", "finished", "input_partitions"]
