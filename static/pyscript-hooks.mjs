/*
 * Lets the page run under a Content-Security-Policy without 'unsafe-eval'.
 *
 * PyScript 0.7.31 turns every registered worker hook into code with Function(...) at start-up
 * (@pyscript/core src/hooks.js, line 42; polyscript esm/utils.js createFunction, in the worker
 * too), and registers one by default: hooks.worker.onBeforeRunAsync, which only sets up `_pyscript`
 * for `pyscript.fs` in workers. The checkout uses no hooks and no `pyscript.fs`, so clearing them
 * leaves nothing to eval. It runs as soon as core.js has loaded, before PyScript reads the hooks
 * (after its plugin chunks have loaded). Re-check with every PyScript upgrade: this relies on its
 * public `hooks` export but clears what PyScript itself put there.
 */
import { hooks } from "./vendor/pyscript/core.js";

for (const set of Object.values(hooks.worker)) {
  if (typeof set.clear === "function") set.clear();
}
