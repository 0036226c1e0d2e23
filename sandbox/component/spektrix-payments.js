/*
 * Stand-in <spektrix-payments> web component for the local Spektrix sandbox.
 *
 * The real component (https://webcomponents.spektrix.com/stable/spektrix-payments.js) is powered by
 * Adyen and talks to Spektrix; nobody can reach that from here, so this file emulates it against
 * the sandbox's own back end (docs/contract.md, "Sandbox: the stand-in component's back end"):
 *   POST {base}/__sandbox__/payments/session  {paymentToken, systemName}
 *   POST {base}/__sandbox__/payments/pay      {paymentToken, systemName, cardNumber, expiryDate,
 *                                              securityCode, cardHolderName, challenge}
 * where {base} is the custom domain with the contract's scheme rule (see baseUrl()).
 * Customer Checkout and Direct Checkout tokens work alike. The session says what the card pays
 * (`amount`) and what account credit pays (`credit`); when credit pays it all, no card is asked
 * for and "Pay" sends the token alone.
 *
 * Test cards (any future expiry MM/YY, any 3-digit security code, any name):
 *   4111 1111 1111 1111   pays
 *   4000 0000 0000 0002   refused
 *   5454 5454 5454 5454   3-D Secure challenge, then pays (Approve) or is refused (Cancel)
 *   4000 0000 0000 0119   error ("The payment could not be processed.")
 *
 * Plain modern JavaScript, no build step, no dependencies. Light DOM, built with createElement /
 * textContent only. The payment token is never logged, stored or copied out of this element.
 * Loading this script twice is harmless (everything is scoped and the define is guarded).
 */
