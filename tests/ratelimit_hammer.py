"""Run in a separate process by the rate-limit race test (imports Django only after setup)."""


def hammer(bucket: str, limit: int, count: int, queue) -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from config import ratelimit

    queue.put(sum(ratelimit.hit(bucket=bucket, limit=limit).allowed for _ in range(count)))
