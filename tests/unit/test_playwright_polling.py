"""The test run's quicker polling in Playwright's driver (tests/playwright_polling.cjs) applies to
the Playwright that requirements.txt pins: an upgrade that moved or changed its backoff fails here,
rather than leaving the preload silently doing nothing."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import playwright

from tests.conftest import PLAYWRIGHT_POLLING

BUNDLE = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"
NODE = Path(playwright.__file__).parent / "driver" / "node"


def preload_constant(name: str) -> str:
    found = re.search(rf'^const {name} = "(.*)";$', PLAYWRIGHT_POLLING.read_text(encoding="utf-8"), re.M)
    assert found, f"{name} is not in {PLAYWRIGHT_POLLING.name}"
    return found.group(1)


def test_the_pinned_driver_has_the_backoff_the_preload_replaces_once() -> None:
    assert BUNDLE.read_text(encoding="utf-8").count(preload_constant("BACKOFF")) == 1


def test_the_preload_is_in_the_environment_the_driver_inherits() -> None:
    assert f"--require={PLAYWRIGHT_POLLING}" in os.environ["NODE_OPTIONS"]


def test_the_driver_loads_its_bundle_with_the_quicker_backoff(tmp_path: Path) -> None:
    """Node, as Playwright runs it, compiling the bundle through the preload: the code it compiles
    has the quicker backoff. (The probe is required first, so the preload's wrapper calls it.)"""
    probe = tmp_path / "probe.cjs"
    probe.write_text(
        "const Module = require('module');\n"
        "const compile = Module.prototype._compile;\n"
        "Module.prototype._compile = function (content, filename) {\n"
        "  if (!filename.endsWith('coreBundle.js')) return compile.call(this, content, filename);\n"
        "  const has = (name) => content.includes(process.env[name]);\n"
        "  console.log(JSON.stringify([has('QUICKER'), has('BACKOFF')]));\n"
        "  process.exit(0);\n"
        "};\n",
        encoding="utf-8",
    )
    env = {**os.environ, "NODE_OPTIONS": f"--require={probe} --require={PLAYWRIGHT_POLLING}",
           "QUICKER": preload_constant("QUICKER"), "BACKOFF": preload_constant("BACKOFF")}
    compiled = subprocess.run([str(NODE), "-e", f"require({str(BUNDLE)!r})"], env=env,
                              capture_output=True, text=True, timeout=60, check=True)
    assert compiled.stdout.strip() == "[true,false]"
