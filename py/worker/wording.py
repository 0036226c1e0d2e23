"""Every sentence the checkout says to a buyer, in one place (pure: no I/O).

What's on sale (on_sale.py), a guest's fields (guest.py) and a failed call (errors.py) keep their
own sentences beside the rule that picks them; everything the checkout's update says is here.
"""

from __future__ import annotations

BASKET_EMPTY = "Your basket is empty. Add something to it to continue."
NO_ADDRESS = (
    "There is no address on your account, and a billing address is needed to pay. "
    "Please add one to your account, then come back."
)
ADDRESSES_UNKNOWN = "We couldn't load your addresses, which are needed to pay. Please try again."

# --- the payment form ----------------------------------------------------------------------------
GETTING_FORM = "Getting the payment form ready…"
# True while the card form is open whatever step it is on (details, processing, a bank check).
PAY_IN_FORM = "Pay in the card form below, including any check your bank asks for."
BASKET_CHANGED = (
    "Your basket changed, so the payment form was closed. "
    "Check your basket, then continue to payment again."
)
DETAILS_CHANGED = (
    "You changed your billing address or whether to save your card, so the payment form was "
    "closed. Continue to payment when you're ready."
)
CREDIT_CHANGED = (
    "You changed whether to use your account credit, so the payment form was closed. "
    "Continue to payment when you're ready."
)
FORM_CLOSED = "The payment form was closed because your basket changed."
REFUSED = "Your card was refused. No money was taken. Try again, or use another card."
CHALLENGE_CANCELLED = (
    "The check with your bank (3-D Secure) was cancelled, so no money was taken. "
    "Try again when you're ready, or use another card."
)
NOT_FOUND = (
    "The payment form expired: your session timed out or your basket changed. "
    "Your basket has been refreshed. Continue to get a new payment form."
)
COMPONENT_FAILED = "The payment form could not be loaded. Please try again."
PAYMENT_ERROR = "Something went wrong with the payment. Please try again."
TRY_AGAIN = "Please try again."
CONTINUE = "Continue to payment"
RETRY = "Try again"

# --- signing in and out --------------------------------------------------------------------------
SIGN_IN_NEEDS_BOTH = "Enter your email and password to sign in."
SESSION_SLOW = (
    "You're signed in, but the box office is taking longer than usual to confirm it. "
    "Wait a moment, then choose Check again."
)
SIGNED_OUT = "You have signed out."
SESSION_ENDED = "Your session has ended. Please sign in again; your basket is still here."
SESSION_ENDED_BASKET_GONE = (
    "You're no longer signed in (perhaps you signed out in another tab), and your basket is "
    "empty now. Please sign in again."
)
NOBODY_SIGNED_IN = (
    "The box office turned that request away because no one is signed in here. Please try again."
)


def signed_in(name: str) -> str:
    return f"Signed in as {name}."


# --- the basket ----------------------------------------------------------------------------------
ADDED = "Added to your basket."
CHOOSE_HOW_MANY = "Choose how many tickets you want, then add them to your basket."
NO_SUCH_AREA = "That seating area is not part of this performance. Please choose another."


def too_many_tickets(most: int) -> str:
    return f"You can add up to {most} tickets at a time."
REMOVED = "Removed from your basket."
PROMO_REMOVED = "Promo code removed."
PROMO_EMPTY = "Enter a promo code to apply it."


def promo_applied(code: str) -> str:
    return f"Promo code {code} applied."


