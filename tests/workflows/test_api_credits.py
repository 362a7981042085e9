"""`GET /v1/credits`: its query parameters are read as FastAPI's `Query(ge=…, le=…)` reads them, errors included."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (
            "limit=0",
            {
                "type": "greater_than_equal",
                "loc": ["query", "limit"],
                "msg": "Input should be greater than or equal to 1",
                "input": "0",
                "ctx": {"ge": 1},
            },
        ),
        (
            "limit=201",
            {
                "type": "less_than_equal",
                "loc": ["query", "limit"],
                "msg": "Input should be less than or equal to 200",
                "input": "201",
                "ctx": {"le": 200},
            },
        ),
        (
            "before=0",
            {
                "type": "greater_than_equal",
                "loc": ["query", "before"],
                "msg": "Input should be greater than or equal to 1",
                "input": "0",
                "ctx": {"ge": 1},
            },
        ),
        (
            "limit=%D9%A3",  # an Arabic-Indic three: pydantic reads ASCII digits only
            {
                "type": "int_parsing",
                "loc": ["query", "limit"],
                "msg": "Input should be a valid integer, unable to parse string as an integer",
                "input": "\u0663",
            },
        ),
    ],
)
def test_out_of_range_query_parameters_are_pydantic_errors(bearer, query, error):
    response = bearer.get(f"/v1/credits?{query}")
    assert response.status_code == 422, response.content
    assert response.json() == {"detail": [error]}


def test_lax_integers_are_accepted_as_pydantic_accepts_them(bearer):
    response = bearer.get("/v1/credits?limit=%2B1")  # "+1"
    assert response.status_code == 200, response.content
    assert len(response.json()["entries"]) == 1
