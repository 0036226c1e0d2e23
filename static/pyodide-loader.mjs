// The checkout worker's Pyodide, for PyScript's `interpreter` key (PyScript wants a module that
// exports { loadPyodide, version }): Pyodide restored from its memory snapshot, which a first visit
// downloads (its fetch begins as the worker starts Pyodide) and keeps in Cache Storage for the
// next ones. Restoring skips Pyodide's boot, seconds of CPU on a phone or in WebKit, for about
// 4.5 MB of brotli (bench: docs/performance.md).
//
// Nothing here may fail or hang a start: a snapshot that is missing, corrupt or refused by
// Pyodide ("Snapshot build id mismatch") means a normal start and one console line for
// developers; the snapshot is then cached in the background for the next visit. scripts/snapshot.mjs
// builds the snapshot and the manifest that names it; scripts/vendor.py the runtime module, which
// names Pyodide's content-named folder and gives the (empty) lock file Pyodide would otherwise fetch.
import { indexURL, loadPyodide as startPyodide, lockFileContents, version } from "./vendor/pyodide/runtime.mjs";

export { version };

const MANIFEST_URL = new URL("./vendor/snapshot/manifest.json", import.meta.url).href;
// One Cache Storage cache per Pyodide version, holding one snapshot under its URL, which names
// its SHA-256: a new build is a new URL, and another Pyodide version another cache.
const CACHE_PREFIX = "pyodide-snapshot-";
const CACHE_NAME = CACHE_PREFIX + version;
// After a normal start, the worker's own files and the page's first calls go first; the snapshot
// waits this long.
const CACHE_AFTER_MS = 3000;
// A snapshot Pyodide refused is replaced in the cache by this mark (its body says why), so it
// is neither tried nor downloaded again until the server names another.
const REFUSED = "x-snapshot-refused";
const CACHED = "pyodide-loader: cached the Pyodide snapshot for the next visit";

class CorruptSnapshot extends Error {}
/** The server's snapshot could not be had (no manifest, a failed or mismatched download). */
class UnavailableSnapshot extends Error {}
/** Pyodide's start failed on its own (a runtime file that could not be downloaded): not the
 * snapshot's fault, so it is not marked refused. */
class StartFailed extends Error {}

export async function loadPyodide(options) {
  const snapshot = snapshotToRestore();
  // Each start gets its own copy: Pyodide writes its defaults into the options it is given.
  const settings = () => ({ ...options, indexURL, lockFileContents });
  const restored = await restore(settings(), snapshot);
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

/** The snapshot to start from, begun at once: the cached one's bytes, else a download of the
 * server's (cached as it arrives); null when there is none to try. Never throws; `bytes` rejects
 * with CorruptSnapshot or UnavailableSnapshot. */
async function snapshotToRestore() {
  const cached = await cachedSnapshot();
  if (cached === null) return null;
  const { cache, request, response } = cached;
  const snapshot = response ? { cache, request, bytes: checkedBytes(request, response) } : downloaded(cache);
  // Until Pyodide awaits them, a failure must not count as an unhandled rejection (restore handles it).
  snapshot.bytes.catch(() => {});
  return snapshot;
}

/** Pyodide restored from `snapshot` (snapshotToRestore's promise), or null. Never throws but
 * for a start that failed on its own. */
async function restore(settings, snapshot) {
  const { cache, request, bytes, stored } = (await snapshot) ?? {};
  if (!bytes) return null;
  try {
    const pyodide = await failingLoudly(startPyodide({ ...settings, _loadSnapshot: bytes }));
    // The snapshot froze `random`'s state: without this, every visitor draws the same numbers.
    pyodide.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
    return pyodide;
  } catch (error) {
    if (error instanceof StartFailed) throw error; // the page says it could not start
    // At worst (the cache cannot be written), the same happens on the next visit.
    if (error instanceof UnavailableSnapshot) {
      fellBack(`the server's snapshot could not be downloaded (${error.message})`);
    } else if (error instanceof CorruptSnapshot) {
      fellBack(`the cached snapshot is corrupt (${error.message})`);
      cache.delete(request).catch(() => {}); // downloaded again, and checked, after this start
    } else {
      fellBack(`Pyodide refused the snapshot (${firstLine(error)})`);
      const mark = new Response(firstLine(error), { headers: { [REFUSED]: "1" } });
      // After the download's own copy, when this visit downloaded it.
      Promise.all([request, Promise.resolve(stored).catch(() => {})])
        .then(([key]) => cache.put(key, mark))
        .catch(() => {});
    }
    return null;
  }
}

/** The cache entry of the snapshot cached for this Pyodide version (`response` missing when there
 * is none yet), or null when none is to be tried. Never throws. */
async function cachedSnapshot() {
  if (!globalThis.caches) return null; // not a secure context: no Cache Storage
  try {
    const cache = await caches.open(CACHE_NAME);
    // The newest entry: cacheForNextVisit deletes the others once a new one is in.
    const request = (await cache.keys()).at(-1);
    if (!request) return { cache }; // the first visit with this Pyodide
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

/** A first visit's snapshot: the server's, downloaded and cached for the next visit as it arrives. */
function downloaded(cache) {
  const response = current("high").then(
    (entry) => fetchChecked(entry, "high"),
    (error) => Promise.reject(new UnavailableSnapshot(firstLine(error))),
  );
  const request = response.then((found) => found.url);
  const stored = response.then(async (found) => {
    await cache.put(found.url, found.clone());
    console.debug(CACHED); // verbose level
  });
  // The start waits for neither; restore reports a failed download, cacheForNextVisit tries again.
  request.catch(() => {});
  stored.catch(() => {});
  const bytes = response.then(async (found) => new Uint8Array(await found.arrayBuffer()));
  return { cache, request, stored, bytes };
}

/** The snapshot the server names ({ url, integrity }), revalidating its manifest. */
async function current(priority) {
  const response = await fetch(MANIFEST_URL, { cache: "no-cache", priority });
  if (!response.ok) throw new Error(`${response.status} for ${MANIFEST_URL}`);
  const manifest = await response.json();
  if (manifest.pyodide !== version) {
    throw new Error(`the server's snapshot is for Pyodide ${manifest.pyodide}, not ${version}`);
  }
  return { url: new URL(manifest.file, MANIFEST_URL).href, integrity: manifest.integrity };
}

/** The snapshot's response, once the browser has checked its bytes against the manifest's hash
 * (nothing unchecked is ever cached); UnavailableSnapshot when it cannot be had. */
async function fetchChecked({ url, integrity }, priority) {
  try {
    const snapshot = await fetch(url, { integrity, priority });
    if (!snapshot.ok) throw new Error(`${snapshot.status} for ${url}`);
    return snapshot;
  } catch (error) {
    throw new UnavailableSnapshot(firstLine(error));
  }
}

/** Make the snapshot the server names the one cached for the next visit, and delete every
 * other. Revalidates the manifest; downloads the snapshot only when it is not cached yet. */
async function cacheForNextVisit() {
  try {
    if (!globalThis.caches) return;
    const entry = await current("low");
    const cache = await caches.open(CACHE_NAME);
    if (!(await cache.match(entry.url))) {
      await cache.put(entry.url, await fetchChecked(entry, "low"));
      console.debug(CACHED); // verbose level
    }
    for (const request of await cache.keys()) if (request.url !== entry.url) await cache.delete(request);
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
