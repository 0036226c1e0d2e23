/*
 * Watches the checkout's start-up from outside Python, and owns what the buyer is told when it
 * fails. When the page's Python runtime (MicroPython) cannot start (a runtime file failing to
 * download, the interpreter failing), no Python code runs to say so: this replaces the loading
 * state with a plain message and a Reload button instead of leaving it spinning. Once the page's
 * Python runs (data-checkout-shell), it reports the worker's start itself, through `fail(kind)`
 * here, and the watchers below do nothing more.
 *
 * `globalThis.checkoutStartup`, for static/checkout.mjs (loaded after it) and the page's Python
 * (py/page/browser.py):
 * - `fail(kind)`: show the failure of that kind (one of SAID's) in place of the loading state;
 * - `whyNotRun(url)`: why the script or module at `url` did not run;
 * - `violated()`: whether a Content-Security-Policy violation was seen.
 */
(() => {
  "use strict";

  const PATIENCE_MS = 60000; // MicroPython starts in well under a second; a minute means trouble
  const NOT_STARTED = "The checkout could not start";
  const TELL_BOX_OFFICE = " Please tell the box office, or try again later.";
  // Every way start-up can fail, as the buyer is told it: the one list of kinds. Only
  // "unreachable" and "slow" are about their connection.
  const SAID = Object.freeze({
    unreachable: NOT_STARTED + ". Check your connection, then reload the page.", // files did not download
    blocked: NOT_STARTED + ": this page's security settings blocked part of it." + TELL_BOX_OFFICE,
    missing: NOT_STARTED + ": a file it needs is missing from this site." + TELL_BOX_OFFICE,
    broken: NOT_STARTED + ": something on this site went wrong." + TELL_BOX_OFFICE, // the worker's code failed
    page: "This page could not start. Please reload it.", // the page's own Python failed
    slow: "The checkout is taking longer than usual to start. Check your connection, or reload the page.",
  });

  const root = document.documentElement;
  const pythonRuns = () =>
    root.getAttribute("data-checkout-shell") === "true" || root.getAttribute("data-checkout-ready") === "true";

  /** Start-up cannot go on: the sentence for `kind` ("broken" for a kind not in SAID) and a way
   * to reload, never a spinner for ever. */
  function fail(kind) {
    const loading = document.getElementById("loading");
    if (!loading) return;
    const app = document.getElementById("app");
    if (app) app.hidden = true;
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => location.reload());
    loading.hidden = false;
    loading.replaceChildren(document.createTextNode((SAID[kind] ?? SAID.broken) + " "), reload);
    loading.setAttribute("data-state", "failed");
    root.setAttribute("data-checkout-failed", "true"); // start-up failed...
    root.setAttribute("data-checkout-ready", "true"); // ...and is over: tests get their signal
  }

  /** A watcher's failure: said only while the page's Python has not started (after that, the
   * page says what fails itself). */
  function giveUp(kind) {
    if (!pythonRuns()) fail(kind);
  }

  /** Why the script or module at `url` did not run: nothing says why, so download it again.
   * "missing" (the server has no such file), "blocked" (it downloads, so the browser refused to
   * run it: its type, or the page's policy), else "unreachable". */
  async function whyNotRun(url) {
    let response;
    try {
      response = await fetch(url, { cache: "no-store" });
    } catch {
      return "unreachable";
    }
    if (response.status === 404) return "missing";
    return response.ok ? "blocked" : "unreachable";
  }
  let violated = false;
  globalThis.checkoutStartup = Object.freeze({ fail, whyNotRun, violated: () => violated });

  // A script that fails to load: script and stylesheet errors do not bubble, so capture.
  addEventListener("error", (event) => {
    if (!(event.target instanceof HTMLScriptElement)) return;
    whyNotRun(event.target.src).then((kind) => {
      console.error(`A script of the page did not run (${kind}): ${event.target.src}`);
      giveUp(kind);
    });
  }, true);
  // A Content-Security-Policy violation: the developer gets what was blocked and where; the
  // buyer, while the page's Python has not started, a plain message (nothing else would come).
  document.addEventListener("securitypolicyviolation", (event) => {
    violated = true;
    console.error(
      `Content-Security-Policy violation: ${event.effectiveDirective} blocked ` +
      `${event.blockedURI || "inline code"} at ${event.sourceFile || "?"}:${event.lineNumber}`,
    );
    giveUp("blocked");
  });
  // The runtime loader rejects (e.g. "Failed to fetch") with nobody to catch it. PyScript's
  // "[404] Unable to fetch <url>" is a file its config lists that the server does not have (for
  // a developer: a module added or renamed without `make setup`), not the buyer's connection.
  addEventListener("unhandledrejection", (event) => {
    const missing = /^\[404\] Unable to fetch (\S+)/.exec(String(event.reason?.message ?? event.reason));
    if (missing) {
      console.error(
        `A file the page's PyScript configuration lists is not on the server: ${missing[1]} ` +
        "(after adding or renaming a module, run `make setup` to rewrite [files])",
      );
    }
    giveUp(missing ? "missing" : "unreachable");
  });
  setTimeout(() => giveUp("slow"), PATIENCE_MS);
})();
