"""Everything that can happen to the checkout, as messages: what a person (or the payment
component) did, one per row of the action table (py/shared/action_table.py), and the answers of
Spektrix calls the update asked for (`Reply`, filled in by the runtime).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from action_table import ACTIONS
from errors import ApiError
from model import PaymentKey


# --- what a person did -------------------------------------------------------------------------
@dataclass(frozen=True)
class Start:
    """Load the first screen (the page has just started, or "Try again" after it failed)."""


@dataclass(frozen=True)
class SignIn:
    email: str
    password: str


@dataclass(frozen=True)
class CheckSignIn:
    """"Check again" after a slow session start."""


@dataclass(frozen=True)
class SignOut:
    pass


@dataclass(frozen=True)
class ChooseTickets:
    instance_id: str


@dataclass(frozen=True)
class AddTickets:
    """Add to the basket: how many of each ticket type (by type id, as chosen: text), in which
    seating area ("": the first with seats, as Spektrix chooses)."""

    instance_id: str
    area_id: str
    quantities: dict[str, str]


@dataclass(frozen=True)
class RemoveTicket:
    ticket_id: str


@dataclass(frozen=True)
class ApplyPromoCode:
    code: str  # empty: remove the code


@dataclass(frozen=True)
class ChooseAddress:
    address_id: str


@dataclass(frozen=True)
class ChooseStoreCard:
    store_card: bool


@dataclass(frozen=True)
class ChooseUseCredit:
    use_credit: bool


@dataclass(frozen=True)
class ContinueToPayment:
    guest_values: dict[str, str]  # what the guest fields hold, by id (a customer's are ignored)


@dataclass(frozen=True)
class EditGuest:
    guest_values: dict[str, str]


@dataclass(frozen=True)
class ChangeGuestDetails:
    pass


@dataclass(frozen=True)
class PaymentEvent:
    """An event of the payment form `form_key`: a component event name, or SCRIPT_ERROR."""

    name: str
    form_key: int
    order_id: str = ""
    message: str = ""
    result_code: str = ""


# The page's own payment event, for a component script that failed to load.
SCRIPT_ERROR = "script-error"


@dataclass(frozen=True)
class Returned:
    """Back to the tab ("visibilitychange") or focus on the window ("focus")."""

    event_type: str


@dataclass(frozen=True)
class Background:
    pass


@dataclass(frozen=True)
class AskRemoveCard:
    card_id: str


@dataclass(frozen=True)
class CancelRemoveCard:
    card_id: str


@dataclass(frozen=True)
class RemoveCard:
    card_id: str


@dataclass(frozen=True)
class AddDonation:
    fund_id: str
    amount: str  # as typed (or the suggested amount), in pounds


@dataclass(frozen=True)
class ChooseGiftAid:
    gift_aid: bool


@dataclass(frozen=True)
class JoinMembership:
    membership_id: str


@dataclass(frozen=True)
class AddMerchandise:
    stock_item_id: str


@dataclass(frozen=True)
class BuyGiftVoucher:
    voucher_values: dict[str, str]  # what the gift voucher fields hold, by id


@dataclass(frozen=True)
class RedeemGiftVoucher:
    code: str


@dataclass(frozen=True)
class ChooseDelivery:
    delivery_id: str


@dataclass(frozen=True)
class RemoveItem:
    """Remove a basket item that is not a ticket: `kind` is one of models.ITEM_*."""

    kind: str
    item_id: str


@dataclass(frozen=True)
class Crashed:
    """Something no rule foresaw went wrong (a bug): the runtime reported it to developers."""


# The action table's names -> their messages.
FROM_ACTION: dict[str, type] = {
    "retry_start": Start,
    "sign_in": SignIn,
    "check_sign_in": CheckSignIn,
    "sign_out": SignOut,
    "choose_tickets": ChooseTickets,
    "add_tickets": AddTickets,
    "remove_ticket": RemoveTicket,
    "apply_promo_code": ApplyPromoCode,
    "choose_address": ChooseAddress,
    "choose_store_card": ChooseStoreCard,
    "choose_use_credit": ChooseUseCredit,
    "continue_to_payment": ContinueToPayment,
    "edit_guest": EditGuest,
    "change_guest_details": ChangeGuestDetails,
    "payment_event": PaymentEvent,
    "returned": Returned,
    "background": Background,
    "ask_remove_card": AskRemoveCard,
    "cancel_remove_card": CancelRemoveCard,
    "remove_card": RemoveCard,
    "add_donation": AddDonation,
    "choose_gift_aid": ChooseGiftAid,
    "join_membership": JoinMembership,
    "add_merchandise": AddMerchandise,
    "buy_gift_voucher": BuyGiftVoucher,
    "redeem_gift_voucher": RedeemGiftVoucher,
    "choose_delivery": ChooseDelivery,
    "remove_item": RemoveItem,
}


class UnknownAction(ValueError):
    """The page sent an action the table does not have, or other arguments than its row's."""


