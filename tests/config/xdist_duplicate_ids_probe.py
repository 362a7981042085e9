"""Not collected by the suite: a plugin (`-p tests.config.xdist_duplicate_ids_probe`) that gives the collected tests one
node id, as schemathesis' per-operation tests had, for `test_xdist_env.py`'s run of its own."""

from __future__ import annotations

from _pytest.nodeid import NodeId


def pytest_collection_modifyitems(config, items):
    for item in items[1:]:
        item._id = NodeId.parse(items[0].nodeid)


def test_one():
    pass


def test_two():
    pass


def test_three():
    pass
