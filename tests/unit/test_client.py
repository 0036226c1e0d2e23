"""SpektrixClient against fake openers: CPython's urlopen (raises HTTPError for 4xx/5xx) and
pyodide-http's (returns a response for every status; a failed XHR raises a JS exception)."""

from __future__ import annotations

import http.client
import io
import json
import urllib.error
import urllib.request
from decimal import Decimal
from email.message import Message
from typing import Any

import pytest
from spektrix_json import ADDRESS, BASKET, CUSTOMER, EVENT, ORDER, PRICE_LIST

from client import ApiError, ErrorKind, SpektrixClient, build_initiate_body

API = "https://tickets.mytheatre.com/mytheatre/api/v3/"
CPYTHON, PYODIDE = "cpython", "pyodide"


class JsException(Exception):
    """Stands in for pyodide.ffi.JsException (a failed XMLHttpRequest)."""


class _FakeSocket:
    def __init__(self, raw: bytes) -> None:
        self._raw = raw

    def makefile(self, mode: str) -> io.BytesIO:
        return io.BytesIO(self._raw)


def http_response(status: int, body: bytes) -> http.client.HTTPResponse:
    """A real HTTPResponse over canned bytes: what pyodide-http's urlopen returns."""
    raw = b"HTTP/1.1 %d X\r\nContent-Length: %d\r\n\r\n%s" % (status, len(body), body)
    response = http.client.HTTPResponse(_FakeSocket(raw))  # type: ignore[arg-type]
    response.begin()
    return response


class FakeOpener:
    """Stands in for urlopen: records each Request and answers with the next queued reply."""

    def __init__(self, style: str) -> None:
        self.style = style
        self.requests: list[urllib.request.Request] = []
        self._replies: list[tuple[int, bytes] | BaseException] = []

    def reply(self, status: int, body: Any = b"") -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self._replies.append((status, payload))

    def fail(self, error: BaseException) -> None:
        self._replies.append(error)

    def __call__(self, request: urllib.request.Request) -> Any:
        self.requests.append(request)
        reply = self._replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        status, payload = reply
        if self.style == CPYTHON and status >= 400:
            raise urllib.error.HTTPError(request.full_url, status, "error", Message(), io.BytesIO(payload))
        return http_response(status, payload)

    @property
    def last(self) -> urllib.request.Request:
        return self.requests[-1]


@pytest.fixture(params=[CPYTHON, PYODIDE])
def opener(request: pytest.FixtureRequest) -> FakeOpener:
    return FakeOpener(request.param)


@pytest.fixture
def client(opener: FakeOpener) -> SpektrixClient:
    return SpektrixClient(API, urlopen=opener, network_errors=(JsException,))


def body_of(request: urllib.request.Request) -> Any:
    assert isinstance(request.data, bytes)
    return json.loads(request.data)


def failure(call: Any) -> ApiError:
    with pytest.raises(ApiError) as caught:
        call()
    return caught.value


# --- requests ---------------------------------------------------------------------------------


def test_get_sends_no_headers_and_an_absolute_url(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, [ADDRESS])
    (address,) = client.addresses()
    assert address.id == "A1"
    assert opener.last.get_method() == "GET"
    assert opener.last.full_url == API + "customer/addresses"
    assert opener.last.data is None
    assert opener.last.header_items() == []


def test_the_start_reads_are_the_urls_the_start_asks_for(client: SpektrixClient, opener: FakeOpener) -> None:
    """What a browser sends ahead (http_in_browser.ReadAhead) is answered to these very calls."""
    opener.reply(200, CUSTOMER)
    opener.reply(200, BASKET)
    opener.reply(200, [EVENT])
    for _ in range(3):
        opener.reply(200, [])
    client.current_customer(), client.basket(), client.events()
    client.funds(), client.memberships(), client.stock_items()
    assert client.start_reads() == tuple(request.full_url for request in opener.requests)
    assert all(request.get_method() == "GET" for request in opener.requests)


