// Build the Pyodide memory snapshot of the checkout worker's interpreter (run by `make setup`,
// Node 20): start the vendored Pyodide (as the worker does, with its stdlib zip: a snapshot
// restores only with the zip it was made with), import the modules in scripts/snapshot-modules.txt, save
// its memory, then restore that snapshot once here so that one which cannot be restored is never
// published. Writes static/vendor/snapshot/:
//   <sha256>.snapshot  the snapshot, named by its content (served immutable, like the runtime;
//                      the Makefile then writes its .br and .gz copies)
//   manifest.json      which one is current, for which Pyodide, with its integrity hash and size
// static/pyodide-loader.mjs reads the manifest, starts from the snapshot and caches it.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { loadPyodide, lockFileContents, version } from "../static/vendor/pyodide/runtime.mjs";

const root = new URL("../", import.meta.url);
const out = new URL("static/vendor/snapshot/", root);
const modules = readFileSync(new URL("scripts/snapshot-modules.txt", root), "utf8")
  .split("\n")
  .map((line) => line.replace(/#.*/, "").trim())
  .filter(Boolean);

const started = performance.now();
const pyodide = await loadPyodide({ lockFileContents, _makeSnapshot: true });
pyodide.runPython(`
import importlib, sys
for name in ${JSON.stringify(modules)}:
    importlib.import_module(name)
# A restore puts "" back at the front of sys.path itself: without this it would be there twice.
sys.path.remove("")
`);
const snapshot = pyodide.makeMemorySnapshot();

// Pyodide restores into its default heap whatever the snapshot's size (pyodide/pyodide#6254):
// a snapshot that grew past it is refused in every browser, so find that out here.
const restored = await loadPyodide({ lockFileContents, _loadSnapshot: snapshot });
const missing = restored.runPython(`
import sys
[name for name in ${JSON.stringify(modules)} if name not in sys.modules]
`).toJs();
if (missing.length) throw new Error(`restored snapshot lacks ${missing.join(", ")}`);

const digest = createHash("sha256").update(snapshot);
const file = `${digest.copy().digest("hex")}.snapshot`;
// `size` (bytes, uncompressed): a first visit projects the download's end from its first part.
const manifest = { pyodide: version, file, integrity: `sha256-${digest.digest("base64")}`, size: snapshot.length };
mkdirSync(out, { recursive: true });
for (const old of readdirSync(out)) if (old.includes(".snapshot") && !old.startsWith(file)) rmSync(new URL(old, out));
writeFileSync(new URL(file, out), snapshot);
// The manifest last, and whole: a server never names a snapshot it does not have.
writeFileSync(new URL("manifest.json.tmp", out), JSON.stringify(manifest, null, 2) + "\n");
renameSync(new URL("manifest.json.tmp", out), new URL("manifest.json", out));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const megabytes = (snapshot.length / 1e6).toFixed(1);
console.log(`snapshot of ${modules.length} modules for Pyodide ${version}: ${megabytes} MB in ${seconds} s`);
