"""The preview answers only under its own address: a page asked for under another host name is refused.

A page that a browser fetches under another name (a DNS rebinding) would otherwise read the draft.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
WILDCARDS = ("0.0.0.0", "::", "")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def _ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def own_host(header: str, host: str, port: int) -> bool:
    """Whether a request's Host header names this preview, served at `host`:`port`."""
    name, _, given_port = header.strip().lower().rpartition(":") if not header.endswith("]") else (header, "", "")
    if not name:  # no port written: the default one
        name, given_port = header.strip().lower(), "80"
    if given_port != str(port):
        return False
    name = name.removeprefix("[").removesuffix("]")
    if name in LOOPBACK_NAMES or name == host.lower():
        return True
    # Listening on every address: answer to an address, never to a name someone else's DNS controls.
    return host in WILDCARDS and _ip(name)


def only_own_host(app: WsgiApp, host: str, port: int) -> WsgiApp:
    """`app`, refusing with 403 any request whose Host header is not the preview's own."""
    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not own_host(str(environ.get("HTTP_HOST", "")), host, port):
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [f"This preview answers only at http://{host}:{port}/\n".encode()]
        return app(environ, start_response)
    return guarded
