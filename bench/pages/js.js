// The checkout's job in plain JavaScript, as the floor for the benchmark: the same start-up API
// calls (GET customer, then its addresses; GET basket; GET events?$expand=instances) with
// credentials, then on "Continue to payment" the same GET basket and initiate-customer-payment
// and the same <spektrix-payments> element. Independent calls run in parallel, as plain
// JavaScript would do them. "Add a ticket" makes the checkout's two calls for an Add (POST
// basket/tickets, then GET basket), shows it is busy meanwhile and refuses a second click.
const LOOPBACK = /^(127\.|localhost(:|$)|\[::1\])/;
const BASKET_EXPAND = "tickets/event,tickets/instance";

const config = await (await fetch("../config.json")).json();
const scheme = LOOPBACK.test(config.customDomain) ? "http" : "https";
const api = `${scheme}://${config.customDomain}/${config.systemName}/api/v3/`;
const button = document.getElementById("continue");
let billingAddressId = null;

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    credentials: "include",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

async function loadAccount() {
  const customer = await call("GET", "customer");
  if (customer === null) return null;
  const addresses = await call("GET", "customer/addresses");
  const billing = addresses.find((address) => address.isBilling) ?? addresses[0];
  billingAddressId = billing ? billing.id : null;
  return customer;
}

function loadComponentScript() {
  if (document.getElementById("spektrix-payments-script")) return;
  const link = document.createElement("link");
  link.setAttribute("rel", "stylesheet");
  link.setAttribute("href", config.componentStylesheet);
  document.head.append(link);
  const script = document.createElement("script");
  script.setAttribute("id", "spektrix-payments-script");
  script.setAttribute("src", config.componentScript);
  document.head.append(script);
}

function drawBasket(basket) {
  const items = basket.tickets.map((ticket) => {
    const item = document.createElement("li");
    item.textContent = `${ticket.event ? ticket.event.name : ""} ${ticket.id}`;
    return item;
  });
  document.getElementById("basket-items").replaceChildren(...items);
}

async function addTicket() {
  const add = document.getElementById("add");
  if (add.getAttribute("aria-busy") === "true") return;
  const idle = add.textContent;
  add.textContent = "Adding…";
  add.setAttribute("aria-busy", "true");
  try {
    const ticket = { instance: add.dataset.instance, type: add.dataset.type };
    await call("POST", "basket/tickets", [ticket]);
    drawBasket(await call("GET", `basket?$expand=${BASKET_EXPAND}`));
  } finally {
    add.textContent = idle;
    add.removeAttribute("aria-busy");
  }
}

async function continueToPayment() {
  button.disabled = true;
  await call("GET", `basket?$expand=${BASKET_EXPAND}`);
  const { paymentToken } = await call("POST", "basket/initiate-customer-payment", {
    originDomain: config.originDomain || location.hostname,
    billingAddressId,
    storeCard: "false",
  });
  const element = document.createElement("spektrix-payments");
  element.setAttribute("custom-domain", config.customDomain);
  element.setAttribute("system-name", config.systemName);
  element.setAttribute("billing-address-id", billingAddressId);
  element.setAttribute("payment-token", paymentToken);
  document.getElementById("payment-host").replaceChildren(element);
  loadComponentScript();
  button.disabled = false;
}

const [customer, basket, events] = await Promise.all([
  loadAccount(),
  call("GET", `basket?$expand=${BASKET_EXPAND}`),
  call("GET", "events?$expand=instances"),
]);
document.getElementById("summary").textContent =
  `${customer ? customer.name : "Not signed in"}: ${basket.tickets.length} ticket(s), ` +
  `${events.length} event(s) on sale`;
drawBasket(basket);
button.addEventListener("click", () => continueToPayment());
document.getElementById("add").addEventListener("click", () => addTicket());
button.disabled = !(customer && billingAddressId && basket.tickets.length);
document.documentElement.setAttribute("data-checkout-ready", "true");
