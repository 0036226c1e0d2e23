"""A Spektrix sandbox running in this process, and the handle a test holds: where it answers, the
seed it serves (customers, events), the test cards, and its controls."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pytest_spektrix.cards import TEST_CARDS, SandboxCard
from sandbox.app import create_app
from sandbox.remote import SandboxRemote
from sandbox.seed import Customer, Delivery, Fund, Membership, Seed, StockItem, VoucherCode
from sandbox.servers import serve
from sandbox.settings import Settings
from sandbox.urls import SandboxUrls


@dataclass(frozen=True)
class SpektrixSandbox(SandboxUrls):
    """A running sandbox. Its addresses (`origin`, `custom_domain`, `client_name`, `api_base`,
    `component_script`, `component_stylesheet`) are what the page under test is pointed at; every
    control lasts until the next `reset()`, which the `spektrix_sandbox` fixture does before each test."""

    seed: Seed

    @property
    def customers(self) -> tuple[Customer, ...]:
        """The seed's customers, each with the `email` and `password` to sign in with."""
        return tuple(self.seed.customers.values())

    @property
    def funds(self) -> tuple[Fund, ...]:
        """The funds donations go to (`id`, `name`, `suggested_pence`)."""
        return tuple(self.seed.funds.values())

    @property
    def memberships(self) -> tuple[Membership, ...]:
        """The memberships on sale (`id`, `name`, `pence`, the member price they give)."""
        return tuple(self.seed.memberships.values())

    @property
    def stock_items(self) -> tuple[StockItem, ...]:
        """The merchandise (`id`, `name`, `pence`, `stock` when the sandbox starts)."""
        return tuple(self.seed.stock_items.values())

    @property
    def ticket_deliveries(self) -> tuple[Delivery, ...]:
        """How tickets can be delivered (`id`, `name`, `pence`); the first is the default."""
        return self.seed.ticket_deliveries

    @property
    def voucher_codes(self) -> Mapping[str, VoucherCode]:
        """The gift voucher codes by name: "redeemable" (one not yet redeemed) and "redeemed"."""
        codes = self.seed.voucher_codes.values()
        return {
            "redeemable": next(v for v in codes if not v.redeemed),
            "redeemed": next(v for v in codes if v.redeemed),
        }

    @property
    def cards(self) -> Mapping[str, SandboxCard]:
        """The test cards by name: "pays", "refused", "3ds-approve", "3ds-cancel", "error"."""
        return TEST_CARDS

    @property
    def remote(self) -> SandboxRemote:
        """The HTTP client for the controls, which the methods below use."""
        return SandboxRemote(self.origin)

    def reset(self) -> None:
        """Back to the seed: no sessions, baskets, tokens or orders; no latency, lag or faults."""
        self.remote.reset()

    def latency(self, ms: int) -> None:
        """Delay every API call by `ms` milliseconds."""
        self.remote.latency(ms)

    def auth_lag(self, ms: int) -> None:
        """After a sign-in, the session counts as signed in only `ms` milliseconds later."""
        self.remote.auth_lag(ms)

    def expire_tokens(self) -> None:
        """Every payment token issued so far is expired."""
        self.remote.expire_tokens()

    def fail_next(
        self,
        path: str,
        status: int | None = None,
        *,
        drop: bool = False,
        malformed: bool = False,
        count: int = 1,
        method: str | None = None,
    ) -> None:
        """The next `count` API calls to `path` (after the API base, e.g. "basket" or
        "basket/initiate-customer-payment"; `method` narrows it) fail: with `status` (503 unless
        given) and a Spektrix-style error, with the connection dropped mid-response (`drop`), or
        with a 200 whose body is not JSON (`malformed`)."""
        kind: dict[str, Any] = {} if status is None else {"status": status}
        if drop:
            kind["drop"] = True
        if malformed:
            kind["malformed"] = True
        self.remote.fault(path, count=count, method=method, **kind)

    def order_number(self, order_id: str) -> str:
        """The order number the buyer sees (Spektrix's `friendlyId`) for the order whose id
        `onPaymentCompleted` gave (`wait_for_payment_completed(page)["orderId"]`)."""
        return self.remote.order_number(order_id)

    def requests(self) -> list[dict[str, Any]]:
        """What the sandbox received, oldest first: `method`, `path`, `query`, `origin`, `cookie`
        (whether the session cookie came) and `body` (passwords and card details redacted)."""
        return self.remote.requests()


@contextmanager
def running_sandbox(settings: Settings, port: int = 0) -> Iterator[SpektrixSandbox]:
    """The sandbox on 127.0.0.1:`port` (0: a free port) in a background thread, until the block ends."""
    app = create_app(settings)
    with serve(app, port) as server:
        yield SpektrixSandbox(server.origin, settings.client_name, app.state.store.seed)
