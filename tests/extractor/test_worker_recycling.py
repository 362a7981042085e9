"""Worker memory stays flat: a pool process is replaced after CELERY_WORKER_MAX_TASKS_PER_CHILD tasks or after a task
that leaves it above CELERY_WORKER_MAX_MEMORY_PER_CHILD, between tasks, so no job is lost or done twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.celery import app
from extractor.models import Extraction, Status
from tests.workers import wait_for

URL = "/v1/extractor/extractions"


def _pool(pid: int) -> set[int]:
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= {int(c) for c in (task / "children").read_text().split()}
    return children


def test_the_settings_reach_celery():
    assert app.conf.worker_max_tasks_per_child == 1000
    assert app.conf.worker_max_memory_per_child == 1_000_000


@pytest.mark.parametrize(
    "env",
    [{"CELERY_WORKER_MAX_TASKS_PER_CHILD": "2"}, {"CELERY_WORKER_MAX_MEMORY_PER_CHILD": "1"}],
    ids=["tasks", "memory"],
)
def test_pool_processes_are_replaced_and_every_job_is_done_once(xkey, start_worker, env):
    worker = start_worker("recycle", **env)
    first = wait_for(lambda: _pool(worker.proc.pid))
    ids = []
    for n in range(5):
        content = f"<html><body><article><h1>Story {n}</h1><p>Body text number {n}.</p></article></body></html>"
        response = xkey.post(URL, {"type": "article", "content": content}, format="json")
        assert response.status_code == 202, response.content
        ids.append(response.json()["data"]["id"])
    wait_for(lambda: Extraction.objects.filter(pk__in=ids, status=Status.DONE).count() == 5, timeout=60)
    assert list(Extraction.objects.filter(pk__in=ids).values_list("attempts", flat=True)) == [1] * 5
    assert wait_for(lambda: _pool(worker.proc.pid) - first)  # a new pool process took over


def test_the_worker_loads_the_pipelines_lazy_parts_before_its_pool_forks():
    """worker_init (the main process, before the pool starts) loads jusText's stop-lists that trafilatura's fallback
    would otherwise load in each pool process on first use."""
    from celery import signals
    from justext.core import define_stoplist
    from trafilatura import external

    from config.celery import _warm_pipeline

    assert _warm_pipeline in signals.worker_init._live_receivers(None)
    _warm_pipeline()
    assert external.JT_STOPLIST
    hits = define_stoplist.cache_info().hits
    define_stoplist(external.JT_STOPLIST)  # what jusText calls with trafilatura's stop-list: already built
    assert define_stoplist.cache_info().hits == hits + 1
