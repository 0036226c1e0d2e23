// The checkout worker's Pyodide, for PyScript's `interpreter` key (PyScript wants a module that
// exports { loadPyodide, version }): Pyodide restored from its memory snapshot when this browser
// has cached one, else a normal start, after which the snapshot is cached in the background for
// the next visit. A first visit never downloads the snapshot before it is usable: over a real
// network that visit is bound by bytes, and the snapshot is about 5 MB compressed.
//
// Nothing here may fail or hang a start: a snapshot that is missing, corrupt or refused by
// Pyodide ("Snapshot build id mismatch") means a normal start and one console line for
// developers. scripts/snapshot.mjs builds the snapshot and its manifest.
import { loadPyodide as startPyodide, version } from "./vendor/pyodide/pyodide.mjs";

export { version };

// PyScript passes this module's folder as indexURL; Pyodide's files are in their own.
const INDEX_URL = new URL("./vendor/pyodide/", import.meta.url).href;
const MANIFEST_URL = new URL("./vendor/snapshot/manifest.json", import.meta.url).href;
// One Cache Storage cache per Pyodide version, holding one snapshot: its URL names its content.
const CACHE_PREFIX = "pyodide-snapshot-";
const CACHE_NAME = CACHE_PREFIX + version;
// The worker's own files and the first API calls go first; the snapshot waits this long.
const CACHE_AFTER_MS = 3000;
// A snapshot Pyodide refused stays in the cache as this mark, so it is not downloaded again
// (until a new build names another file); its body is the reason.
const REFUSED = "x-snapshot-refused";

export async function loadPyodide(options) {
  // Each start gets its own copy: Pyodide writes its defaults into the options it is given.
  const settings = () => ({ ...options, indexURL: INDEX_URL });
  const restored = await restore(settings());
  const pyodide = restored ?? (await startPyodide(settings()));
  // How this interpreter started, for the worker's Python: `import pyodide_loader`.
  pyodide.registerJsModule("pyodide_loader", { started_from_snapshot: restored !== null });
  setTimeout(cacheForNextVisit, CACHE_AFTER_MS);
  return pyodide;
}

/** Pyodide restored from the cached snapshot, or null. Never throws. */
async function restore(settings) {
  const cached = await cachedSnapshot();
  if (!cached) return null;
  try {
    const pyodide = await startPyodide({ ...settings, _loadSnapshot: cached.bytes });
    // The snapshot froze `random`'s state: without this, every visitor draws the same numbers.
    pyodide.runPython("import sys\nif 'random' in sys.modules: sys.modules['random'].seed()");
    return pyodide;
  } catch (error) {
    fellBack(`Pyodide refused the snapshot (${firstLine(error)})`);
    const mark = new Response(firstLine(error), { headers: { [REFUSED]: "1" } });
    cached.cache.put(cached.request, mark).catch(() => {}); // at worst, refused again next time
    return null;
  }
}

/** The snapshot cached for this Pyodide version and its bytes, checked against the SHA-256 its
 * file is named by; or null. Never throws. */
async function cachedSnapshot() {
  if (!globalThis.caches) return null; // not a secure context: no Cache Storage
  try {
    const cache = await caches.open(CACHE_NAME);
    // The newest entry: cacheForNextVisit deletes the others once the new one is in.
    const request = (await cache.keys()).at(-1);
    if (!request) return null; // the first visit with this Pyodide
    const response = await cache.match(request);
    if (response.headers.has(REFUSED)) {
      fellBack(`Pyodide refused this snapshot on an earlier visit (${await response.text()})`);
      return null;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if ((await sha256Hex(bytes)) !== snapshotName(request.url)) {
      await cache.delete(request);
      throw new Error("its bytes do not match its name");
    }
    return { cache, request, bytes };
  } catch (error) {
    fellBack(`the cached snapshot could not be read (${firstLine(error)})`);
    return null;
  }
}

/** Make sure the snapshot the server names is the one cached for the next visit; delete every
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

function snapshotName(url) {
  return new URL(url).pathname.split("/").pop().replace(/\.snapshot$/, "");
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
