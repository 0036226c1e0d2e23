"""Sample Spektrix JSON in the shapes of docs/contract.md, shared by the unit tests."""

from __future__ import annotations

ADDRESS = {
    "id": "A1",
    "isBilling": True,
    "isDelivery": False,
    "name": "Home",
    "line1": "1 Stage Door Lane",
    "line2": "",
    "line3": None,
    "line4": "",
    "line5": "",
    "town": "London",
    "postcode": "SE1 9PX",
    "country": "GB",
    "administrativeDivision": "",
}

CUSTOMER = {
    "id": "C1",
    "email": "demo@example.com",
    "firstName": "Dana",
    "lastName": "Demo",
    "name": "Dana Demo",
    "title": "Ms",
    "billingAddress": ADDRESS,
    "deliveryAddress": None,
    "creditBalance": 0.0,
    "giftAidDeclarationRequired": False,
}

TICKET = {
    "id": "T1",
    "event": {"id": "E1", "name": "Hamlet"},
    "instance": {"id": "I1", "start": "2026-12-04T19:30:00"},
    "type": {"id": "TT1", "name": "Adult"},
    "priceBand": {"id": "B1", "name": "Standard"},
    "price": 25.0,
    "discount": 2.5,
    "total": 22.5,
}

BASKET = {
    "id": "BK1",
    "hash": "h1",
    "tickets": [TICKET],
    "charges": [{"name": "Booking fee", "amount": 1.5}],
    "subtotal": 25.0,
    "totalDiscount": 2.5,
    "total": 24.0,
    "promoCode": "WELCOME10",
    "customer": {"id": "C1"},
    "currency": "GBP",
}

INSTANCE = {
    "id": "I1",
    "start": "2026-12-04T19:30:00",
    "event": {"id": "E1"},
    "planId": "P1",
    "isOnSale": True,
}

EVENT = {
    "id": "E1",
    "name": "Hamlet",
    "description": "A tragedy.",
    "duration": 180,
    "firstInstanceDateTime": "2026-12-04T19:30:00",
    "lastInstanceDateTime": "2026-12-04T19:30:00",
    "isOnSale": True,
    "instances": [INSTANCE],
}

PRICE_LIST = {
    "id": "I1",
    "prices": [
        {
            "ticketType": {"id": "TT1", "name": "Adult"},
            "priceBand": {"id": "B1", "name": "Standard"},
            "amount": 25.0,
            "isBandDefault": True,
        }
    ],
}

ORDER = {
    "id": "O1",
    "createdAt": "2026-11-27T10:00:00Z",
    "customer": {"id": "C1"},
    "tickets": [TICKET],
    "charges": [{"name": "Booking fee", "amount": 1.5}],
    "total": 24.0,
    "currency": "GBP",
    "payment": {"maskedNumber": "************1111", "cardHolderName": "Dana Demo"},
    "storeCard": True,
}
