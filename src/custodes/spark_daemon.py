"""PySpark's worker daemon, with custodes' extraction imported and its English parser loaded
before the daemon forks its Python workers (``spark.python.daemon.module``, set by
``custodes.spark`` in local mode): every worker starts with the model in memory, shared
copy-on-write, rather than each loading its own. Run by Spark as ``python -m``; it must print
nothing on standard output, where the daemon tells Spark its port."""

from __future__ import annotations

from custodes.spark import _models

_models()

if __name__ == "__main__":
    from pyspark.daemon import manager

    manager()
