// Installed in every benchmarked page before its own scripts. Timestamps are performance.now()
// (ms from navigation start): the page shell (data-checkout-shell) and the page usable
// (data-checkout-ready); the click on "Continue to payment" and the payment component appearing
// with its token; every long main-thread task; and, once `__benchArm(rows)` is called, one
// request started by a click (see `request` below). When the bench sets
// `window.__benchFirstAction` (a selector) before the page loads, the probe clicks the first
// element it selects the moment the page is ready, and `prices` is when a price button ("Add")
// first shows.
(() => {
  const marks = {
    shell: null, ready: null, prices: null, click: null, component: null, longTasks: [], events: [], request: null,
  };
  Object.defineProperty(window, "__bench", { value: marks });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  // Event Timing reports only events whose handling took 16 ms or more (its lowest threshold).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (["pointerdown", "mousedown", "click"].includes(entry.name)) {
        marks.events.push([entry.name, entry.startTime, entry.processingStart, entry.duration]);
      }
    }
  }).observe({ type: "event", durationThreshold: 16, buffered: true });

  const COMPONENT = "#payment-host spektrix-payments[payment-token]";
  const BUSY = "button[aria-busy='true']";
  let rowsSelector = null;
  const rows = () => document.querySelectorAll(rowsSelector).length;

  // One request, from the next click: `click` (its event timeStamp), `busy` (a button shows
  // aria-busy), `answered` (more `rowsSelector` rows than when armed: the answer is drawn),
  // `frames` (performance.now() in every animation frame callback from the click until the
  // answer), `downs`/`clicks` ([timeStamp, when a capturing listener ran] for every pointerdown
  // and click: the gap is the input delay, a second click's included).
  Object.defineProperty(window, "__benchArm", {
    value: (selector) => {
      rowsSelector = selector;
      marks.request = {
        rowsBefore: rows(), click: null, busy: null, answered: null, frames: [], downs: [], clicks: [],
      };
    },
  });

  new MutationObserver(() => {
    const now = performance.now();
    const html = document.documentElement;  // none yet when this script is installed
    if (marks.shell === null && html.getAttribute("data-checkout-shell") === "true") marks.shell = now;
    if (marks.ready === null && html.getAttribute("data-checkout-ready") === "true") {
      marks.ready = now;
      if (window.__benchFirstAction) document.querySelector(window.__benchFirstAction)?.click();
    }
    if (marks.prices === null && document.querySelector("button[data-action='add']")) marks.prices = now;
    if (marks.click !== null && marks.component === null && document.querySelector(COMPONENT)) {
      marks.component = now;
    }
    const request = marks.request;
    if (request && request.click !== null && request.answered === null) {
      if (request.busy === null && document.querySelector(BUSY)) request.busy = now;
      if (rows() > request.rowsBefore) request.answered = now;
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });

  addEventListener("pointerdown", (event) => {
    if (marks.request) marks.request.downs.push([event.timeStamp, performance.now()]);
  }, true);
  addEventListener("click", (event) => {
    const now = performance.now();
    if (marks.click === null && event.target.closest && event.target.closest("#continue")) {
      marks.click = event.timeStamp;
    }
    const request = marks.request;
    if (!request) return;
    request.clicks.push([event.timeStamp, now]);
    if (request.click !== null) return;
    request.click = event.timeStamp;
    const frame = () => {
      request.frames.push(performance.now());
      if (request.answered === null) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, true);
})();
