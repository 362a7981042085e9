"""Django's PermissionDenied is a 403 in either dialect; the builtin PermissionError (an OS error: a file the process
may not read) is a server fault, not the client's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from config.api import problem_from_exception


def test_django_permission_denied_is_403_forbidden():
    problem = problem_from_exception(PermissionDenied())
    assert (problem.status, problem.code) == (403, "forbidden")


def test_a_builtin_permission_error_is_a_500():
    problem = problem_from_exception(PermissionError(13, "Permission denied", "/var/media/x"))
    assert (problem.status, problem.code) == (500, "internal_error")
