"""The README's copy-paste commands for the sandbox's controls ("The sandbox's controls, by hand")
run as written, with curl, against a running sandbox: each is answered, none with an error."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sandbox_client import DEMO_EMAIL, DEMO_PASSWORD, PAGE_DOMAIN, cookie_client, pay

from models import default_address_id

README = Path(__file__).resolve().parents[2] / "README.md"
MAKE_RUNS_SANDBOX = "http://127.0.0.1:8001"  # what the README's commands name


def controls_block() -> str:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    (block,) = [block for block in blocks if "__sandbox__" in block and "curl" in block]
    return block


def a_paid_order(sandbox: Any) -> str:
    """The demo customer buys a ticket; the order's id, as onPaymentCompleted gives it."""
    client = cookie_client(sandbox.api_base)
    client.authenticate(DEMO_EMAIL, DEMO_PASSWORD)
    on_sale = [instance for event in client.events() for instance in event.instances if instance.is_on_sale]
    instance = on_sale[0]
    client.add_tickets(instance.id, "", [client.price_list(instance.id)[0].ticket_type_id])
    address_id = default_address_id(client.addresses())
    result = pay(sandbox, client.initiate_customer_payment(PAGE_DOMAIN, address_id, store_card=False))
    return result["orderId"]


@pytest.mark.skipif(shutil.which("curl") is None, reason="the README's commands are curl's")
def test_the_readmes_control_commands_work_as_written(sandbox: Any) -> None:
    block = controls_block()
    controls = set(re.findall(r"\$S/([\w/-]+)", block))
    assert controls == {"latency", "faults", "auth-lag", "tokens/expire", "requests", "orders/", "reset"}
    order_id = a_paid_order(sandbox)
    number = sandbox.order_number(order_id)
    script = block.replace(MAKE_RUNS_SANDBOX, sandbox.origin)
    assert script != block
    result = subprocess.run(["bash", "-e", "-c", script], env={**os.environ, "ORDER_ID": order_id},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert '"code"' not in result.stdout, result.stdout  # no control refused its body
    assert f'{{"id":"{order_id}","number":"{number}"}}' in result.stdout
    assert '"path":"/demotheatre/api/v3/basket/tickets"' in result.stdout  # the request log, before the reset
    assert sandbox.requests() == []  # the reset, last, cleared everything
