"""Run the pipeline in a pool of worker processes, output in input order.

The parent reads, cleans and settles documents (duplicates need the whole
stream in order); workers run the pipeline and build the records of whole
batches, so the parent is left with little more than writing. Workers are
forked from the parent, so the pipeline it loaded is shared, not reloaded.
At most a few batches per worker are in flight: memory stays flat. A worker
that dies (killed, out of memory) costs only the documents that kill it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from spacy.language import Language

from coopnlp.engine.stream import (
    Prepared,
    Tables,
    failed_tables,
    needs_pipeline,
    process,
    settle,
    settled_tables,
)

# Batches in flight per worker: enough to keep it busy while the parent writes.
IN_FLIGHT = 3
# The error of a document whose worker died with it, even when it ran alone.
WORKER_DIED = "worker process died (killed, or out of memory)"
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


def _new_pool(n_process: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        n_process,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


def _in_a_fresh_process(batch: list[Prepared], batch_size: int) -> list[Tables]:
    with _new_pool(1) as pool:
        return pool.submit(_work, batch, batch_size).result()


def _rerun_alone(batch: list[Prepared], batch_size: int) -> list[Tables]:
    """A batch whose worker died (killed, out of memory), rerun in a process of its
    own; when that dies too, each document in its own, and one that kills even
    that gets an error row: a dead worker costs only the documents it held."""
    if len(batch) > 1:
        try:
            return _in_a_fresh_process(batch, batch_size)
        except BrokenProcessPool:
            pass
    out: list[Tables] = []
    for p in batch:
        try:
            out.extend(_in_a_fresh_process([p], batch_size))
        except BrokenProcessPool:
            out.append(failed_tables(p, WORKER_DIED))
    return out


class _Pool:
    """The worker pool; a worker that dies breaks it, and a new one takes over."""

    def __init__(self, n_process: int) -> None:
        self.n_process = n_process
        self.executor = _new_pool(n_process)

    def submit(self, batch: list[Prepared], batch_size: int) -> _InFlight:
        try:
            future = self.executor.submit(_work, batch, batch_size)
        except BrokenProcessPool:
            self.replace(self.executor)
            future = self.executor.submit(_work, batch, batch_size)
        return _InFlight(future, batch, self.executor)

    def replace(self, broken: ProcessPoolExecutor) -> None:
        if broken is self.executor:
            broken.shutdown(wait=False, cancel_futures=True)
            self.executor = _new_pool(self.n_process)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


@dataclass
class _InFlight:
    future: Future[list[Tables]]
    batch: list[Prepared]
    executor: ProcessPoolExecutor


def parallel_process(
    nlp: Language,
    prepared: Iterable[Prepared],
    batch_size: int,
    n_process: int,
    carry: Callable[[str], Tables] | None = None,
) -> Iterator[Tables]:
    """Like `process` (same rows, same order), with `n_process` worker processes.

    Rows leave in input order as soon as they can; at most `IN_FLIGHT` batches per
    worker are in flight, and at most as many documents' rows wait behind them
    (settled or carried ones), so memory stays flat whatever the mix of inputs.
    """
    global _NLP
    _NLP = nlp
    max_in_flight = IN_FLIGHT * n_process
    max_waiting = max_in_flight * batch_size
    queue: deque[Tables | _InFlight] = deque()
    in_flight = 0
    pool = _Pool(n_process)

    def ready(wait: bool) -> Iterator[Tables]:
        """The rows at the head of the queue that may go now (all of them if `wait`)."""
        nonlocal in_flight
        while queue:
            head = queue[0]
            if isinstance(head, _InFlight):
                full = in_flight >= max_in_flight or len(queue) >= max_waiting
                if not (wait or full or head.future.done()):
                    return
                queue.popleft()
                in_flight -= 1
                try:
                    yield from head.future.result()
                except BrokenProcessPool:
                    pool.replace(head.executor)
                    yield from _rerun_alone(head.batch, batch_size)
            else:
                yield queue.popleft()

    try:
        for unit in units(settle(prepared, nlp.max_length), batch_size):
            if isinstance(unit, list):
                queue.append(pool.submit(unit, batch_size))
                in_flight += 1
            else:
                queue.append(settled_tables(unit, carry))
            yield from ready(wait=False)
        yield from ready(wait=True)
    finally:
        pool.close()
