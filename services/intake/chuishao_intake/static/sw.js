/* Chuishao grid worker app: service worker. Keeps the app shell (with the shared page module and the
   vocabulary it names statuses with) so the app opens with no network, and the last reference lists
   (categories, grids, departments) so the form works offline.
   Reports themselves are queued by the page in IndexedDB, never here. */
"use strict";
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const SHELL_CACHE = "chuishao-shell-" + VERSION;
const DATA_CACHE = "chuishao-reference";
const REFERENCE = ["/v1/categories", "/v1/grids", "/v1/departments"];
const VOCABULARY = "/v1/vocabulary";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("chuishao-shell-") && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

// A network that neither answers nor fails (a weak signal) must not keep the app from opening.
function fetchWithin(request, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    fetch(request).then((r) => { clearTimeout(timer); resolve(r); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetchWithin(request, 5000);
    if (response.ok) await cache.put(key || request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key || request, { ignoreSearch: !key });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  return cached || fetch(request);
}

self.addEventListener("message", (event) => {
  if (event.data === "sign-out") event.waitUntil(caches.delete(DATA_CACHE));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith("/app")) {
    // The newest shell when online; the kept one when not (the token in #... never reaches here).
    event.respondWith(networkFirst(request, SHELL_CACHE, "/app/"));
  } else if (url.pathname.startsWith("/app/static/") || url.pathname.startsWith("/static/shared/") || url.pathname === "/app/manifest.webmanifest") {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname === VOCABULARY) {
    event.respondWith(networkFirst(request, SHELL_CACHE, VOCABULARY));
  } else if (REFERENCE.includes(url.pathname)) {
    event.respondWith(networkFirst(request, DATA_CACHE, url.pathname + url.search));
  }
});
