/*
 * The page's one module entry: PyScript, made safe to run under a strict Content-Security-Policy,
 * and the checkout's worker, started at once.
 *
 * One entry, because WebKit never evaluates a second module script that imports a module whose
 * top-level await is still running (WebKit bug 242740), and PyScript's core awaits at top level:
 * with core.js and a second module as two <script type="module"> tags, WebKit (Safari, every
 * iPhone browser) silently skipped the second.
 *
 * No eval: PyScript 0.7.31 turns every registered worker hook into code with Function(...)
 * (@pyscript/core src/hooks.js, line 42), and registers one by default
 * (hooks.worker.onBeforeRunAsync, which only sets up `pyscript.fs` in workers; the checkout uses
 * neither). Clearing them before any worker is made leaves nothing to eval. Re-check with every
 * PyScript upgrade: this clears what PyScript itself put in its public `hooks` export.
 *
 * The worker is made here, with PyScript's PyWorker, not declared as <script type="py" worker>:
 * when PyScript cannot make a declared worker it runs that script on the main thread instead,
 * with Pyodide from a public CDN. A worker made here either starts or fails, and a failure
 * is said: `globalThis.checkoutWorker` is a Promise of the worker's exported functions, rejected
 * with an Error whose message is the failure's kind (one of static/startup.js's, which says it to
 * the buyer), after the cause went to the console.
 *
 * The page declares its worker on this script's tag:
 *   <script type="module" src="…/static/checkout.mjs"
 *           data-worker="…/checkout_worker.py" data-worker-config="…/worker.toml"></script>
 * (both resolved against the page). The worker's interpreter is always the Pyodide loader beside
 * this file, which restores Pyodide from its memory snapshot once one is cached. The page loads
 * static/startup.js before this module: it watches for violations, and finds why a file did not run.
 */
import { hooks, PyWorker } from "./vendor/pyscript/core.js";

const INTERPRETER = new URL("./pyodide-loader.mjs", import.meta.url).href;
// Why the worker could not start, as a developer is told it (on the console), by the kinds of
// failure static/startup.js tells the buyer (its SAID).
const CAUSES = Object.freeze({
  blocked:
    "the browser refused to run part of it: check the Content-Security-Policy (worker-src must " +
    "allow 'self' and blob:, script-src 'self' and 'wasm-unsafe-eval') and that .mjs is served as " +
    "text/javascript and .wasm as application/wasm",
  missing: "a file it needs is not on the server (after adding or renaming a module, run `make setup`)",
  unreachable: "its files could not be downloaded",
  broken: "its own code failed",
});
// What the worker's interpreter loads first: if these download fine, a failure to import them
// is the browser refusing them, not the network.
const PROBES = [INTERPRETER, new URL("./vendor/pyodide/runtime.mjs", import.meta.url).href];
// How each engine words a module import that failed (Chromium, Firefox, WebKit), and a download
// that failed (a runtime file such as the wasm).
const IMPORT_FAILED = /dynamically imported module|Importing a module script failed/;
const DOWNLOAD_FAILED = /Failed to fetch|NetworkError when attempting to fetch|Load failed/;

for (const set of Object.values(hooks.worker)) {
  if (typeof set.clear === "function") set.clear();
}

globalThis.checkoutWorker = startWorker(document.querySelector("script[data-worker]"));
globalThis.checkoutWorker.catch(() => {}); // the page's Python reports it; not an unhandled rejection

async function startWorker(declaration) {
  if (!declaration) throw failed("broken", new Error("no <script data-worker> declares the checkout's worker"));
  const { worker: source, workerConfig: config } = declaration.dataset;
  try {
    const worker = await PyWorker(new URL(source, document.baseURI).href, {
      config: new URL(config, document.baseURI).href,
      version: INTERPRETER,
    });
    return worker.sync;
  } catch (error) {
    throw failed(await diagnose(error), error);
  }
}

/** Which kind of failure `error` (the worker's start failing) is. A Content-Security-Policy violation
 * inside a worker never reaches the document's listener, and a module the browser refused to
 * import fails as one it could not download: if the worker's first files download now, the
 * browser refused to run them. */
async function diagnose(error) {
  const { whyNotRun, violated } = globalThis.checkoutStartup; // static/startup.js
  const message = String(error?.message ?? error);
  if (error?.name === "SecurityError" || violated()) return "blocked";
  if (message.startsWith("[404] Unable to fetch")) return "missing"; // PyScript's, for [files]
  if (message.includes("Traceback")) return "broken"; // the worker's Python failed
  if (!IMPORT_FAILED.test(message) && DOWNLOAD_FAILED.test(message)) return "unreachable";
  for (const url of PROBES) {
    const kind = await whyNotRun(url);
    if (kind !== "blocked") return kind;
  }
  return "blocked";
}

function failed(kind, error) {
  // One entry, as text, so every engine's console (and a test's) shows the whole of it: a Python
  // error's message is its traceback, naming the file and line.
  console.error(`The checkout's worker could not start: ${CAUSES[kind]}.\n${error?.name ?? "Error"}: ${error?.message ?? error}`);
  return new Error(kind);
}
