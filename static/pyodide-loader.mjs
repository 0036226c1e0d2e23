// The checkout worker's Pyodide, for PyScript's `interpreter` key (PyScript wants a module that
// exports { loadPyodide, version }): Pyodide restored from its memory snapshot, kept in Cache
// Storage. Restoring skips Pyodide's boot, seconds of CPU on a phone or in WebKit, for about
// 4.5 MB of brotli (bench: docs/performance.md).
//
// A first visit downloads the runtime's own files (the wasm, the standard library) first, so the
// snapshot never slows them down, then the snapshot, and restores from it only when its download,
// projected from its first part, ends soon enough to beat a boot: on a fast link it does; on a
// slow one Pyodide boots as it would without a snapshot, which is then cached after the start
// for the next visit.
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
// A first visit's snapshot download is projected from what arrived in this long; it is worth
// waiting for when it projects to end within WORTH_WAITING_MS: restoring takes well under 0.5 s,
// a boot 2-3.6 s on a desktop's CPU in Chromium (more on a busy one), twice that in WebKit, four
// times on a phone. So 4.5 MB of brotli is waited for from about 12 Mbit/s up.
const PROJECT_AFTER_MS = 250;
const WORTH_WAITING_MS = 3000;
// The runtime files a first visit downloads before the snapshot (Pyodide fetches them again, from
// the HTTP cache).
const RUNTIME_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];
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
/** A first visit's snapshot would arrive too late to beat a boot on this link. */
class SlowSnapshot extends Error {}

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
    if (error instanceof SlowSnapshot) {
      console.info(`pyodide-loader: started Pyodide without its memory snapshot on this link (${error.message}); it is cached for the next visit`);
    } else if (error instanceof UnavailableSnapshot) {
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

/** A first visit's snapshot: the server's, downloaded once the runtime's own files are in, and
 * cached for the next visit once its bytes are checked; SlowSnapshot (and the download stopped)
 * when it would arrive too late to be worth waiting for. */
function downloaded(cache) {
  const entry = current("high");
  const response = Promise.all([entry, runtimeDownloaded()]).then(
    ([named]) => fetchUnchecked(named),
    (error) => Promise.reject(new UnavailableSnapshot(firstLine(error))),
  );
  const request = entry.then((named) => named.url);
  const bytes = response.then(async ({ named, found, controller }) => {
    const body = await readInTime(found, named.size, controller);
    await checkIntegrity(body, named.integrity);
    return body;
  });
  const stored = Promise.all([request, bytes]).then(async ([url, body]) => {
    await cache.put(url, new Response(body));
    console.debug(CACHED); // verbose level
  });
  // The start waits for neither; restore reports a failed download, cacheForNextVisit tries again.
  request.catch(() => {});
  stored.catch(() => {});
  return { cache, request, stored, bytes };
}

/** The runtime's own files, downloaded (their bodies dropped: Pyodide reads them from the HTTP
 * cache). A failure here is Pyodide's to report, when it fetches them itself. */
async function runtimeDownloaded() {
  await Promise.all(RUNTIME_FILES.map(async (name) => {
    try {
      const response = await fetch(indexURL + name, { priority: "high" });
      await response.body?.pipeTo(new WritableStream());
    } catch {
      // Pyodide's own fetch of it fails the start, and says why
    }
  }));
}

/** The snapshot's response, its bytes not yet checked (checkIntegrity does, as they are read). */
async function fetchUnchecked(named) {
  const controller = new AbortController();
  try {
    const found = await fetch(named.url, { signal: controller.signal, priority: "high" });
    if (!found.ok || !found.body) throw new Error(`${found.status} for ${named.url}`);
    return { named, found, controller };
  } catch (error) {
    throw new UnavailableSnapshot(firstLine(error));
  }
}

/** `response`'s body, unless what arrived in its first PROJECT_AFTER_MS says the rest will take
 * longer than WORTH_WAITING_MS: then the download is stopped and SlowSnapshot thrown. */
async function readInTime(response, size, controller) {
  const total = Number(size) || 0; // (none from an older manifest: then only the time taken counts)
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  const started = performance.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      const elapsed = performance.now() - started;
      const projected = total > received ? (elapsed * total) / received : elapsed;
      if (elapsed >= PROJECT_AFTER_MS && projected > WORTH_WAITING_MS) {
        controller.abort();
        throw new SlowSnapshot(`its download would take about ${Math.round(projected / 100) / 10} s`);
      }
    }
  } catch (error) {
    if (error instanceof SlowSnapshot) throw error;
    throw new UnavailableSnapshot(firstLine(error));
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** UnavailableSnapshot unless `bytes` have the SHA-256 the manifest's `integrity` names. */
async function checkIntegrity(bytes, integrity) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  if (integrity !== "sha256-" + btoa(String.fromCharCode(...digest))) {
    throw new UnavailableSnapshot("its bytes do not match the manifest's integrity hash");
  }
}

/** The snapshot the server names ({ url, integrity, size }), revalidating its manifest. */
async function current(priority) {
  const response = await fetch(MANIFEST_URL, { cache: "no-cache", priority });
  if (!response.ok) throw new Error(`${response.status} for ${MANIFEST_URL}`);
  const manifest = await response.json();
  if (manifest.pyodide !== version) {
    throw new Error(`the server's snapshot is for Pyodide ${manifest.pyodide}, not ${version}`);
  }
  return { url: new URL(manifest.file, MANIFEST_URL).href, integrity: manifest.integrity, size: manifest.size };
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
