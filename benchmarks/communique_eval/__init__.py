"""Measuring Communique against the reference data beside the repository (``../shared``).

Not part of the product package: readers of the reference datasets (:mod:`.datasets`), the
accuracy measures behind ``benchmarks/accuracy.py`` and the regression gate (:mod:`.measures`), the
actor measures behind ``benchmarks/actors.py`` (:mod:`.actors`) and the trainer of the shipped sentence classifier (:mod:`.training`). Scripts in ``benchmarks/``
import it by name; the tests find it through pytest's ``pythonpath``.
"""
