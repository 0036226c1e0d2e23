// The checkout worker's Pyodide, for PyScript's `interpreter` key (PyScript wants a module that
// exports { loadPyodide, version }): Pyodide restored from its memory snapshot when this browser
// has cached one, else a normal start, after which the snapshot is cached in the background for
// the next visit. A first visit never waits for the snapshot: over a real network that visit is
// bound by bytes, and the snapshot is about 5 MB compressed.
//
// Nothing here may fail or hang a start: a snapshot that is missing, corrupt or refused by
// Pyodide ("Snapshot build id mismatch") means a normal start and one console line for
// developers. scripts/snapshot.mjs builds the snapshot and the manifest that names it.
import { loadPyodide as startPyodide, version } from "./vendor/pyodide/pyodide.mjs";

export { version };

// PyScript passes this module's folder as indexURL; Pyodide's files are in their own.
const INDEX_URL = new URL("./vendor/pyodide/", import.meta.url).href;
const MANIFEST_URL = new URL("./vendor/snapshot/manifest.json", import.meta.url).href;
// One Cache Storage cache per Pyodide version, holding one snapshot under its URL, which names
// its SHA-256: a new build is a new URL, and another Pyodide version another cache.
const CACHE_PREFIX = "pyodide-snapshot-";
const CACHE_NAME = CACHE_PREFIX + version;
// The worker's own files and the page's first calls go first; the snapshot waits this long.
const CACHE_AFTER_MS = 3000;
// A snapshot Pyodide refused is replaced in the cache by this mark (its body says why), so it
// is neither tried nor downloaded again until the server names another.
const REFUSED = "x-snapshot-refused";

class CorruptSnapshot extends Error {}
/** Pyodide's start failed on its own (a runtime file that could not be downloaded): not the
 * snapshot's fault, so it is not marked refused. */
class StartFailed extends Error {}

export async function loadPyodide(options) {
  // Each start gets its own copy: Pyodide writes its defaults into the options it is given.
  const settings = () => ({ ...options, indexURL: INDEX_URL });
  const restored = await restore(settings());
  const pyodide = restored ?? (await failingLoudly(startPyodide(settings())));
  // How this interpreter started, for the worker's Python: `import pyodide_loader`.
  pyodide.registerJsModule("pyodide_loader", { started_from_snapshot: restored !== null });
  setTimeout(cacheForNextVisit, CACHE_AFTER_MS);
  return pyodide;
}

/** `starting`, or its failure: Pyodide 314.0.7 whose wasm cannot be downloaded logs "wasm
 * instantiation failed", leaves an unhandled rejection ("Failed to fetch") and never settles, so
 * PyScript would wait for ever and the page could only time out. The first unhandled rejection
 * during the start fails it instead, and the page says the checkout could not start. */
function failingLoudly(starting) {
  let onRejection;
  const failed = new Promise((_, reject) => {
    onRejection = (event) => {
      event.preventDefault(); // reported here, as the start's own failure
      reject(new StartFailed(String(event.reason?.message ?? event.reason)));
    };
    addEventListener("unhandledrejection", onRejection);
  });
  return Promise.race([starting, failed]).finally(() => removeEventListener("unhandledrejection", onRejection));
}

/** Pyodide restored from the cached snapshot, or null. Never throws. */
async function restore(settings) {
  const cached = await cachedSnapshot();
  if (!cached) return null;
  const { cache, request, response } = cached;
  // Pyodide awaits the bytes only once it has started fetching and compiling its own files:
  // reading and checking them meanwhile costs the start little. Until Pyodide awaits them, a
  // failed check must not count as an unhandled rejection (the catch below handles it).
  const bytes = checkedBytes(request, response);
  bytes.catch(() => {});
  try {
    const pyodide = await failingLoudly(startPyodide({ ...settings, _loadSnapshot: bytes }));
    // The snapshot froze `random`'s state: without this, every visitor draws the same numbers.
    pyodide.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
    return pyodide;
  } catch (error) {
    if (error instanceof StartFailed) throw error; // the page says it could not start
    // At worst (the cache cannot be written), the same happens on the next visit.
    if (error instanceof CorruptSnapshot) {
      fellBack(`the cached snapshot is corrupt (${error.message})`);
      cache.delete(request).catch(() => {}); // downloaded again, and checked, after this start
    } else {
      fellBack(`Pyodide refused the snapshot (${firstLine(error)})`);
      cache.put(request, new Response(firstLine(error), { headers: { [REFUSED]: "1" } })).catch(() => {});
    }
    return null;
  }
}

/** The cache entry of the snapshot cached for this Pyodide version, or null. Never throws. */
async function cachedSnapshot() {
  if (!globalThis.caches) return null; // not a secure context: no Cache Storage
  try {
    const cache = await caches.open(CACHE_NAME);
    // The newest entry: cacheForNextVisit deletes the others once a new one is in.
    const request = (await cache.keys()).at(-1);
    if (!request) return null; // the first visit with this Pyodide
    const response = await cache.match(request);
    if (response.headers.has(REFUSED)) {
      fellBack(`Pyodide refused this snapshot on an earlier visit (${await response.text()})`);
      return null;
    }
    return { cache, request, response };
  } catch (error) {
    fellBack(`the cached snapshot could not be read (${firstLine(error)})`);
    return null;
  }
}

/** The snapshot's bytes, once they match the SHA-256 its file is named by. */
async function checkedBytes(request, response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (request.url !== new URL(`${hex}.snapshot`, request.url).href) {
    throw new CorruptSnapshot("its bytes do not match its name");
  }
  return bytes;
}

/** Make the snapshot the server names the one cached for the next visit, and delete every
 * other. Revalidates the manifest; downloads the snapshot only when it is not cached yet. */
async function cacheForNextVisit() {
  try {
    if (!globalThis.caches) return;
    const response = await fetch(MANIFEST_URL, { cache: "no-cache", priority: "low" });
    if (!response.ok) throw new Error(`${response.status} for ${MANIFEST_URL}`);
    const manifest = await response.json();
    if (manifest.pyodide !== version) {
      throw new Error(`the server's snapshot is for Pyodide ${manifest.pyodide}, not ${version}`);
    }
    const url = new URL(manifest.file, MANIFEST_URL).href;
    const cache = await caches.open(CACHE_NAME);
    if (!(await cache.match(url))) {
      // The browser checks the bytes against the manifest's hash before anything is cached.
      const snapshot = await fetch(url, { integrity: manifest.integrity, priority: "low" });
      if (!snapshot.ok) throw new Error(`${snapshot.status} for ${url}`);
      await cache.put(url, snapshot);
      console.debug("pyodide-loader: cached the Pyodide snapshot for the next visit"); // verbose level
    }
    for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
    }
  } catch (error) {
    console.warn(`pyodide-loader: the Pyodide snapshot was not cached for the next visit: ${firstLine(error)}`);
  }
}

function fellBack(why) {
  console.warn(`pyodide-loader: started Pyodide without its memory snapshot: ${why}`);
}

function firstLine(error) {
  return String(error?.message ?? error).split("\n")[0];
}