def from_action(name: str, args: dict[str, Any]) -> Any:
    """The message for action `name` of the table with `args` (by the row's argument names),
    each value made the type its message holds (the page sends plain JSON)."""
    if name not in ACTIONS or name not in FROM_ACTION:
        raise UnknownAction(f"no action {name!r}")
    expected = set(ACTIONS[name][2])
    if set(args) != expected:
        raise UnknownAction(f"{name} takes {sorted(expected)}, not {sorted(args)}")
    message = FROM_ACTION[name]
    return message(**{f.name: _typed(f.type, args[f.name]) for f in fields(message) if f.name in args})


def _typed(kind: str, value: Any) -> Any:
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)
    if kind.startswith("dict"):
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
    return "" if value is None else str(value)


# --- answers of Spektrix calls ---------------------------------------------------------------
@dataclass(frozen=True)
class Reply:
    """An answer: `results` holds each step's result (or, for a step that keeps its error, the
    ApiError) by the step's name."""

    results: dict[str, Any] = field(default_factory=dict, compare=False)

    def with_results(self, results: dict[str, Any]) -> Reply:
        return replace(self, results=results)


@dataclass(frozen=True)
class Failed:
    """A step of the call for `reply` failed with `error`; `results` holds the steps before it."""

    reply: Reply
    error: ApiError
    results: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StartCustomer(Reply):
    pass


@dataclass(frozen=True)
class StartLoaded(Reply):
    pass


@dataclass(frozen=True)
class SeatsLoaded(Reply):
    instance_id: str = ""


@dataclass(frozen=True)
class Authenticated(Reply):
    pass


@dataclass(frozen=True)
class SessionChecked(Reply):
    """Who the session says is signed in; `delays_left`: the checks still to make if nobody."""

    delays_left: tuple[float, ...] = ()


@dataclass(frozen=True)
class AccountLoaded(Reply):
    """A customer's addresses, stored cards and basket, once they are signed in."""


@dataclass(frozen=True)
class SignedOut(Reply):
    pass


@dataclass(frozen=True)
class BasketLoaded(Reply):
    place: str = ""


@dataclass(frozen=True)
class PricesLoaded(Reply):
    instance_id: str = ""


@dataclass(frozen=True)
class TicketAdded(Reply):
    instance_id: str = ""


@dataclass(frozen=True)
class AddRefused(Reply):
    instance_id: str = ""
    error: ApiError | None = None


@dataclass(frozen=True)
class TicketRemoved(Reply):
    pass


@dataclass(frozen=True)
class PromoApplied(Reply):
    pass


@dataclass(frozen=True)
class BasketChecked(Reply):
    pass


@dataclass(frozen=True)
class TokenIssued(Reply):
    key: PaymentKey | None = None


@dataclass(frozen=True)
class SignedInElsewhere(Reply):
    pass


@dataclass(frozen=True)
class DetailsLoaded(Reply):
    """A customer's addresses and stored cards (they turned out to be signed in)."""


@dataclass(frozen=True)
class Paid(Reply):
    pass


@dataclass(frozen=True)
class CustomerChecked(Reply):
    place: str = ""


@dataclass(frozen=True)
class CardRemoved(Reply):
    card_id: str = ""


@dataclass(frozen=True)
class CardsLoaded(Reply):
    pass


@dataclass(frozen=True)
class ShopLoaded(Reply):
    """Funds, memberships and stock items: what is on sale besides tickets."""


@dataclass(frozen=True)
class ItemAdded(Reply):
    """A donation, membership, merchandise or gift voucher added: `done` says so, at `place`."""

    done: str = ""
    place: str = ""
    clear: tuple[str, ...] = ()  # the fields to empty once it is in


@dataclass(frozen=True)
class ItemRefused(Reply):
    """An add the box office refused as behind the times (out of stock, a membership already in
    the basket, from another tab say): `error` is said at `place` once the basket and stock are read."""

    place: str = ""
    error: ApiError | None = None


@dataclass(frozen=True)
class ItemRemoved(Reply):
    pass


@dataclass(frozen=True)
class DeliveryChosen(Reply):
    pass


@dataclass(frozen=True)
class GiftAidChosen(Reply):
    gift_aid: bool = False


@dataclass(frozen=True)
class VoucherRedeemed(Reply):
    pass


@dataclass(frozen=True)
class SavingLoaded(Reply):
    """What joining one membership would save (or the ApiError)."""

    membership_id: str = ""


@dataclass(frozen=True)
class SessionEnded(Reply):
    """A call was refused as not signed in: `results["basket"]` is the basket read again (or
    the error reading it)."""

    place: str = ""
