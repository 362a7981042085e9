"""`Idempotency-Key` on every POST of both APIs: the first answer (status, body, a few headers) is replayed; the same
key with another body is 422 `idempotency_key_reused`; while the first still runs, 409 `idempotency_in_progress`; an
answer with a 5xx status — or none at all, the view having failed in a way it could not answer — releases the key at
once, so the client's retry runs. The store is `extractor.idempotency` (its table is the extractor's; one store per
tenant for both APIs: a key names one request whichever API it went to)."""

from __future__ import annotations

from rest_framework.response import Response


class IdempotentPostMixin:
    """Views implement `handle_post(request, *args, **kwargs)`; `post` wraps it."""

    def post(self, request, *args, **kwargs):
        return self.idempotent(request, *args, **kwargs)

    def idempotent(self, request, *args, **kwargs):
        from extractor import idempotency

        key = idempotency.read_key(request)
        if key is None:
            return self.handle_post(request, *args, **kwargs)
        tenant_id = request.auth.tenant_id
        fingerprint = idempotency.request_fingerprint(request.method, request.path, request.body)
        record = idempotency.begin(tenant_id=tenant_id, key=key, fingerprint=fingerprint)
        if record is not None:
            response = Response(record.response_body, status=record.response_status, headers=record.response_headers)
            response["Idempotent-Replayed"] = "true"
            return response
        remembered = False
        try:
            try:
                response = self.handle_post(request, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - rendered in the dialect, then remembered
                response = self.handle_exception(exc)
            headers = {name: response[name] for name in idempotency.REPLAYED_HEADERS if response.has_header(name)}
            idempotency.complete(
                tenant_id=tenant_id, key=key, status=response.status_code, body=response.data, headers=headers
            )
            remembered = True
        finally:
            if not remembered:  # no answer could be stored: never leave the key locked behind us
                idempotency.release(tenant_id=tenant_id, key=key)
        return response
