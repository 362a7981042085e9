"""End-to-end throughput of the extractor service beside bare trafilatura on the same pages and machine.

Usage: .venv/bin/python bench/throughput.py [--pages 257] [--batch 8] [--in-flight 4] [--low-load 15] [--profile]

Starts the stack as `make run` does (migrate, then scripts/serve.py: gunicorn + Celery worker + beat) on
DATABASE_URL / REDIS_URL when they are set (else the embedded SQLite file and filesystem broker), creates a fresh
tenant, and then:

1. saturation: submits N article pages of ../shared/data/webpages-dev through `POST /v1/extractor/extractions/bulk`
   (`--batch` items per request, `--in-flight` requests at once) and stops the clock when the last job is terminal;
2. low load, one request at a time: cache-miss `POST /v1/extractor/extractions` of pages near 100 KB (client-side
   latency) and the time from each 202 to `done`; the same for a job that does (almost) nothing — a two-line `text`
   extraction — which is the queueing overhead on its own;
3. the worker pool processes' RSS before the saturation run and after everything;
4. bare `trafilatura.extract` (default settings) on the same pages with one process per core, before and after the
   service run (the machine may be shared: the ratio taken in the same run is what counts).

`--profile` skips all that and, in process (no Celery, no HTTP), prints the CPU time and database queries per item
of the request path (the bulk view) and of the worker (`extraction_run`), for a job that does nothing and for the
pages, then cProfile tops of both on the pages, timed by CPU time (a shared machine's waits do not count).

Every page carries a per-run comment so that nothing is served from an earlier run's memo or cache. Page `url`s are
not sent: the SSRF guard would resolve each page's host over the network, which measures DNS, not this service.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import cProfile
import gzip
import io
import json
import multiprocessing
import os
import pstats
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.serve import worker_concurrency  # noqa: E402 - the repository's root is on the path only now

DATA = ROOT.parent / "shared" / "data" / "webpages-dev" / "dev"
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- pages ---------------------------------------------------------------------------------------


def load_pages(limit: int) -> list[str]:
    """The first `limit` article pages of webpages-dev (by file name), decoded as UTF-8."""
    pages = []
    for truth in sorted((DATA / "ground-truth").glob("*.json")):
        meta = json.loads(truth.read_text())
        if (meta.get("_internal") or {}).get("page_type", {}).get("primary") != "article":
            continue
        with gzip.open(DATA / "html" / f"{truth.stem}.html.gz") as handle:
            pages.append(handle.read().decode("utf-8", "replace"))
        if len(pages) >= limit:
            break
    return pages


def near_100kb(pages: list[str], count: int) -> list[str]:
    return sorted(pages, key=lambda p: abs(len(p.encode()) - 100_000))[:count]


# --- bare trafilatura, one process per core --------------------------------------------------------


def _traf_init():
    import trafilatura

    trafilatura.extract("<html><body><p>warm up</p></body></html>")


def _traf_one(html: str) -> float:
    import trafilatura

    started = time.process_time()
    trafilatura.extract(html)
    return time.process_time() - started


def trafilatura_reference(pages: list[str]) -> tuple[float, float]:
    """(pages/s, CPU seconds per page) of trafilatura.extract over the pages, one process per core (workers started
    and warm before the clock)."""
    # Fresh interpreters, not forks of this threaded process (a fork can inherit a lock another thread held and
    # hang), and an executor that raises on a worker's death where multiprocessing.Pool would wait forever.
    workers = os.cpu_count()
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_traf_init) as pool:
        list(pool.map(_traf_one, pages[:workers]))
        started = time.perf_counter()
        cpu = sum(pool.map(_traf_one, pages, chunksize=2))
        return len(pages) / (time.perf_counter() - started), cpu / len(pages)


# --- processes of the stack ------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for child in _children(pid):
        pids += _tree(child)
    return pids


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """utime + stime of the process and of its children that have been waited for."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / CLK_TCK


