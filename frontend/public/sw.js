// Keeps the app shell so that the app opens without a network: a visitor's ticket at the gate,
// and the staff pages once used. The API is never cached here; tickets are kept by the page itself.
// - The page is fetched from the network first (a new release is seen at once); the kept copy
//   only when the network fails.
// - Assets (content-hashed, never changing) come from the cache first. On install, and whenever a
//   new release's page is seen, the entry's files are fetched ahead and files no longer in the
//   release's manifest (asset-manifest.json, written by Vite) are deleted. Pages loaded on demand
//   (scanner, desk, dashboard) are kept once used, so a visitor's phone downloads no staff code.
const SHELL = "pravesh-shell-v1";

async function release() {
  const response = await fetch("/asset-manifest.json", { cache: "no-cache" });
  if (!response.ok) throw new Error("no manifest");
  const manifest = await response.json();
  const filesOf = (chunk) =>
    [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])].map((f) => "/" + f);
  const all = new Set(Object.values(manifest).flatMap(filesOf));
  // The entry and what it imports statically: what the first page needs.
  const entry = new Set();
  const visit = (name) => {
    const chunk = manifest[name];
    if (!chunk || filesOf(chunk).every((f) => entry.has(f))) return;
    filesOf(chunk).forEach((f) => entry.add(f));
    (chunk.imports ?? []).forEach(visit);
  };
  Object.keys(manifest)
    .filter((name) => manifest[name].isEntry)
    .forEach(visit);
  return { all, entry, chunks: Object.values(manifest).map(filesOf) };
}

/** A file's name without its content hash: "/assets/Scanner.Ab-12.js" → "/assets/Scanner" (also the decoder's .wasm). */
const stem = (path) => path.replace(/\.[^./]+\.(js|css|wasm)$/, "");

/**
 * Keeps `page` (a release's index.html) and its entry files, fetches the new version of every
 * page the device had used (the scanner stays usable offline after a release), and forgets other
 * releases' files. Nothing is deleted unless the page and the manifest are of the same release
 * (during a rolling deploy they can come from different nodes).
 */
async function keepShell(page) {
  const cache = await caches.open(SHELL);
  const { all, entry, chunks } = await release();
  const html = await page.clone().text();
  if (![...entry].filter((f) => f.endsWith(".js")).every((f) => html.includes(f))) return;
  const kept = await cache.keys();
  const have = new Set(kept.map((request) => new URL(request.url).pathname));
  const used = new Set([...have].map(stem));
  // A page used before is kept with all it loads (its styles, the camera decoder's .wasm).
  const wanted = chunks
    .filter((files) => files.some((f) => entry.has(f) || used.has(stem(f))))
    .flat();
  await cache.addAll([...new Set(wanted)].filter((file) => !have.has(file)));
  await cache.put("/", page);
  await Promise.all(
    kept
      .filter((request) => {
        const path = new URL(request.url).pathname;
        return path.startsWith("/assets/") && !all.has(path);
      })
      .map((request) => cache.delete(request)),
  );
}

async function keepIfNew(page) {
  const cache = await caches.open(SHELL);
  const old = await cache.match("/");
  if (old && (await old.text()) === (await page.clone().text())) return;
  await keepShell(page);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    fetch("/", { cache: "no-cache" })
      .then((page) => (page.ok ? keepShell(page) : undefined))
      // A release half deployed (an asset not there yet) must not leave the app without a worker.
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && (url.pathname === "/" || url.pathname === "/index.html")) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) event.waitUntil(keepIfNew(response.clone()).catch(() => undefined));
          return response;
        })
        .catch(() => caches.match("/").then((kept) => kept || Response.error())),
    );
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(SHELL).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
  }
});
