"""The two steps of a confirmed action, for tests: the first POST shows the question, the
second carries its `confirm` value (and the fields the page carried over)."""

import re
from html import unescape

_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def confirmation_fields(response) -> dict[str, str]:
    """The hidden fields of the confirmation form on `response` (confirm included)."""
    html = response.content.decode()
    fields = {
        name: unescape(value)
        for name, value in _HIDDEN.findall(html)
        if name != "csrfmiddlewaretoken"
    }
    assert "confirm" in fields, "the page asks for no confirmation"
    return fields


def post_confirmed(client, url, data=None, **extra):
    """POST `data`, check that only a confirmation page came back, then confirm it."""
    first = client.post(url, data or {}, **extra)
    assert first.status_code == 200, first.status_code
    return client.post(url, {**(data or {}), **confirmation_fields(first)}, **extra)


def post_from_page(client, url, data=None, **extra):
    """POST through a page that is itself the question (GET it, send its form's fields)."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, {**confirmation_fields(page), **(data or {})}, **extra)
