"""A SpektrixClient that talks to the real sandbox over loopback HTTP as a browser would (CPython's
opener with a cookie jar plays the session cookie's part), and the stand-in component's payment."""

from __future__ import annotations

import functools
import json
import urllib.request
from http.cookiejar import CookieJar
from typing import Any

from client import SpektrixClient

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-pass-1"
PAGE_DOMAIN = "127.0.0.1"  # in the sandbox's default allow-list
TEST_CARD = "4111 1111 1111 1111"


def cookie_client(api_base: str) -> SpektrixClient:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    return SpektrixClient(api_base, urlopen=functools.partial(opener.open, timeout=10))


def pay(sandbox: Any, token: str, card: str = TEST_CARD) -> dict[str, Any]:
    """What the stand-in component does with a test card: the pay call's answer."""
    body = {
        "paymentToken": token,
        "systemName": sandbox.client_name,
        "cardNumber": card,
        "expiryDate": "12/39",
        "securityCode": "123",
        "cardHolderName": "Dana Demo",
        "challenge": None,
    }
    request = urllib.request.Request(
        f"{sandbox.origin}/__sandbox__/payments/pay",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())