# --- the rest of the basket ----------------------------------------------------------------------
AMOUNT_NEEDED = "Enter an amount in pounds, such as 10 or 12.50."
VOUCHER_NAME_NEEDED = "Enter the name of the person the gift voucher is for."
VOUCHER_EMAIL_WRONG = (
    "Enter the email address to send the gift voucher to, like name@example.com, "
    "or leave it empty to have it sent to you."
)
VOUCHER_CODE_NEEDED = "Enter the code printed on your gift voucher."
SIGN_IN_FOR_ITEMS = (
    "Memberships and gift vouchers need an account: sign in above to pay for them, "
    "or remove them to pay as a guest."
)
GIFT_AID_LABEL = "Yes, add Gift Aid to my donations"
# HMRC's model declaration for a one-off donation (wording of gov.uk's "Gift Aid declarations" page).
GIFT_AID_DECLARATION = (
    "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax "
    "in the current tax year than the amount of Gift Aid claimed on all my donations, it is my "
    "responsibility to pay any difference."
)
GIFT_AID_ADDED = "Thank you: Gift Aid will be added to your donations."
GIFT_AID_REMOVED = "Gift Aid will not be added to your donations."
DELIVERY_CHOSEN = "Delivery changed."
CREDIT_FORM_CLOSED = "The payment form was closed because your account credit changed."


def donation_added(amount: str, fund: str) -> str:
    return f"Your donation of {amount} to the {fund} is in your basket. Thank you."


def membership_saving(amount: str) -> str:
    return f"Join and save {amount} on this basket"


def joined(membership: str) -> str:
    return f"{membership} membership added to your basket."


def merchandise_added(name: str) -> str:
    return f"{name} added to your basket."


def voucher_added(amount: str, to_name: str) -> str:
    return f"A {amount} gift voucher for {to_name} is in your basket."


def voucher_redeemed(amount: str, balance: str) -> str:
    return f"{amount} was added to your account credit. You now have {balance}."


# --- guests (Direct Checkout) --------------------------------------------------------------------
GUEST_DETAILS_CHANGED = (
    "You changed your details, so the payment form was closed. "
    "Continue to payment when you're ready."
)
GUEST_FORM_CLOSED = "The guest payment form was closed: continue to pay with your account."
GUEST_DETAILS_REOPENED = (
    "The payment form was closed so that you can change your details. "
    "Continue to payment when you're ready."
)
CUSTOMER_SIGNED_IN_ELSEWHERE = (
    "You are signed in (perhaps in another tab), so you pay with your account. "
    "Check your details, then continue to payment."
)
GUEST_SIGN_IN_OFFER = (
    "Have an account? Sign in above to use your saved addresses, stored cards and account credit. "
    "You don't need one to pay."
)


def guest_problems(count: int) -> str:
    """The notice when the guest's details need fixing (each field also has its own message)."""
    fields = "1 field needs" if count == 1 else f"{count} fields need"
    return f"Check your details: {fields} your attention."


# --- account credit ------------------------------------------------------------------------------
def credit_balance(amount: str) -> str:
    return f"You have {amount} of account credit."


def credit_label(amount: str) -> str:
    return f"Use my account credit ({amount})"


def credit_pays_all(credit: str) -> str:
    return f"Your account credit pays all of it ({credit}): nothing to pay by card."


def credit_and_card(credit: str, card: str) -> str:
    return f"{credit} from your account credit, {card} to pay by card."


# --- stored cards --------------------------------------------------------------------------------
CARDS_UNKNOWN = "We couldn't load your stored cards just now."
NO_STORED_CARDS = "You have no stored cards."
CARD_ALREADY_GONE = "That card had already been removed."


def card_removed(name: str) -> str:
    return f"Your {name} was removed."


def card_removal_failed(name: str, why: str) -> str:
    return f"We couldn't remove your {name}: {why}"


def card_question(name: str) -> str:
    return f"Remove your {name}? You can't undo this."


# --- the order -----------------------------------------------------------------------------------
PAID_NO_ORDER_ID = "Thank you: your payment is complete. Your confirmation email has the order number."


def paid(number: str) -> str:
    return f"Thank you: your payment is complete. Order {number}."


def order_unknown(order_id: str, why: str) -> str:
    return f"Your payment is complete (order {order_id}), but we couldn't load the details just now: {why}"


def confirmation_to(email: str) -> str:
    return f"Your confirmation goes to {email}."


# --- the page as a whole -------------------------------------------------------------------------
UNEXPECTED = "Something went wrong on this page. Please try again."


def misconfigured(problem: str) -> str:
    return f"The checkout is not configured correctly: {problem}"
