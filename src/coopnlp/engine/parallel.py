"""Run the pipeline in a pool of worker processes, output in input order.

The parent reads, cleans and settles documents (duplicates need the whole
stream in order); workers run the pipeline and build the records of whole
batches, so the parent is left with little more than writing. Workers are
forked from the parent, so the pipeline it loaded is shared, not reloaded.
At most a few batches per worker are in flight: memory stays flat.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.language import Language

from coopnlp.engine.stream import Prepared, Tables, needs_pipeline, process, settle, settled_tables

# Batches in flight per worker: enough to keep it busy while the parent writes.
IN_FLIGHT = 3
# The pipeline of the forked workers, set by the parent before forking.
_NLP: Language | None = None


def units(prepared: Iterable[Prepared], batch_size: int) -> Iterator[Prepared | list[Prepared]]:
    """Settled documents one by one, those that need the pipeline in batches,
    in input order (a settled document ends the batch before it)."""
    batch: list[Prepared] = []
    for p in prepared:
        if needs_pipeline(p):
            batch.append(p)
            if len(batch) < batch_size:
                continue
        elif batch:
            yield batch
            batch = []
            yield p
        else:
            yield p
        if batch:
            yield batch
            batch = []
    if batch:
        yield batch


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed exits instead of waiting forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _work(batch: list[Prepared], batch_size: int) -> list[Tables]:
    assert _NLP is not None
    return list(process(_NLP, batch, batch_size))


def parallel_process(
    nlp: Language,
    prepared: Iterable[Prepared],
    batch_size: int,
    n_process: int,
    carry: Callable[[str], Tables] | None = None,
) -> Iterator[Tables]:
    """Like `process` (same rows, same order), with `n_process` worker processes."""
    global _NLP
    _NLP = nlp
    queue: deque[Tables | Future[list[Tables]]] = deque()
    in_flight = 0

    def drain_one() -> Iterator[Tables]:
        """Rows up to and including the oldest batch in flight."""
        nonlocal in_flight
        while queue:
            item = queue.popleft()
            if isinstance(item, Future):
                in_flight -= 1
                yield from item.result()
                return
            yield item

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        n_process, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        for unit in units(settle(prepared, nlp.max_length), batch_size):
            if isinstance(unit, list):
                queue.append(pool.submit(_work, unit, batch_size))
                in_flight += 1
            else:
                queue.append(settled_tables(unit, carry))
            if in_flight >= IN_FLIGHT * n_process:
                yield from drain_one()
        while queue:
            yield from drain_one()
