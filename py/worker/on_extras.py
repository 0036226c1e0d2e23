"""Handling what goes into the basket besides tickets: what is on sale, donations and Gift Aid,
memberships and what joining one would save, merchandise, ticket delivery, and removing any of
these. Each is a basket change (changes.basket_edited): a payment form on screen goes with it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import spektrix
import wording
from changes import basket_edited, failed, say, take_basket
from effects import FOCUS_BASKET, KEEP, Call, Clear, Effects, Focus, Step
from errors import ApiError
from messages import (
    AddDonation,
    AddMerchandise,
    ChooseDelivery,
    ChooseGiftAid,
    DeliveryChosen,
    Failed,
    GiftAidChosen,
    ItemAdded,
    ItemRefused,
    ItemRemoved,
    JoinMembership,
    RemoveItem,
)
from model import (
    PLACE_BASKET,
    PLACE_DELIVERY,
    PLACE_DONATION,
    PLACE_MEMBERSHIP,
    PLACE_MERCHANDISE,
    Model,
    Tone,
)
from models import ITEM_GIFT_VOUCHER, format_money

# The refusals that mean this page is behind the box office (another tab or buyer acted first).
BEHIND = (spektrix.CODE_OUT_OF_STOCK, spektrix.CODE_MEMBERSHIP_IN_BASKET)
# What is on sale besides tickets, read at start-up; each may fail alone (then none of it is offered).
SHOP = ("funds", "memberships", "stock_items")
# An amount as a buyer types it, once "£", "," and spaces are taken out: pounds, and pence if any.
_AMOUNT = re.compile(r"[0-9]{1,7}(\.[0-9]{1,2})?")
# The page's field for a donation of the buyer's own amount (index.html), emptied once added.
DONATION_AMOUNT_FIELD = "donation-amount"


def shop_steps() -> tuple[Step, ...]:
    return tuple(Step(name, on_error=KEEP) for name in SHOP)


def take_shop(m: Model, results: dict[str, Any]) -> None:
    for name in SHOP:
        value = results.get(name)
        if value is not None and not isinstance(value, ApiError):
            setattr(m, name, value)


def typed_amount(text: str) -> Decimal | None:
    """'£12.50', '1,000', ' 10 ' -> an amount; None for anything else (the range is the box office's)."""
    cleaned = text.replace("£", "").replace(",", "").replace(" ", "")
    return Decimal(cleaned) if _AMOUNT.fullmatch(cleaned) else None


def item_added(m: Model, message: ItemAdded) -> Effects:
    """Added: the basket as it is now, and the stock left when it was read too."""
    stock = message.results.get("stock_items")
    if stock is not None and not isinstance(stock, ApiError):
        m.stock_items = stock
    effects = basket_edited(m, message.results["basket"], message.done, message.place, Tone.SUCCESS)
    return [*effects, Clear(message.clear)] if message.clear else effects


def item_failed(m: Model, message: Failed) -> Effects:
    """Refused or failed: the box office's message beside what the buyer did; their typing stays.
    Out of stock, or a membership already in the basket, means the page is behind what another
    tab or buyer did: the basket and the stock are read again before it is said."""
    if message.error.code not in BEHIND:
        return failed(m, message.error, message.reply.place)
    steps = (Step("basket", on_error=KEEP), Step("stock_items", on_error=KEEP))
    return [Call(steps, ItemRefused(place=message.reply.place, error=message.error))]


def item_refused(m: Model, message: ItemRefused) -> Effects:
    basket, stock = message.results["basket"], message.results["stock_items"]
    if not isinstance(stock, ApiError):
        m.stock_items = stock
    effects = [] if isinstance(basket, ApiError) else take_basket(m, basket)
    assert message.error is not None
    return [*effects, *failed(m, message.error, message.place)]


# --- donations and Gift Aid ---------------------------------------------------------------------
def add_donation(m: Model, message: AddDonation) -> Effects:
    fund = next((f for f in m.funds if f.id == message.fund_id), None)
    if fund is None:
        raise ValueError(f"unknown fund {message.fund_id!r}")
    amount = typed_amount(message.amount)
    if amount is None:
        return say(m, wording.AMOUNT_NEEDED, Tone.ERROR, PLACE_DONATION)
    done = wording.donation_added(format_money(amount, m.currency), fund.name)
    steps = (Step("add_donation", (fund.id, amount)), Step("basket"))
    return [Call(steps, ItemAdded(done=done, place=PLACE_DONATION, clear=(DONATION_AMOUNT_FIELD,)))]


def choose_gift_aid(m: Model, message: ChooseGiftAid) -> Effects:
    """The declaration is the customer's; it changes what the basket's donations are worth, so
    the basket is read again (a payment form on screen goes)."""
    steps = (Step("declare_gift_aid", (message.gift_aid,)), Step("current_customer"), Step("basket"))
    return [Call(steps, GiftAidChosen(gift_aid=message.gift_aid))]


def gift_aid_chosen(m: Model, message: GiftAidChosen) -> Effects:
    customer = message.results["current_customer"]
    if customer is not None:
        m.customer = customer
    done = wording.GIFT_AID_ADDED if message.gift_aid else wording.GIFT_AID_REMOVED
    return basket_edited(m, message.results["basket"], done, PLACE_DONATION, Tone.SUCCESS)


def gift_aid_failed(m: Model, message: Failed) -> Effects:
    return failed(m, message.error, PLACE_DONATION)


# --- memberships and merchandise --------------------------------------------------------------
def join_membership(m: Model, message: JoinMembership) -> Effects:
    """A second of the same membership is refused by the box office, which says so."""
    membership = next((ms for ms in m.memberships if ms.id == message.membership_id), None)
    if membership is None:
        raise ValueError(f"unknown membership {message.membership_id!r}")
    steps = (Step("add_membership", (membership.id,)), Step("basket"))
    return [Call(steps, ItemAdded(done=wording.joined(membership.name), place=PLACE_MEMBERSHIP))]


def add_merchandise(m: Model, message: AddMerchandise) -> Effects:
    item = next((i for i in m.stock_items if i.id == message.stock_item_id), None)
    if item is None:
        raise ValueError(f"unknown stock item {message.stock_item_id!r}")
    steps = (Step("add_merchandise", (item.id,)), Step("basket"), Step("stock_items", on_error=KEEP))
    return [Call(steps, ItemAdded(done=wording.merchandise_added(item.name), place=PLACE_MERCHANDISE))]


# --- delivery and removal ---------------------------------------------------------------------
def choose_delivery(m: Model, message: ChooseDelivery) -> Effects:
    current = m.basket.ticket_delivery if m.basket else None
    if current is not None and current.id == message.delivery_id:
        return []
    return [Call((Step("choose_ticket_delivery", (message.delivery_id,), key="basket"),), DeliveryChosen())]


def delivery_chosen(m: Model, message: DeliveryChosen) -> Effects:
    return basket_edited(m, message.results["basket"], wording.DELIVERY_CHOSEN, PLACE_DELIVERY)


def delivery_failed(m: Model, message: Failed) -> Effects:
    """The choice shown goes back to the basket's (the view draws it from the basket)."""
    return failed(m, message.error, PLACE_DELIVERY)


def remove_item(m: Model, message: RemoveItem) -> Effects:
    """Gift vouchers are replaced all at once (PUT), the others removed by id."""
    if message.kind == ITEM_GIFT_VOUCHER:
        kept = tuple(v for v in (m.basket.vouchers if m.basket else ()) if v.id != message.item_id)
        step = Step("set_gift_vouchers", (kept,))
    else:
        step = Step("remove_items", (message.kind, [message.item_id]))
    return [Call((step, Step("basket")), ItemRemoved()), Focus(FOCUS_BASKET)]


def item_removed(m: Model, message: ItemRemoved) -> Effects:
    return basket_edited(m, message.results["basket"], wording.REMOVED, PLACE_BASKET)
