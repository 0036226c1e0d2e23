"""Handling gift vouchers: buying one for someone (a basket item) and redeeming a code into the
signed-in customer's account credit."""

from __future__ import annotations

import guest
import spektrix
import wording
from changes import close_if_stale, failed, say
from effects import Call, Clear, Effects, Step
from messages import BuyGiftVoucher, Failed, ItemAdded, RedeemGiftVoucher, VoucherRedeemed
from model import PLACE_GIFT_VOUCHER, PLACE_REDEEM, Model, Tone
from models import GiftVoucher, format_money
from on_extras import typed_amount
from stages import Stage

# The gift voucher form's fields (ids in index.html), sent by the page, emptied once bought.
AMOUNT = "voucher-amount"
TO_NAME = "voucher-to-name"
FROM_NAME = "voucher-from-name"
MESSAGE = "voucher-message"
EMAIL = "voucher-email"
VOUCHER_FIELDS = (AMOUNT, TO_NAME, FROM_NAME, MESSAGE, EMAIL)
REDEEM_FIELD = "redeem-code"


def buy_gift_voucher(m: Model, message: BuyGiftVoucher) -> Effects:
    """Checked here first (a plain message, the fields kept); the box office checks the range.
    Without a recipient's email it is sent to the buyer."""
    values = {name: message.voucher_values.get(name, "").strip() for name in VOUCHER_FIELDS}
    amount = typed_amount(values[AMOUNT])
    problem = _problem(values)
    if problem is not None or amount is None:
        return say(m, problem or wording.AMOUNT_NEEDED, Tone.ERROR, PLACE_GIFT_VOUCHER)
    email = values[EMAIL]
    voucher = GiftVoucher(
        id="", amount=amount, to_name=values[TO_NAME], from_name=values[FROM_NAME],
        message=values[MESSAGE], send_date="",
        delivery_type=spektrix.DELIVERY_OTHER_EMAIL if email else spektrix.DELIVERY_CUSTOMER_EMAIL,
        email=email,
    )
    vouchers = (*(m.basket.vouchers if m.basket else ()), voucher)
    done = wording.voucher_added(format_money(amount, m.currency), voucher.to_name)
    reply = ItemAdded(done=done, place=PLACE_GIFT_VOUCHER, clear=VOUCHER_FIELDS)
    return [Call((Step("set_gift_vouchers", (vouchers,)), Step("basket")), reply)]


def _problem(values: dict[str, str]) -> str | None:
    if typed_amount(values[AMOUNT]) is None:
        return wording.AMOUNT_NEEDED
    if not values[TO_NAME]:
        return wording.VOUCHER_NAME_NEEDED
    if values[EMAIL] and not guest.looks_like_email(values[EMAIL]):
        return wording.VOUCHER_EMAIL_WRONG
    return None


def redeem_gift_voucher(m: Model, message: RedeemGiftVoucher) -> Effects:
    code = message.code.strip()
    if not code:
        return say(m, wording.VOUCHER_CODE_NEEDED, Tone.ERROR, PLACE_REDEEM)
    return [Call((Step("redeem_gift_voucher", (code,)), Step("current_customer")), VoucherRedeemed())]


def voucher_redeemed(m: Model, message: VoucherRedeemed) -> Effects:
    """The credit grew: a payment form whose token uses credit is for another amount now, so it goes."""
    before = m.credit_balance
    customer = message.results["current_customer"]
    if customer is not None:
        m.customer = customer
    form_was_shown = m.stage is Stage.FORM_SHOWN
    close_if_stale(m, wording.CREDIT_CHANGED)
    added = format_money(m.credit_balance - before, m.currency)
    text = wording.voucher_redeemed(added, format_money(m.credit_balance, m.currency))
    if form_was_shown and m.stage is not Stage.FORM_SHOWN:
        text = f"{text} {wording.CREDIT_FORM_CLOSED}"
    return [*say(m, text, Tone.SUCCESS, PLACE_REDEEM), Clear((REDEEM_FIELD,))]


def redeem_failed(m: Model, message: Failed) -> Effects:
    """An unknown or used code: the box office's message beside the form; the code stays typed."""
    return failed(m, message.error, PLACE_REDEEM)
