// Preloaded into Playwright's driver for this project's test run (tests/conftest.py sets
// NODE_OPTIONS=--require this file): an expectation or a wait that is not met at once is checked
// again every 50 ms, instead of Playwright's backoff, which after 270 ms checks only every 500 ms.
// The checkout's answers arrive in 0.3 to 2 s, so on average 250 ms of each such wait was spent
// idle after the page had already changed: about a sixth of the browser tests' time.
//
// It changes when Playwright looks, never what it waits for or for how long. Pinned to the
// Playwright in requirements.txt: tests/unit/test_playwright_polling.py fails when an upgrade
// no longer has the line below, so the change is never silently lost (or misapplied).
"use strict";
const Module = require("module");

const BUNDLE = /[\\/]playwright[\\/]driver[\\/]package[\\/]lib[\\/]coreBundle\.js$/;
const BACKOFF = "const backoffScale = [20, 50, 100, 100, 500];";
const QUICKER = "const backoffScale = [20, 50, 50];";

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (BUNDLE.test(filename) && content.includes(BACKOFF)) {
    content = content.replace(BACKOFF, QUICKER);
  }
  return compile.call(this, content, filename);
};
