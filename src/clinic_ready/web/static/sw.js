// clinic-ready's service worker: after the first visit every file of the site comes from this
// browser's cache, so the page works offline.  The build writes the list of files and the build id
// below; a new build replaces the cache whole.  Nothing outside this site is ever fetched or cached.
const BUILD = "__BUILD__";
const FILES = ["__FILES__"];
const CACHE = "clinic-ready-" + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("clinic-ready-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(event.request, { ignoreSearch: true });
      return hit || fetch(event.request);
    }),
  );
});