def test_json_body_sends_only_content_type(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, CUSTOMER)
    client.authenticate("demo@example.com", "demo-pass-1")
    assert opener.last.get_method() == "POST"
    assert opener.last.full_url == API + "customer/authenticate"
    assert opener.last.header_items() == [("Content-type", "application/json")]
    assert body_of(opener.last) == {"email": "demo@example.com", "password": "demo-pass-1"}


def test_api_base_must_be_absolute_and_gains_a_trailing_slash(opener: FakeOpener) -> None:
    assert SpektrixClient(API.rstrip("/")).api_base == API
    with pytest.raises(ValueError, match="absolute"):
        SpektrixClient("tickets.mytheatre.com/mytheatre/api/v3/")


def test_default_opener_is_looked_up_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    client = SpektrixClient(API)  # made before the patch, as in the browser
    patched = FakeOpener(PYODIDE)
    monkeypatch.setattr(urllib.request, "urlopen", patched)
    patched.reply(200, CUSTOMER)
    assert client.current_customer() is not None
    assert patched.last.full_url == API + "customer"


def test_current_customer(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, CUSTOMER)
    customer = client.current_customer()
    assert customer is not None
    assert customer.email == "demo@example.com"


def test_current_customer_is_none_when_not_signed_in(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(401, {"message": "Not signed in.", "code": "NotAuthenticated"})
    assert client.current_customer() is None


def test_deauthenticate(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(204)
    client.deauthenticate()
    assert (opener.last.get_method(), opener.last.full_url) == (
        "POST",
        API + "customer/deauthenticate",
    )
    assert opener.last.header_items() == []


def test_deauthenticate_when_already_signed_out(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(401, {"message": "Not signed in.", "code": "NotAuthenticated"})
    client.deauthenticate()


def test_events_are_fetched_with_their_instances(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, [EVENT])
    (event,) = client.events()
    assert event.instances[0].id == "I1"
    assert opener.last.full_url == API + "events?$expand=instances"


def test_price_list_percent_encodes_the_instance_id(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, PRICE_LIST)
    assert client.price_list("I1/../x y")[0].amount == Decimal("25.0")
    assert opener.last.full_url == API + "instances/I1%2F..%2Fx%20y/price-list"


def test_basket(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, BASKET)
    assert client.basket().hash == "h1"
    assert opener.last.full_url == API + "basket?$expand=tickets/event,tickets/instance"


@pytest.mark.parametrize("answer", [BASKET, [{"id": "T1"}], {"unexpected": True}])
def test_add_tickets_whatever_the_answer_holds(
    client: SpektrixClient, opener: FakeOpener, answer: Any
) -> None:
    """The basket after an add is read with GET basket: the add's own answer may be the basket
    (the sandbox today) or the added tickets (what a live client expects)."""
    opener.reply(200, answer)
    assert client.add_tickets("I1", "", ["TT1"]) is None
    assert (opener.last.get_method(), opener.last.full_url) == ("POST", API + "basket/tickets")
    assert body_of(opener.last) == [{"instance": "I1", "type": "TT1"}]  # no area: Spektrix chooses


def test_add_tickets_sends_one_item_per_ticket_in_the_area_chosen(
    client: SpektrixClient, opener: FakeOpener
) -> None:
    opener.reply(200, [])
    client.add_tickets("I1", "2", ["TT1", "TT1", "TT2"])
    assert body_of(opener.last) == [
        {"instance": "I1", "type": "TT1", "seatingPlan": "2"},
        {"instance": "I1", "type": "TT1", "seatingPlan": "2"},
        {"instance": "I1", "type": "TT2", "seatingPlan": "2"},
    ]
    with pytest.raises(ValueError, match="at least one"):
        client.add_tickets("I1", "", [])


def test_remove_tickets(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(204)
    assert client.remove_tickets(["T1", "T/2"]) is None
    assert opener.last.get_method() == "DELETE"
    assert opener.last.full_url == API + "basket/tickets?ticketIds=T1,T%2F2"
    assert opener.last.data is None


def test_remove_tickets_needs_an_id(client: SpektrixClient) -> None:
    with pytest.raises(ValueError, match="at least one"):
        client.remove_tickets([])


def test_apply_promo_code(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, BASKET)
    assert client.apply_promo_code("WELCOME10").promo_code == "WELCOME10"
    assert (opener.last.get_method(), opener.last.full_url) == ("PATCH", API + "basket")
    assert body_of(opener.last) == {"promoCode": "WELCOME10"}


def test_order_percent_encodes_the_id(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, ORDER)
    assert client.order("O 1").id == "O1"
    assert opener.last.full_url == API + "orders/O%201"


# --- initiate-customer-payment ----------------------------------------------------------------


@pytest.mark.parametrize(("store_card", "flag"), [(True, "true"), (False, "false")])
def test_build_initiate_body(store_card: bool, flag: str) -> None:
    assert build_initiate_body("www.mytheatre.com", "A1", store_card) == {
        "originDomain": "www.mytheatre.com",
        "billingAddressId": "A1",
        "storeCard": flag,
    }


def test_initiate_returns_the_token_and_keeps_no_copy(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, {"paymentToken": "tok-secret-123"})
    token = client.initiate_customer_payment("www.mytheatre.com", "A1", store_card=False)
    assert token == "tok-secret-123"
    assert (opener.last.get_method(), opener.last.full_url) == (
        "POST",
        API + "basket/initiate-customer-payment",
    )
    assert opener.last.header_items() == [("Content-type", "application/json")]
    assert opener.last.data == json.dumps(build_initiate_body("www.mytheatre.com", "A1", False)).encode(
        "utf-8"
    )
    assert "tok-secret-123" not in repr(vars(client))


def test_initiate_without_a_token_is_malformed(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, {"token": "x"})
    error = failure(lambda: client.initiate_customer_payment("a.com", "A1", True))
    assert error.kind is ErrorKind.MALFORMED


# --- error mapping ----------------------------------------------------------------------------


def test_401_is_unauthenticated(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(401, {"message": "You are not signed in.", "code": "NotAuthenticated"})
    error = failure(client.addresses)
    assert (error.kind, error.status, error.code) == (
        ErrorKind.UNAUTHENTICATED,
        401,
        "NotAuthenticated",
    )
    assert error.user_message == ("You're not signed in, or your session has ended. Please sign in.")


@pytest.mark.parametrize("status", [401, 404])
def test_refused_sign_in_is_invalid_credentials(
    client: SpektrixClient, opener: FakeOpener, status: int
) -> None:
    opener.reply(status, {"message": "Invalid credentials.", "code": "InvalidCredentials"})
    error = failure(lambda: client.authenticate("demo@example.com", "wrong-pass"))
    assert (error.kind, error.status) == (ErrorKind.INVALID_CREDENTIALS, status)
    assert error.user_message == "That email and password don't match an account."
    assert "wrong-pass" not in repr(error)


def test_a_bad_sign_in_request_is_rejected(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(400, {"message": "email must be a string.", "code": "InvalidRequest"})
    error = failure(lambda: client.authenticate("", "x"))
    assert (error.kind, error.user_message) == (ErrorKind.REJECTED, "email must be a string.")


def test_4xx_is_rejected_with_spektrix_message(client: SpektrixClient, opener: FakeOpener) -> None:
    message = "The promo code 'NOPE' is not valid."
    opener.reply(400, {"message": message, "code": "InvalidPromoCode"})
    error = failure(lambda: client.apply_promo_code("NOPE"))
    assert (error.kind, error.status, error.code) == (ErrorKind.REJECTED, 400, "InvalidPromoCode")
    assert error.message == error.user_message == message


@pytest.mark.parametrize(
    "body", [b"<html><body><h1>403 Forbidden</h1></body></html>", b"", b'["x"]', b'{"message": 3}']
)
def test_4xx_without_a_spektrix_message_gets_a_plain_sentence(
    client: SpektrixClient, opener: FakeOpener, body: bytes
) -> None:
    opener.reply(403, body)
    error = failure(client.basket)
    assert (error.kind, error.status) == (ErrorKind.REJECTED, 403)
    assert error.user_message == "The box office couldn't accept that request. Please try again."


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_is_server(client: SpektrixClient, opener: FakeOpener, status: int) -> None:
    opener.reply(status, b"<html>Bad gateway</html>")
    error = failure(client.basket)
    assert (error.kind, error.status) == (ErrorKind.SERVER, status)
    assert error.user_message == ("The box office is having trouble right now. Please try again in a moment.")


@pytest.mark.parametrize("body", [b"<html>Hello</html>", b"\xff\xfe{", b"{"])
def test_a_body_that_is_not_json_is_malformed(
    client: SpektrixClient, opener: FakeOpener, body: bytes
) -> None:
    opener.reply(200, body)
    error = failure(client.basket)
    assert (error.kind, error.status) == (ErrorKind.MALFORMED, 200)
    assert "not JSON" in error.message
    assert "<html>" not in error.user_message


def test_a_body_of_the_wrong_shape_is_malformed(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(200, {"id": "BK1"})
    error = failure(client.basket)
    assert (error.kind, error.message) == (ErrorKind.MALFORMED, "basket.hash is missing.")


def test_an_empty_body_where_data_is_due_is_malformed(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(204)
    assert failure(client.basket).kind is ErrorKind.MALFORMED


def test_status_zero_is_network() -> None:
    opener = FakeOpener(PYODIDE)  # pyodide-http builds an HTTPResponse even from a status-0 XHR
    opener.reply(0, b"")
    assert failure(SpektrixClient(API, urlopen=opener).basket).kind is ErrorKind.NETWORK


def test_an_unfollowed_redirect_is_network(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.reply(300, b"")
    error = failure(client.basket)
    assert (error.kind, error.status) == (ErrorKind.NETWORK, 300)


@pytest.mark.parametrize(
    "error",
    [
        urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
        ConnectionResetError(104, "Connection reset by peer"),
        http.client.RemoteDisconnected("Remote end closed connection without response"),
        TimeoutError("timed out"),
        JsException("NetworkError: Failed to execute 'send' on 'XMLHttpRequest'"),
    ],
)
def test_network_failures(client: SpektrixClient, opener: FakeOpener, error: Exception) -> None:
    opener.fail(error)
    caught = failure(lambda: client.authenticate("demo@example.com", "demo-pass-1"))
    assert (caught.kind, caught.status) == (ErrorKind.NETWORK, None)
    assert caught.__cause__ is error
    assert caught.user_message == ("We couldn't reach the box office. Check your connection and try again.")
    assert "demo-pass-1" not in repr(caught)


def test_an_unreadable_response_is_malformed(client: SpektrixClient, opener: FakeOpener) -> None:
    opener.fail(UnicodeEncodeError("ascii", "caf\u00e9", 3, 4, "ordinal not in range(128)"))
    caught = failure(client.basket)
    assert caught.kind is ErrorKind.MALFORMED
    assert caught.user_message == "The box office sent a reply we couldn't read. Please try again."


def test_only_the_named_js_errors_count_as_network(opener: FakeOpener) -> None:
    opener.fail(JsException("boom"))
    with pytest.raises(JsException):
        SpektrixClient(API, urlopen=opener).basket()


def test_responses_are_closed(client: SpektrixClient, opener: FakeOpener) -> None:
    responses: list[Any] = []

    def recording(request: urllib.request.Request) -> Any:
        try:
            response = opener(request)
        except urllib.error.HTTPError as error:
            responses.append(error)
            raise
        responses.append(response)
        return response

    opener.reply(200, BASKET)
    opener.reply(503, b"{}")
    recorded = SpektrixClient(API, urlopen=recording)
    recorded.basket()
    failure(recorded.basket)
    assert all(response.fp is None or response.fp.closed for response in responses)


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_a_plain_user_message(kind: ErrorKind) -> None:
    error = ApiError(kind, "That didn't work.")
    assert error.user_message.endswith(".")
    assert "Traceback" not in error.user_message
    assert error.kind == kind.value
