/*
 * Watches the checkout's start-up from outside Python. When the page's Python runtime
 * (MicroPython) cannot start (a runtime file failing to download, the interpreter failing), no
 * Python code runs to say so: this replaces the loading state with a plain message and a Reload
 * button instead of leaving it spinning. Once the page's Python runs (data-checkout-shell), it
 * reports the worker's start itself, and this does nothing more.
 *
 * It also tells static/checkout.mjs (loaded after it) what it knows of why something did not run:
 * `checkoutStartup.whyNotRun(url)` and `checkoutStartup.violated()`.
 */
(() => {
  "use strict";

  const PATIENCE_MS = 60000; // MicroPython starts in well under a second; a minute means trouble
  const FAILED = "The checkout could not start. Check your connection, then reload the page.";
  const BLOCKED =
    "The checkout could not start: this page's security settings blocked part of it. " +
    "Please tell the box office, or try again later.";
  const MISSING =
    "The checkout could not start: a file it needs is missing from this site. " +
    "Please tell the box office, or try again later.";
  const SLOW = "The checkout is taking longer than usual to start. Check your connection, or reload the page.";

  const root = document.documentElement;
  const pythonRuns = () =>
    root.getAttribute("data-checkout-shell") === "true" || root.getAttribute("data-checkout-ready") === "true";

  function giveUp(message) {
    const loading = document.getElementById("loading");
    if (pythonRuns() || !loading) return;
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => location.reload());
    loading.replaceChildren(document.createTextNode(message + " "), reload);
    loading.setAttribute("data-state", "failed");
    root.setAttribute("data-checkout-failed", "true"); // start-up failed...
    root.setAttribute("data-checkout-ready", "true"); // ...and is over: tests get their signal
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
  const SAID = { missing: MISSING, blocked: BLOCKED, unreachable: FAILED };
  let violated = false;
  globalThis.checkoutStartup = Object.freeze({ whyNotRun, violated: () => violated });

  // A script that fails to load: script and stylesheet errors do not bubble, so capture.
  addEventListener("error", (event) => {
    if (!(event.target instanceof HTMLScriptElement)) return;
    whyNotRun(event.target.src).then((kind) => {
      console.error(`A script of the page did not run (${kind}): ${event.target.src}`);
      giveUp(SAID[kind]);
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
    giveUp(BLOCKED);
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
    giveUp(missing ? MISSING : FAILED);
  });
  setTimeout(() => giveUp(SLOW), PATIENCE_MS);
})();
