"""The checkout's one update: `update(model, message)` answers the new state and its effects as
data (effects.py), never changing the state it was given; no I/O (the Elm `update`).

One handler per message, found in HANDLERS. A handler changes the copy it is given and answers
the effects; the stage moves only by the table in stages.py. Spektrix calls are effects: their
answers come back as the next message (messages.Reply, or messages.Failed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import messages
import on_account
import on_background
import on_basket
import on_cards
import on_extras
import on_payment
import on_start
import on_vouchers
import wording
from changes import say
from effects import Effects
from model import Model, Phase, Tone


def update(model: Model, message: Any) -> tuple[Model, Effects]:
    """The new state and its effects; `model` itself is never changed (an error leaves it as it was)."""
    handler = HANDLERS.get(type(message))
    if handler is None and isinstance(message, messages.Failed):
        handler = FAILURES.get(type(message.reply))
    if handler is None:
        raise TypeError(f"no handler for {type(message).__name__}")
    new = model.copy()
    return new, handler(new, message)


def crashed(m: Model, message: messages.Crashed) -> Effects:
    """A plain message, never a traceback; before the first screen, "Try again"."""
    if m.phase is Phase.STARTING:
        m.phase = Phase.START_FAILED
    return say(m, wording.UNEXPECTED, Tone.ERROR)


HANDLERS: dict[type, Callable[[Model, Any], Effects]] = {
    messages.Start: on_start.start,
    messages.StartCustomer: on_start.start_customer,
    messages.StartLoaded: on_start.start_loaded,
    messages.Background: on_background.background,
    messages.SeatsLoaded: on_background.seats_loaded,
    messages.SavingLoaded: on_background.saving_loaded,
    messages.SignIn: on_account.sign_in,
    messages.Authenticated: on_account.authenticated,
    messages.CheckSignIn: on_account.check_sign_in,
    messages.SessionChecked: on_account.session_checked,
    messages.AccountLoaded: on_account.account_loaded,
    messages.SignOut: on_account.sign_out,
    messages.SignedOut: on_account.signed_out,
    messages.BasketLoaded: on_account.basket_loaded,
    messages.SessionEnded: on_account.session_ended,
    messages.ChooseTickets: on_basket.choose_tickets,
    messages.PricesLoaded: on_basket.prices_loaded,
    messages.AddTickets: on_basket.add_tickets,
    messages.TicketAdded: on_basket.ticket_added,
    messages.AddRefused: on_basket.add_refused,
    messages.RemoveTicket: on_basket.remove_ticket,
    messages.TicketRemoved: on_basket.ticket_removed,
    messages.ApplyPromoCode: on_basket.apply_promo_code,
    messages.PromoApplied: on_basket.promo_applied,
    messages.ChooseAddress: on_payment.choose_address,
    messages.ChooseStoreCard: on_payment.choose_store_card,
    messages.ChooseUseCredit: on_payment.choose_use_credit,
    messages.EditGuest: on_payment.edit_guest,
    messages.ChangeGuestDetails: on_payment.change_guest_details,
    messages.ContinueToPayment: on_payment.continue_to_payment,
    messages.BasketChecked: on_payment.basket_checked,
    messages.TokenIssued: on_payment.token_issued,
    messages.SignedInElsewhere: on_payment.signed_in_elsewhere,
    messages.DetailsLoaded: on_payment.details_loaded,
    messages.PaymentEvent: on_payment.payment_event,
    messages.Paid: on_payment.paid,
    messages.Returned: on_account.returned,
    messages.CustomerChecked: on_account.customer_checked,
    messages.AskRemoveCard: on_cards.ask_remove_card,
    messages.CancelRemoveCard: on_cards.cancel_remove_card,
    messages.RemoveCard: on_cards.remove_card,
    messages.CardRemoved: on_cards.card_removed,
    messages.CardsLoaded: on_cards.cards_loaded,
    messages.AddDonation: on_extras.add_donation,
    messages.ChooseGiftAid: on_extras.choose_gift_aid,
    messages.GiftAidChosen: on_extras.gift_aid_chosen,
    messages.JoinMembership: on_extras.join_membership,
    messages.AddMerchandise: on_extras.add_merchandise,
    messages.ItemAdded: on_extras.item_added,
    messages.ItemRefused: on_extras.item_refused,
    messages.ChooseDelivery: on_extras.choose_delivery,
    messages.DeliveryChosen: on_extras.delivery_chosen,
    messages.RemoveItem: on_extras.remove_item,
    messages.ItemRemoved: on_extras.item_removed,
    messages.BuyGiftVoucher: on_vouchers.buy_gift_voucher,
    messages.RedeemGiftVoucher: on_vouchers.redeem_gift_voucher,
    messages.VoucherRedeemed: on_vouchers.voucher_redeemed,
    messages.Crashed: crashed,
}


# What a failed call means, by the answer it was for.
FAILURES: dict[type, Callable[[Model, messages.Failed], Effects]] = {
    messages.StartCustomer: on_start.start_failed,
    messages.StartLoaded: on_start.start_failed,
    messages.SeatsLoaded: on_background.seats_failed,
    messages.Authenticated: on_account.sign_in_failed,
    messages.SessionChecked: on_account.on_page_failed,
    messages.AccountLoaded: on_account.on_page_failed,
    messages.SignedOut: on_account.on_page_failed,
    messages.BasketLoaded: on_account.basket_failed,
    messages.PricesLoaded: on_basket.performance_failed,
    messages.TicketAdded: on_basket.add_failed,
    messages.TicketRemoved: on_basket.on_basket_failed,
    messages.PromoApplied: on_basket.on_basket_failed,
    messages.BasketChecked: on_payment.initiation_failed,
    messages.TokenIssued: on_payment.initiation_failed,
    messages.SignedInElsewhere: on_payment.initiation_failed,
    messages.DetailsLoaded: on_payment.on_payment_failed,
    messages.CustomerChecked: on_account.basket_failed,
    messages.CardRemoved: on_cards.card_removal_failed,
    messages.CardsLoaded: on_cards.cards_failed,
    messages.ItemAdded: on_extras.item_failed,
    messages.ItemRemoved: on_basket.on_basket_failed,
    messages.GiftAidChosen: on_extras.gift_aid_failed,
    messages.DeliveryChosen: on_extras.delivery_failed,
    messages.VoucherRedeemed: on_vouchers.redeem_failed,
}
