"""ASGI guards around the application: a cap on what a request may send, and safe headers."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from ..finding import Message
from .uploads import too_large

# The page needs nothing from elsewhere; the report shown in the frame carries its own <style>.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
     b"data:; frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
     b"form-action 'self'; frame-ancestors 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


# A body announced past the cap is read and dropped up to this size before the refusal, so that a
# client still sending (a browser, urllib) reads the message instead of a broken connection;
# past it the connection is closed at once.
DRAIN = 64 * 1024 * 1024


async def _discard(receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return


class BodyTooLarge(Exception):
    """Raised while a request's body is read, once it passes the cap."""


def message_body(message: Message, lang: str) -> bytes:
    return json.dumps({"error": message.render(lang)}, ensure_ascii=False).encode()


class Guard:
    """Refuses a body announced larger than `limit` before reading it, and stops reading one that
    turns out larger (a chunked upload announces nothing): BodyTooLarge reaches the endpoint,
    which answers with the message. Adds SECURITY_HEADERS to every response."""

    def __init__(self, app, limit: int, lang: str) -> None:
        self.app = app
        self.limit = limit
        self.lang = lang

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_safe(message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [
                    *message.get("headers", []),
                    *((k, v) for k, v in SECURITY_HEADERS if k not in names)]}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            if int(declared) <= DRAIN:
                await _discard(receive)
            await self._refuse(send_safe, scope)
            return
        received = 0

        async def capped():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        await self.app(scope, capped, send_safe)

    async def _refuse(self, send, scope) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        lang = "en" if query.get("lang") == ["en"] else self.lang
        body = message_body(too_large(self.limit).message, lang)
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json; charset=utf-8"),
            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