class Stack:
    """scripts/serve.py (as `make run` starts it) on a free port, its output in var/bench-throughput-stack.log."""

    def __init__(self, env: dict, web: int, workers: int):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        (ROOT / "var").mkdir(exist_ok=True)
        self.log = open(ROOT / "var" / "bench-throughput-stack.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "serve.py")],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={
                **env,
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
                "WEB_CONCURRENCY": str(web),
                "WORKER_CONCURRENCY": str(workers),
            },
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_web(self, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/healthz", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise SystemExit("the web server did not come up; see var/bench-throughput-stack.log")

    def roots(self) -> dict[str, list[int]]:
        """serve.py's children by role: `web` (gunicorn), `worker` (Celery workers: the one that takes `extract`
        first), `beat`."""
        out: dict[str, list[int]] = {"web": [], "worker": [], "beat": []}
        for pid in _children(self.proc.pid):
            cmd = _cmdline(pid)
            if "gunicorn" in cmd:
                out["web"].append(pid)
            elif " worker " in cmd:
                out["worker"].insert(0 if "extract" in cmd else len(out["worker"]), pid)
            elif " beat " in cmd:
                out["beat"].append(pid)
        return out

    def cpu(self) -> dict[str, float]:
        """CPU seconds used so far by the web and worker process trees."""
        roots = self.roots()
        return {name: sum(_cpu_seconds(p) for root in roots[name] for p in _tree(root)) for name in ("web", "worker")}

    def worker_rss(self) -> list[float]:
        """RSS (MB) of each pool process of the worker that takes extractions."""
        workers = self.roots()["worker"]
        return [_rss_mb(p) for p in _children(workers[0])] if workers else []

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


# --- the service ---------------------------------------------------------------------------------


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    left = cancel_leftovers()
    if left:
        print(f"cancelled {left} jobs left queued by an interrupted earlier run", flush=True)


def cancel_leftovers() -> int:
    """Jobs of earlier runs still queued (a run that was interrupted) would be worked on during this one: cancel them
    (a compare-and-set on the bench's own tenants), so their messages find nothing to claim."""
    from django.utils import timezone

    from extractor.models import IN_FLIGHT, Extraction, Status

    return Extraction.objects.filter(tenant__name__startswith="bench-throughput", status__in=IN_FLIGHT).update(
        status=Status.CANCELLED,
        finished_at=timezone.now(),
        lease_token="",
        lease_expires_at=None,
        error_message="Left over by an interrupted benchmark run.",
    )


def fresh_tenant(tag: str) -> str:
    from billing import services as billing
    from billing.models import Plan

    plan = Plan.objects.filter(name="bench-throughput").first() or billing.plan_create(
        name="bench-throughput", requests_per_minute=10**7, max_body_bytes=64 * 1024 * 1024
    )
    created = billing.tenant_create(name=f"bench-throughput {tag}", plan=plan)
    TENANTS[created.issued.raw] = created.tenant.pk
    return created.issued.raw


TENANTS: dict[str, int] = {}


def tenant_rows(key: str):
    from extractor.models import Extraction

    return Extraction.objects.filter(tenant_id=TENANTS[key])


def wait_terminal(rows, ids: list[str], timeout: float, poll: float = 0.25) -> None:
    from extractor.models import TERMINAL

    deadline = time.time() + timeout
    while time.time() < deadline:  # a page that occurs twice is one job (the second a hit or the same job)
        if rows.filter(pk__in=ids, status__in=TERMINAL).count() == len(set(ids)):
            return
        time.sleep(poll)
    raise SystemExit(f"not every job was terminal after {timeout:.0f} s")


def saturate(stack: Stack, key: str, pages: list[str], tag: str, batch: int, in_flight: int, timeout: float) -> dict:
    from django.db.models import Max

    items = [{"type": "article", "content": f"{page}\n<!-- bench {tag} {i} -->"} for i, page in enumerate(pages)]
    bodies = [json.dumps({"items": items[i : i + batch]}).encode() for i in range(0, len(items), batch)]
    headers = {"x-api-key": key, "content-type": "application/json"}
    ids: list[str] = []
    codes: dict[str, int] = {}

    def post(body: bytes):
        response = requests.post(stack.base + "/v1/extractor/extractions/bulk", data=body, headers=headers, timeout=600)
        response.raise_for_status()
        return response.json()["data"]

    rows = tenant_rows(key)
    cpu_before = stack.cpu()
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(in_flight) as pool:
        for result in pool.map(post, bodies):
            for item in result:
                codes[item["code"]] = codes.get(item["code"], 0) + 1
                if "data" in item:
                    ids.append(item["data"]["id"])
    submitted = time.time() - started
    wait_terminal(rows, ids, timeout)
    last = rows.filter(pk__in=ids).aggregate(last=Max("finished_at"))["last"].timestamp()
    cpu_after = stack.cpu()
    cpu = {name: cpu_after[name] - cpu_before.get(name, 0.0) for name in cpu_after}
    statuses: dict[str, int] = {}
    for status in rows.filter(pk__in=ids).values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    elapsed = last - started
    return {
        "pages_per_s": len(pages) / elapsed,
        "jobs": len(set(ids)),
        "elapsed": elapsed,
        "submitted_in": submitted,
        "codes": codes,
        "statuses": statuses,
        "cpu_per_page_ms": {name: value / len(pages) * 1000 for name, value in cpu.items()},
    }


def low_load(stack: Stack, key: str, contents: list[tuple[str, str]]) -> dict:
    """One request at a time: client-side POST latency and 202 → done, per submitted content."""
    from extractor.models import TERMINAL

    rows = tenant_rows(key)
    headers = {"x-api-key": key, "content-type": "application/json"}
    session = requests.Session()
    post_ms, done_ms, statuses, server = [], [], {}, {"totalMs": [], "dbMs": [], "externalMs": []}
    for fmt, content in contents:
        body = json.dumps({"type": "article", "format": fmt, "content": content}).encode()
        started = time.time()
        response = session.post(stack.base + "/v1/extractor/extractions", data=body, headers=headers, timeout=60)
        answered = time.time()
        assert response.status_code == 202, response.text[:500]
        post_ms.append((answered - started) * 1000)
        answer = response.json()
        for name, values in server.items():
            values.append(answer["timing"][name])
        pk = answer["data"]["id"]
        deadline = answered + 60
        while time.time() < deadline:
            row = rows.filter(pk=pk, status__in=TERMINAL).values_list("status", "finished_at").first()
            if row:
                statuses[row[0]] = statuses.get(row[0], 0) + 1
                done_ms.append((row[1].timestamp() - answered) * 1000)
                break
            time.sleep(0.005)
        time.sleep(0.2)
    return {
        "post_p50": statistics.median(post_ms),
        "done_p50": statistics.median(done_ms) if done_ms else float("nan"),
        "post_max": max(post_ms),
        "done_max": max(done_ms) if done_ms else float("nan"),
        "statuses": statuses,
        "server": {name: statistics.median(values) for name, values in server.items()},
    }


def memory_soak(stack: Stack, pages: list[str], jobs: int, tag: str, batch: int, in_flight: int) -> list[tuple]:
    """Submit `jobs` extractions (the pages over and over, each copy made unique) and sample the worker pool's RSS
    every tenth of the way: [(jobs terminal, [RSS MB per pool process])]."""
    from extractor.models import TERMINAL

    key = fresh_tenant(f"{tag} memory")
    rows = tenant_rows(key)
    headers = {"x-api-key": key, "content-type": "application/json"}
    samples = [(0, stack.worker_rss())]
    step = max(1, jobs // 10)
    pending = list(range(jobs))

    def post(chunk: list[int]):
        # visible text after the page's end: it lands in the body, so every copy is a new job, not a cache hit
        items = [
            {"type": "article", "content": f"{pages[i % len(pages)]}\n<p>memory {tag} copy {i}</p>"} for i in chunk
        ]
        requests.post(
            stack.base + "/v1/extractor/extractions/bulk",
            data=json.dumps({"items": items}).encode(),
            headers=headers,
            timeout=600,
        ).raise_for_status()

    with concurrent.futures.ThreadPoolExecutor(in_flight) as pool:
        futures = [pool.submit(post, pending[i : i + batch]) for i in range(0, jobs, batch)]
        done = 0
        while done < jobs:
            time.sleep(1)
            done = rows.filter(status__in=TERMINAL).count()
            if done >= samples[-1][0] + step or done >= jobs:
                samples.append((done, stack.worker_rss()))
                print(
                    f"  {done} jobs terminal: worker RSS {', '.join(f'{r:.0f}' for r in samples[-1][1])} MB", flush=True
                )
        for future in futures:
            future.result()
    return samples


# --- profile ---------------------------------------------------------------------------------------


def _top(profile: cProfile.Profile, title: str, count: int = 14) -> None:
    """The costliest functions by own time, and this project's functions (plus the parsers and sanitisers it calls)
    by cumulative time, without the middleware and dispatch frames that only wrap them."""
    for order, pattern in (
        ("tottime", ()),
        (
            "cumulative",
            ("extractor/", "config/", "billing/", "bleach/", "json/", "trafilatura/core", "storage", "kombu/messaging"),
        ),
    ):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats(order)
        if pattern:
            stats.print_stats("|".join(p.replace("/", "/") for p in pattern), count)
        else:
            stats.print_stats(count)
        text = out.getvalue()
        print(f"\n### {title} — top {count} by {order}\n")
        print(
            text[text.find("   ncalls") :]
            .rstrip()
            .replace(str(ROOT) + "/", "")
            .replace(str(ROOT / ".venv" / "lib" / "python3.11" / "site-packages") + "/", "")
        )


def _in_process(client, items: list[dict], batch: int, profiles: dict | None = None) -> dict:
    """Submit `items` through the bulk view, then run each job's `extraction_run`, in this process: CPU time, wall
    time and database queries per item on each side (with `profiles`, each side under its cProfile)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from extractor import services

    bodies = [json.dumps({"items": items[i : i + batch]}) for i in range(0, len(items), batch)]
    ids: list[str] = []
    out = {}
    for side in ("web", "worker"):
        profiler = (profiles or {}).get(side)
        with CaptureQueriesContext(connection) as queries:
            cpu, wall = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            if side == "web":
                for body in bodies:
                    response = client.post("/v1/extractor/extractions/bulk", body, content_type="application/json")
                    ids += [item["data"]["id"] for item in response.json()["data"]]
            else:
                for pk in ids:
                    services.extraction_run(pk)
            if profiler:
                profiler.disable()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        out[side] = {
            "cpu_ms": cpu / len(items) * 1000,
            "wall_ms": wall / len(items) * 1000,
            "queries": len(queries.captured_queries) / len(items),
        }
    return out


def profile(pages: list[str], tag: str, batch: int) -> None:
    """CPU per item and queries per item, in process and without a profiler, for a job that does nothing and for
    the pages; then cProfile tops (CPU-time clock: the machine may be shared) of both sides on the pages."""
    from rest_framework.test import APIClient

    client = APIClient()

    def tenant(label: str) -> APIClient:
        """Each round its own tenant: the cache is per tenant (the pages' per-run comments are sanitised away)."""
        client.credentials(HTTP_X_API_KEY=fresh_tenant(f"profile {label} {tag}"))
        return client

    def noop(label: str, count: int) -> list[dict]:
        return [
            {"type": "article", "format": "text", "content": f"{label} {tag} {i}\n\nNothing."} for i in range(count)
        ]

    def html(label: str) -> list[dict]:
        return [{"type": "article", "content": f"{page}\n<!-- {label} {tag} {i} -->"} for i, page in enumerate(pages)]

    from extractor.pipeline import warm_up

    warm_up()  # as the Celery worker does before its pool forks: jusText's stop-lists are not a page's cost
    _in_process(tenant("warm"), noop("warm", 16) + html("warm")[:4], batch)  # imports, caches, connections
    rows = {"job that does nothing (two-line text)": _in_process(tenant("noop"), noop("noop", 100), batch)}
    rows[f"{len(pages)} article pages"] = _in_process(tenant("plain"), html("plain"), batch)
    print("| in process, no profiler | web CPU per item | web queries | worker CPU per job | worker queries |")
    print("|---|---:|---:|---:|---:|")
    for label, row in rows.items():
        print(
            f"| {label} | {row['web']['cpu_ms']:.1f} ms | {row['web']['queries']:.1f} | "
            f"{row['worker']['cpu_ms']:.1f} ms | {row['worker']['queries']:.1f} |"
        )
    profiles = {"web": cProfile.Profile(time.process_time), "worker": cProfile.Profile(time.process_time)}
    _in_process(tenant("profiled"), html("profile"), batch, profiles)
    _top(profiles["web"], "request path (bulk POST, in process, CPU time)")
    _top(profiles["worker"], "worker (extraction_run, CPU time)")


# --- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=257)
    parser.add_argument("--batch", type=int, default=8, help="items per bulk request")
    parser.add_argument("--in-flight", type=int, default=4, help="bulk requests in flight")
    parser.add_argument("--web", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--workers", type=int, default=worker_concurrency(), help="Celery pool processes (as make run)")
    parser.add_argument("--low-load", type=int, default=15, help="single submissions for the low-load latencies")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--profile", action="store_true", help="print cProfile tops of request path and worker instead")
    parser.add_argument(
        "--memory",
        type=int,
        default=0,
        metavar="JOBS",
        help="instead: run JOBS extractions and print the worker pool's RSS every tenth of the way",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the stack is stopped on the way out
    if not (DATA / "html").is_dir():
        print(
            f"../shared/data/webpages-dev is absent (looked for {DATA}): this benchmark needs the WCXB pages there; "
            "nothing was measured.",
            file=sys.stderr,
        )
        return 2
    pages = load_pages(args.pages)
    tag = f"{os.getpid()}-{int(time.time())}"
    setup_django()
    if args.profile:
        profile(pages, tag, args.batch)
        return 0

    if args.memory:
        from django.db import connection

        connection.close()
        stack = Stack({**os.environ, "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING")}, args.web, args.workers)
        try:
            stack.wait_web()
            memory_soak(stack, pages, args.memory, tag, args.batch, args.in_flight)
        finally:
            stack.stop()
        return 0

    mean_kb = sum(len(p.encode()) for p in pages) / len(pages) / 1000
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    reference_before, traf_cpu_before = trafilatura_reference(pages)
    from django.db import connection

    connection.close()
    env = {**os.environ, "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING")}
    stack = Stack(env, args.web, args.workers)
    try:
        stack.wait_web()
        # each phase has its own tenant: the cache is per tenant, and every phase must miss it
        # warm-up: every worker process imports the pipeline before the clock starts
        warm = low_load(
            stack,
            fresh_tenant(f"{tag} warm-up"),
            [("html", f"{p}\n<!-- warm {tag} {i} -->") for i, p in enumerate(pages[:4])],
        )
        rss_before = stack.worker_rss()
        sat = saturate(stack, fresh_tenant(tag), pages, tag, args.batch, args.in_flight, args.timeout)
        near = near_100kb(pages, args.low_load)
        low = low_load(
            stack,
            fresh_tenant(f"{tag} low load"),
            [("html", f"{p}\n<!-- low {tag} {i} -->") for i, p in enumerate(near)],
        )
        noop = low_load(
            stack,
            fresh_tenant(f"{tag} noop"),
            [("text", f"Noop {tag} {i}\n\nNothing to extract.") for i in range(args.low_load)],
        )
        rss_after = stack.worker_rss()
    finally:
        stack.stop()
    reference_after, traf_cpu_after = trafilatura_reference(pages)
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    reference = (reference_before + reference_after) / 2
    traf_cpu_ms = (traf_cpu_before + traf_cpu_after) / 2 * 1000
    service_cpu_ms = sum(sat["cpu_per_page_ms"].values())
    near_kb = sum(len(p.encode()) for p in near) / len(near) / 1000
    del warm

    print(
        f"\n{len(pages)} article pages of webpages-dev ({mean_kb:.0f} KB on average); bulk requests of {args.batch} items, "
        f"{args.in_flight} in flight; gunicorn {args.web} workers, Celery {args.workers} worker processes, "
        f"{os.cpu_count()} cores; database {os.environ.get('DATABASE_URL', 'sqlite (embedded)').rsplit('@', 1)[-1]}, "
        f"broker {'Redis' if os.environ.get('REDIS_URL') else 'filesystem (embedded)'}; "
        f"load average before {' '.join(load_before)}, after {' '.join(load_after)}\n"
    )
    print("| | pages/s | CPU per page |")
    print("|---|---|---|")
    print(
        f"| the service, end to end | {sat['pages_per_s']:.1f} | {service_cpu_ms:.0f} ms (web "
        f"{sat['cpu_per_page_ms'].get('web', 0):.0f} + worker {sat['cpu_per_page_ms'].get('worker', 0):.0f}; "
        "PostgreSQL, Redis and this client not counted) |"
    )
    print(
        f"| bare `trafilatura.extract`, {os.cpu_count()} processes | {reference:.1f} "
        f"(before {reference_before:.1f}, after {reference_after:.1f}) | {traf_cpu_ms:.0f} ms |"
    )
    print(
        f"| ratio | **{sat['pages_per_s'] / reference:.2f}×** (target ≥ 0.5×) | {traf_cpu_ms / service_cpu_ms:.2f}× |"
    )
    print(
        f"\nsaturation: {sat['elapsed']:.1f} s until the last job was terminal (submission took {sat['submitted_in']:.1f} s); "
        f"answers {sat['codes']}; final statuses {sat['statuses']}"
    )
    print(f"\nlow load, one request at a time ({len(near)} pages, {near_kb:.0f} KB on average):")
    print(
        f"  cache-miss POST p50 {low['post_p50']:.0f} ms (max {low['post_max']:.0f}; target ≤ 50 ms); server-side "
        f"p50 total {low['server']['totalMs']:.0f} ms, of which database {low['server']['dbMs']:.0f} ms, "
        f"storage + broker {low['server']['externalMs']:.0f} ms"
    )
    print(
        f"  202 → done p50 {low['done_p50']:.0f} ms (max {low['done_max']:.0f}; target ≤ 500 ms); statuses {low['statuses']}"
    )
    print(
        f"  job that does nothing (two-line text): POST p50 {noop['post_p50']:.0f} ms, 202 → done p50 "
        f"{noop['done_p50']:.0f} ms (queueing overhead)"
    )
    print(
        f"\nworker pool RSS (MB per process): before {', '.join(f'{r:.0f}' for r in rss_before)}; "
        f"after {', '.join(f'{r:.0f}' for r in rss_after)}"
    )
    ok = sat["statuses"].get("done", 0) == sat["jobs"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
