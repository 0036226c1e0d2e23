"""Payment tokens, who pays with them and how, and the orders they become.

Customer Checkout tokens are issued to a signed-in customer (billing address, storeCard, account
credit); Direct Checkout tokens to a guest buyer, who becomes (or is matched to) a customer by
email once the payment completes. Account credit pays first and the card the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sandbox.basket import Pricing


@dataclass(frozen=True)
class CustomerPayer:
    """Customer Checkout: the signed-in customer and the choices bound to the token."""

    customer_id: str
    billing_address_id: str
    store_card: bool
    credit_pence: int  # account credit this payment uses (0 unless useAvailableCredit)


@dataclass(frozen=True)
class GuestBuyer:
    """Direct Checkout: the buyer's details from the initiate request."""

    email: str
    first_name: str
    last_name: str
    billing_address: dict[str, Any]  # Spektrix's address shape, without an id


Payer = CustomerPayer | GuestBuyer


@dataclass(frozen=True)
class PaymentToken:
    token: str
    session_id: str
    basket_hash: str
    payer: Payer
    expires_at: float

    @property
    def credit_pence(self) -> int:
        return self.payer.credit_pence if isinstance(self.payer, CustomerPayer) else 0

    @property
    def store_card(self) -> bool:
        return isinstance(self.payer, CustomerPayer) and self.payer.store_card


@dataclass(frozen=True)
class CardPayment:
    masked_number: str
    card_holder_name: str
    expiry_date: str
    card_type: str


@dataclass(frozen=True)
class Order:
    id: str
    friendly_id: str
    created_at: datetime
    customer_id: str
    guest_session_id: str | None  # Direct Checkout: the session that paid may read the order
    pricing: Pricing
    currency: str
    credit_pence: int
    card: CardPayment | None  # None when account credit paid the whole order
    store_card: bool

    @property
    def card_pence(self) -> int:
        return self.pricing.total - self.credit_pence
