"""The workflow registry: `POST /v1/{name}` finds here its input schema, its price and its Studio job.

A workflow is one module under `workflows/definitions/` that builds a `Workflow` and calls `register`;
adding one means writing that module and listing it in `DEFINITION_MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFINITION_MODULES = ("workflows.definitions.extract",)


@dataclass(frozen=True)
class Workflow:
    name: str
    title: str
    studio_job_type: str
    # (body, tenant_id, *, read_files=True) -> cleaned input; raises config.api.RequestInvalid with every bad field.
    # `read_files=False`: the stored files it names are not read (`pin_input` reads and checks each one once).
    clean_input: Callable[..., dict]
    # (cleaned input, output prefix) -> result {"items": [...]}; runs in the worker for the local
    # backend; raises workflows.studio.base.StudioJobFailed when the input cannot give a result.
    run_local: Callable[[dict, str], dict]
    # (cleaned input, output prefix) -> the input a remote Studio is handed: each photo it names read once, checked as
    # an upload is, and copied under the job's own prefix (a presigned form can replace the upload after our check and
    # before Studio reads it; nobody but us and Studio writes a job's prefix); raises StudioJobFailed.
    pin_input: Callable[[dict, str], dict] | None = None
    default_price: int = 1
    # A DRF serializer describing the body, for the OpenAPI document only (validation is `clean_input`).
    openapi_request: Any = None

    def price(self, plan) -> int:
        """Credits per dispatch, from the tenant's plan."""
        return plan.workflow_price(self.name, self.default_price)

    def timeout_seconds(self, cleaned_input: dict, default: int) -> int:
        runtime = cleaned_input.get("runtime_config") or {}
        return int(runtime.get("timeout_seconds") or default)

    def priority(self, cleaned_input: dict) -> int:
        runtime = cleaned_input.get("runtime_config") or {}
        return int(runtime.get("priority") or 0)


_REGISTRY: dict[str, Workflow] = {}
_loaded = False


def register(workflow: Workflow) -> Workflow:
    if workflow.name in _REGISTRY and _REGISTRY[workflow.name] is not workflow:
        raise ValueError(f"workflow {workflow.name!r} is registered twice")
    _REGISTRY[workflow.name] = workflow
    return workflow


def _load() -> None:
    global _loaded
    if not _loaded:
        for module in DEFINITION_MODULES:
            importlib.import_module(module)
        _loaded = True


def get_workflow(name: str) -> Workflow | None:
    _load()
    return _REGISTRY.get(name)


def all_workflows() -> list[Workflow]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda w: w.name)