(() => {
  "use strict";

  const TAG_NAME = "spektrix-payments"; // [official] seed doc: <spektrix-payments>

  // Attribute names. Source: seed doc (Customer Checkout web component sample) and
  // docs/spektrix-api.md "Payments API". Confidence: [official] for all but store-card, which is
  // [3rd-party] (seen in third-party code, not in Spektrix's docs).
  const ATTRS = Object.freeze({
    customDomain: "custom-domain", // [official] domain only, no scheme
    systemName: "system-name", // [official] client name
    paymentToken: "payment-token", // [official]
    billingAddressId: "billing-address-id", // [official]
    storeCard: "store-card", // [3rd-party] "true" / "false"
  });

  // Event names dispatched by the element. Source: docs/spektrix-api.md "Payments API".
  // Confidence: [3rd-party] (public third-party code that listens to the real component).
  const EVENTS = Object.freeze({
    completed: "onPaymentCompleted", // detail.orderId
    refused: "onPaymentRefused", // detail.message, detail.resultCode (see RESULT_CODES)
    notFound: "onPaymentNotFound", // token unknown, used, expired or basket changed
    error: "onError", // detail.message
  });

  // The sandbox's own endpoints for this stand-in (not Spektrix's): docs/contract.md.
  const ENDPOINTS = Object.freeze({
    session: "/__sandbox__/payments/session",
    pay: "/__sandbox__/payments/pay",
  });

  const CHALLENGE = Object.freeze({ approve: "approve", cancel: "cancel" });

  // What a refusal was, in Adyen's payment result codes (the real component is powered by Adyen):
  // a refused card, or a 3-D Secure check the buyer cancelled. That Spektrix's component passes
  // this on is [unconfirmed]; the stand-in does, so a page can say which happened.
  const RESULT_CODES = Object.freeze({ refused: "Refused", cancelled: "Cancelled" });

  const MESSAGES = Object.freeze({
    network: "The payment service could not be reached.",
    unexpected: "The payment service sent an unexpected response.",
    noDomain: "The custom-domain attribute is missing or not a domain.",
    notFound: "This payment has expired or was already used.",
  });

  const FAILED = "Payment failed.";
  // The sandbox's 400s end "(field 'cardNumber')": which field; not for the customer's eyes.
  const FIELD_SUFFIX = /\s*\(field '(\w+)'\)\s*$/;

  let instanceCounter = 0;

  /**
   * The ONE place that turns the custom-domain attribute into a base URL (docs/contract.md,
   * "Origins"): a loopback host (127.*, localhost, ::1 / [::1]) uses http://, anything else
   * https://.
   * Returns null when the value is not a bare host[:port].
   */
  function baseUrl(customDomain) {
    const value = (customDomain || "").trim().replace(/\/+$/, "");
    if (!value || /[\s/?#@\\]/.test(value)) return null;
    let host;
    let authority = value;
    if (value.startsWith("[")) {
      const end = value.indexOf("]");
      if (end < 0) return null;
      host = value.slice(1, end).toLowerCase();
      const rest = value.slice(end + 1);
      if (rest && !/^:\d{1,5}$/.test(rest)) return null;
    } else if ((value.match(/:/g) || []).length > 1) {
      host = value.toLowerCase(); // a bare IPv6 literal, no port
      authority = `[${value}]`;
    } else {
      const [name, port] = value.split(":");
      if (!name || (port !== undefined && !/^\d{1,5}$/.test(port))) return null;
      host = name.toLowerCase();
    }
    const loopback = host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
    const url = `${loopback ? "http" : "https"}://${authority}`;
    try {
      return new URL(url).origin;
    } catch {
      return null;
    }
  }

  function formatAmount(amount, currency) {
    const number = Number(amount);
    if (!Number.isFinite(number)) return String(amount);
    try {
      return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(number);
    } catch {
      return `${currency || ""} ${number.toFixed(2)}`.trim();
    }
  }

  function luhnValid(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i += 1) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return sum % 10 === 0;
  }

  /** Client-side checks. Returns {values, errors} with errors keyed by field name. */
  function validate(raw, now = new Date()) {
    const errors = {};
    const cardNumber = raw.cardNumber.replace(/[\s-]/g, "");
    if (!cardNumber) errors.cardNumber = "Enter the card number.";
    else if (!/^\d{12,19}$/.test(cardNumber) || !luhnValid(cardNumber))
      errors.cardNumber = "Enter a valid card number.";

    let expiryDate = "";
    const expiry = raw.expiryDate.replace(/\s/g, "");
    const match = /^(\d{1,2})\/?(\d{2})$/.exec(expiry);
    if (!expiry) errors.expiryDate = "Enter the expiry date.";
    else if (!match || Number(match[1]) < 1 || Number(match[1]) > 12)
      errors.expiryDate = "Enter the expiry date as MM/YY.";
    else {
      const month = Number(match[1]);
      const year = 2000 + Number(match[2]);
      const thisMonth = now.getFullYear() * 12 + now.getMonth();
      if (year * 12 + (month - 1) < thisMonth) errors.expiryDate = "This card has expired.";
      else expiryDate = `${String(month).padStart(2, "0")}/${match[2]}`;
    }

    const securityCode = raw.securityCode.trim();
    if (!securityCode) errors.securityCode = "Enter the security code.";
    else if (!/^\d{3,4}$/.test(securityCode))
      errors.securityCode = "Enter the 3 or 4 digit security code.";

    const cardHolderName = raw.cardHolderName.trim().replace(/\s+/g, " ");
    if (!cardHolderName) errors.cardHolderName = "Enter the name on the card.";

    return { values: { cardNumber, expiryDate, securityCode, cardHolderName }, errors };
  }

  /** Which field a server 400 is about: an explicit `field`, else the field its message names. */
  function fieldOfServerError(body) {
    const known = ["cardNumber", "expiryDate", "securityCode", "cardHolderName"];
    if (body && known.includes(body.field)) return body.field;
    const named = FIELD_SUFFIX.exec((body && body.message) || "");
    if (named && known.includes(named[1])) return named[1];
    const text = `${(body && body.message) || ""} ${(body && body.code) || ""}`.toLowerCase();
    if (/card ?number/.test(text)) return "cardNumber";
    if (/expiry/.test(text)) return "expiryDate";
    if (/security ?code|cvc|cvv/.test(text)) return "securityCode";
    if (/card ?holder|name on card|holder ?name/.test(text)) return "cardHolderName";
    return null;
  }

  /** POST JSON; resolves {status, body} (body null if not JSON); rejects on network failure. */
  async function postJson(url, payload, signal) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      credentials: "omit", // the token is the only authority; no cookies needed
      cache: "no-store",
      signal,
    });
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    return { status: response.status, body };
  }

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) node.append(child);
    return node;
  }

  const FIELDS = Object.freeze([
    {
      name: "cardNumber",
      label: "Card number",
      autocomplete: "cc-number",
      inputmode: "numeric",
      maxlength: 23,
      placeholder: "1234 5678 9012 3456",
    },
    {
      name: "expiryDate",
      label: "Expiry date",
      hint: "MM/YY",
      autocomplete: "cc-exp",
      inputmode: "numeric",
      maxlength: 7,
      placeholder: "MM/YY",
    },
    {
      name: "securityCode",
      label: "Security code",
      hint: "3 or 4 digits",
      autocomplete: "cc-csc",
      inputmode: "numeric",
      maxlength: 4,
    },
    { name: "cardHolderName", label: "Name on card", autocomplete: "cc-name", maxlength: 100 },
  ]);

  class SpektrixPayments extends HTMLElement {
    static get observedAttributes() {
      return Object.values(ATTRS);
    }

    constructor() {
      super();
      this._uid = `spektrix-payments-${(instanceCounter += 1)}`;
      this._generation = 0; // bumps on every (re)load; stale responses are dropped
      this._abort = null;
      this._loadedKey = null; // which domain/system/token the current render belongs to
      this._scheduled = false;
      this._final = false;
      this._busy = false;
      this._session = null;
      this._ui = null;
      this._statusOnly = null;
      this._card = null;
    }

    connectedCallback() {
      this.classList.add("adyen-checkout__spektrix-payments");
      if (this._loadedKey !== this._key() || !this._final) this._scheduleLoad();
    }

    disconnectedCallback() {
      this._cancelInFlight();
      if (!this._final) this._loadedKey = null;
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue || !this.isConnected) return;
      if (name === ATTRS.paymentToken || name === ATTRS.customDomain || name === ATTRS.systemName) {
        this._scheduleLoad();
      } else if (name === ATTRS.storeCard && this._ui) {
        this._ui.storeCardNote.hidden = !this._showsStoreCardNote();
      }
    }

    _attr(name) {
      return (this.getAttribute(name) || "").trim();
    }

    _storeCard() {
      return this._attr(ATTRS.storeCard).toLowerCase() === "true";
    }

    _key() {
      return JSON.stringify([
        this._attr(ATTRS.customDomain),
        this._attr(ATTRS.systemName),
        this._attr(ATTRS.paymentToken),
      ]);
    }

    // Several attributes are often set one after another: load once, after they are all in.
    _scheduleLoad() {
      if (this._scheduled) return;
      this._scheduled = true;
      queueMicrotask(() => {
        this._scheduled = false;
        if (this.isConnected && this._key() !== this._loadedKey) this._load();
      });
    }

    _cancelInFlight() {
      this._generation += 1;
      if (this._abort) this._abort.abort();
      this._abort = null;
      this._busy = false;
    }

    _emit(name, detail = {}) {
      this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    }

    async _load() {
      this._cancelInFlight();
      this._loadedKey = this._key();
      this._final = false;
      this._session = null;
      this._card = null;
      const generation = this._generation;
      const token = this._attr(ATTRS.paymentToken);
      const base = baseUrl(this._attr(ATTRS.customDomain));
      this._renderStatusOnly(token ? "Loading the payment form…" : "Waiting for a payment token.");
      if (!token) return; // the host page has not set a token yet
      if (!base) {
        this._finish(EVENTS.error, { message: MESSAGES.noDomain }, "Payment form unavailable.");
        return;
      }
      this._abort = new AbortController();
      let reply;
      try {
        reply = await postJson(
          base + ENDPOINTS.session,
          { paymentToken: token, systemName: this._attr(ATTRS.systemName) },
          this._abort.signal,
        );
      } catch {
        if (generation !== this._generation) return;
        this._finish(EVENTS.error, { message: MESSAGES.network }, "Payment form unavailable.");
        return;
      }
      if (generation !== this._generation) return;
      this._abort = null;
      const { status, body } = reply;
      if (status === 404) {
        this._finishNotFound(body);
      } else if (status !== 200 || !body || body.amount === undefined || !body.currency) {
        this._finish(
          EVENTS.error,
          { message: messageOf(body, MESSAGES.unexpected) },
          "Payment form unavailable.",
        );
      } else {
        this._session = {
          amount: body.amount,
          credit: Number(body.credit) || 0,
          currency: String(body.currency),
        };
        this._renderForm();
      }
    }

    // ---------- rendering ----------

    _clear() {
      this.replaceChildren();
    }

    /** The form's own live status line: announced politely, but not a role="status" of the
     * page's (a page's get_by_role("status") finds only its own). */
    _statusRegion(text) {
      const status = el("p", {
        className: "adyen-checkout__status",
        "aria-live": "polite",
        "aria-atomic": "true",
        id: `${this._uid}-status`,
      });
      status.textContent = text || "";
      return status;
    }

    _renderStatusOnly(text) {
      this._clear();
      const status = this._statusRegion(text);
      this.append(el("div", { className: "adyen-checkout__card-input" }, [status]));
      this._ui = null;
      this._statusOnly = status;
    }

    /** No card, no card to store. */
    _showsStoreCardNote() {
      return this._storeCard() && !this._nothingByCard();
    }

    /** Account credit pays it all (or nothing is due): no card to ask for. */
    _nothingByCard() {
      return Number(this._session.amount) === 0;
    }

    _renderForm() {
      this._clear();
      this._statusOnly = null;
      const uid = this._uid;
      const { amount: toPay, credit, currency } = this._session;
      const amountText = this._nothingByCard()
        ? "Nothing to pay by card"
        : `Pay ${formatAmount(toPay, currency)}${credit > 0 ? " by card" : ""}`;
      const amount = el("p", {
        className: "adyen-checkout__amount",
        id: `${uid}-amount`,
        text: amountText,
      });
      const creditNote = el("p", {
        className: "adyen-checkout__credit",
        id: `${uid}-credit`,
        text: `${formatAmount(credit, currency)} is paid from your account credit.`,
      });
      creditNote.hidden = !(credit > 0);

      const form = el("form", { className: "adyen-checkout__card-input", novalidate: true });
      form.setAttribute("aria-label", this._nothingByCard() ? "Payment" : "Card payment");
      const inputs = {};
      const errors = {};
      const hints = {};
      for (const field of this._fields()) {
        const id = `${uid}-${field.name}`;
        const label = el("label", { className: "adyen-checkout__label", for: id }, [
          el("span", { className: "adyen-checkout__label__text", text: field.label }),
        ]);
        const input = el("input", {
          className: "adyen-checkout__input",
          id,
          name: field.name,
          type: "text",
          autocomplete: field.autocomplete,
          inputmode: field.inputmode,
          maxlength: field.maxlength,
          placeholder: field.placeholder,
          spellcheck: "false",
          autocapitalize: field.name === "cardHolderName" ? "words" : "off",
          required: true,
        });
        const parts = [label];
        if (field.hint) {
          hints[field.name] = el("span", {
            className: "adyen-checkout__helper-text",
            id: `${id}-hint`,
            text: field.hint,
          });
          parts.push(hints[field.name]);
        }
        const error = el("span", {
          className: "adyen-checkout__error-text",
          id: `${id}-error`,
          hidden: true,
        });
        parts.push(input, error);
        input.addEventListener("input", () => this._setFieldError(field.name, null));
        const className = `adyen-checkout__field adyen-checkout__field--${field.name}`;
        form.append(el("div", { className }, parts));
        inputs[field.name] = input;
        errors[field.name] = error;
      }
      this._ui = { form, inputs, errors, hints };
      this._describe();

      const storeCardNote = el("p", {
        className: "adyen-checkout__store-details",
        text: "Your card will be saved for future purchases.",
      });
      storeCardNote.hidden = !this._showsStoreCardNote();
      const formError = el("p", {
        className: "adyen-checkout__error-text adyen-checkout__error-text--form",
        id: `${uid}-form-error`,
        role: "alert",
        hidden: true,
      });
      const pay = el("button", {
        className: "adyen-checkout__button adyen-checkout__button--pay",
        type: "submit",
        "aria-describedby": credit > 0 ? `${uid}-amount ${uid}-credit` : `${uid}-amount`,
        text: "Pay",
      });
      const status = this._statusRegion("");
      const buttonRow = el("div", { className: "adyen-checkout__button-row" }, [pay]);
      form.append(storeCardNote, formError, buttonRow, status);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this._submit();
      });
      Object.assign(this._ui, { pay, status, formError, storeCardNote });
      this.append(amount, creditNote, form);
    }

    /** The card fields on show: none when credit pays it all. */
    _fields() {
      return this._nothingByCard() ? [] : FIELDS;
    }

    _describe() {
      for (const field of this._fields()) {
        const input = this._ui.inputs[field.name];
        const ids = [];
        if (this._ui.hints[field.name]) ids.push(this._ui.hints[field.name].id);
        if (!this._ui.errors[field.name].hidden) ids.push(this._ui.errors[field.name].id);
        if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
        else input.removeAttribute("aria-describedby");
      }
    }

    _setFieldError(name, message) {
      if (!this._ui) return;
      const error = this._ui.errors[name];
      const input = this._ui.inputs[name];
      error.textContent = message || "";
      error.hidden = !message;
      input.classList.toggle("adyen-checkout__input--error", Boolean(message));
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      this._describe();
    }

    _setFormError(message) {
      if (!this._ui) return;
      this._ui.formError.textContent = message || "";
      this._ui.formError.hidden = !message;
    }

    _setStatus(text) {
      if (this._ui) this._ui.status.textContent = text;
      else if (this._statusOnly) this._statusOnly.textContent = text;
    }

    _setBusy(busy) {
      this._busy = busy;
      if (!this._ui) return;
      this._ui.pay.disabled = busy || this._final;
      this._ui.form.setAttribute("aria-busy", busy ? "true" : "false");
      if (this._ui.challenge) {
        for (const button of this._ui.challenge.querySelectorAll("button")) {
          button.disabled = busy || this._final;
        }
      }
    }

    _disableAll() {
      if (!this._ui) return;
      for (const input of Object.values(this._ui.inputs)) input.disabled = true;
      for (const button of this.querySelectorAll("button")) button.disabled = true;
      this._ui.form.setAttribute("aria-disabled", "true");
    }

    // ---------- paying ----------

    _readForm() {
      const raw = {};
      for (const field of FIELDS) raw[field.name] = this._ui.inputs[field.name].value;
      return raw;
    }

    _submit() {
      if (!this._ui || this._busy || this._final) return;
      this._setFormError(null);
      if (this._nothingByCard()) {
        this._card = {}; // the token alone: account credit pays it all
        this._pay(null);
        return;
      }
      const { values, errors } = validate(this._readForm());
      let first = null;
      for (const field of FIELDS) {
        this._setFieldError(field.name, errors[field.name] || null);
        if (errors[field.name] && !first) first = field.name;
      }
      if (first) {
        this._ui.inputs[first].focus();
        return;
      }
      this._card = values;
      this._pay(null);
    }

    async _pay(challenge) {
      if (!this._ui || this._busy || this._final || !this._card) return;
      const generation = this._generation;
      const token = this._attr(ATTRS.paymentToken);
      const base = baseUrl(this._attr(ATTRS.customDomain));
      if (!base) {
        this._finish(EVENTS.error, { message: MESSAGES.noDomain }, FAILED);
        return;
      }
      this._setBusy(true);
      this._setStatus(challenge === CHALLENGE.cancel ? "Cancelling…" : "Processing payment…");
      this._abort = new AbortController();
      let reply;
      try {
        reply = await postJson(
          base + ENDPOINTS.pay,
          {
            paymentToken: token,
            systemName: this._attr(ATTRS.systemName),
            ...this._card,
            challenge,
          },
          this._abort.signal,
        );
      } catch {
        if (generation !== this._generation) return;
        this._finish(EVENTS.error, { message: MESSAGES.network }, FAILED);
        return;
      }
      if (generation !== this._generation) return;
      this._abort = null;
      this._setBusy(false);
      this._setStatus("");
      const { status, body } = reply;
      if (status === 404) {
        this._finishNotFound(body);
        return;
      }
      if (status === 400) {
        this._closeChallenge();
        const message = messageOf(body, "Check the card details.").replace(FIELD_SUFFIX, "");
        const field = fieldOfServerError(body);
        if (field && this._ui.inputs[field]) {
          this._setFieldError(field, message);
          this._ui.inputs[field].focus();
        } else {
          this._setFormError(message);
        }
        return;
      }
      const result = status === 200 && body ? body.result : undefined;
      if (result === "completed" && body.orderId !== undefined && body.orderId !== null) {
        this._finish(EVENTS.completed, { orderId: String(body.orderId) }, "Payment complete.");
      } else if (result === "refused") {
        const message = messageOf(body, "The payment was refused.");
        const cancelled = challenge === CHALLENGE.cancel;
        const resultCode = cancelled ? RESULT_CODES.cancelled : RESULT_CODES.refused;
        this._finish(EVENTS.refused, { message, resultCode }, cancelled ? "Check cancelled." : "Card refused.");
      } else if (result === "error") {
        this._finish(EVENTS.error, { message: messageOf(body, MESSAGES.unexpected) }, FAILED);
      } else if (result === "challenge") {
        this._showChallenge(); // the token is still alive: only other results use it up
      } else {
        this._finish(EVENTS.error, { message: messageOf(body, MESSAGES.unexpected) }, FAILED);
      }
    }

    _showChallenge() {
      const uid = this._uid;
      const heading = el("h3", {
        className: "adyen-checkout__threeds2__heading",
        id: `${uid}-3ds-heading`,
        tabindex: "-1",
        text: "3-D Secure check",
      });
      const text = el("p", {
        className: "adyen-checkout__threeds2__text",
        text:
          `Your bank asks you to confirm this payment of ` +
          `${formatAmount(this._session.amount, this._session.currency)}.`,
      });
      const approve = el("button", {
        className: "adyen-checkout__button adyen-checkout__button--approve",
        type: "button",
        text: "Approve",
      });
      const cancel = el("button", {
        className: "adyen-checkout__button adyen-checkout__button--secondary",
        type: "button",
        text: "Cancel",
      });
      approve.addEventListener("click", () => this._pay(CHALLENGE.approve));
      cancel.addEventListener("click", () => this._pay(CHALLENGE.cancel));
      const section = el(
        "section",
        {
          className: "adyen-checkout__threeds2__challenge",
          "aria-labelledby": heading.id,
        },
        [heading, text, el("div", { className: "adyen-checkout__button-row" }, [approve, cancel])],
      );
      this._closeChallenge();
      for (const node of this._ui.form.children) {
        if (node !== this._ui.status) node.hidden = true;
      }
      this._ui.form.insertBefore(section, this._ui.status);
      this._ui.challenge = section;
      heading.focus();
    }

    _closeChallenge() {
      if (!this._ui || !this._ui.challenge) return;
      this._ui.challenge.remove();
      this._ui.challenge = null;
      for (const node of this._ui.form.children) {
        if (node === this._ui.formError) node.hidden = !node.textContent;
        else if (node === this._ui.storeCardNote) node.hidden = !this._showsStoreCardNote();
        else node.hidden = false;
      }
    }

    _finishNotFound(body) {
      const message = messageOf(body, MESSAGES.notFound);
      this._finish(EVENTS.notFound, { message }, MESSAGES.notFound);
    }

    /** A final result: disable everything, say so, and tell the host page. */
    _finish(eventName, detail, statusText) {
      this._final = true;
      this._busy = false;
      this._abort = null;
      this._card = null;
      if (this._ui) {
        this._disableAll();
        this._ui.form.setAttribute("aria-busy", "false");
      }
      this._setStatus(statusText);
      this._emit(eventName, detail);
    }
  }

  function messageOf(body, fallback) {
    return body && typeof body.message === "string" && body.message ? body.message : fallback;
  }

  if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, SpektrixPayments);
})();
