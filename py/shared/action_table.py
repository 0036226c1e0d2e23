"""Every action the page can send the checkout worker, in one table both sides read (it runs on
MicroPython in the page and on Pyodide/CPython in the worker, so it is plain literals).

A row is `name: (kind, busy_text, arguments)`:
- `kind`: actions of one kind are refused while one is in flight (a double click on Add adds one
  ticket); None: never refused, the worker takes it in turn (a choice made, a payment event).
- `busy_text`: what the control that sent it says while it is in flight (None: no control shows it,
  and the page's last announcement stays: nobody pressed anything).
- `arguments`: the names of the values sent with it, as one JSON object.

Adding an action is one row here and its handling: the page's binding (py/page/) and the worker's
message for it (py/worker/messages.py). tests/unit/test_action_table.py checks that the page, the
worker and docs/contract.md agree with this table.
"""

BACKGROUND = "background"  # the kind of the work nobody asked for: not something the person did

ACTIONS = {
    "retry_start": ("start", "Trying again…", ()),
    "sign_in": ("sign-in", "Signing in…", ("email", "password")),
    "check_sign_in": ("sign-in", "Checking…", ()),
    "sign_out": ("sign-out", "Signing out…", ()),
    "choose_tickets": ("prices", "Loading prices…", ("instance_id",)),
    "add_tickets": ("add", "Adding…", ("instance_id", "area_id", "quantities")),
    "remove_ticket": ("remove", "Removing…", ("ticket_id",)),
    "apply_promo_code": ("promo", "Applying…", ("code",)),
    "choose_address": (None, None, ("address_id",)),
    "choose_store_card": (None, None, ("store_card",)),
    "choose_use_credit": (None, None, ("use_credit",)),
    "continue_to_payment": ("continue", "Getting the payment form ready…", ("guest_values",)),
    "edit_guest": (None, None, ("guest_values",)),
    "change_guest_details": (None, None, ()),
    "payment_event": (None, None, ("name", "form_key", "order_id", "message", "result_code")),
    "returned": ("return", None, ("event_type",)),
    "background": (BACKGROUND, None, ()),  # sent when a screen asks: the work nobody asked for
    "ask_remove_card": (None, None, ("card_id",)),
    "cancel_remove_card": (None, None, ("card_id",)),
    "remove_card": ("card", "Removing…", ("card_id",)),
    "add_donation": ("donation", "Adding…", ("fund_id", "amount")),
    "choose_gift_aid": ("gift-aid", None, ("gift_aid",)),
    "join_membership": ("membership", "Adding…", ("membership_id",)),
    "add_merchandise": ("merchandise", "Adding…", ("stock_item_id",)),
    "buy_gift_voucher": ("gift-voucher", "Adding…", ("voucher_values",)),
    "redeem_gift_voucher": ("redeem", "Redeeming…", ("code",)),
    "choose_delivery": ("delivery", None, ("delivery_id",)),
    "remove_item": ("remove", "Removing…", ("kind", "item_id")),
}
