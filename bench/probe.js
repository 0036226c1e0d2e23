// Installed in every benchmarked page before its own scripts: timestamps (performance.now(), from
// navigation start) of the ready marker, the click on "Continue to payment" and the payment
// component appearing with its token, and every long main-thread task.
(() => {
  const marks = { ready: null, click: null, component: null, longTasks: [] };
  Object.defineProperty(window, "__bench", { value: marks });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  const COMPONENT = "#payment-host spektrix-payments[payment-token]";
  new MutationObserver(() => {
    const now = performance.now();
    if (marks.ready === null && document.documentElement.getAttribute("data-checkout-ready") === "true") {
      marks.ready = now;
    }
    if (marks.click !== null && marks.component === null && document.querySelector(COMPONENT)) {
      marks.component = now;
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  addEventListener("click", (event) => {
    if (marks.click === null && event.target.closest && event.target.closest("#continue")) {
      marks.click = event.timeStamp;
    }
  }, true);
})();
