// The app's service worker: repeat visits fetch almost nothing, and every page once visited opens
// offline (the app's connection banner then says so). Plain JS, no framework.
//
// `mytho-assets pages` fills in BUILD (the build's folder, app-<hash>), SHELL (what the home page
// loads) and CONTENT (the areas' content files, `Bundle::content` in the core), so every deployment is a new worker with a cache of its own: installing it fills that cache,
// activating it deletes the others at once, and no page keeps an old build.
const BUILD = '__BUILD__';
const SHELL = ['__SHELL__'];
const CACHE = `mytho-${BUILD}`;
// The city edits these without a rebuild: shown from the cache, refreshed in the background.
const CONTENT = ['__CONTENT__'];
// Files that change only with a deployment, which brings a new worker and cache.
const BUILT = ['/favicon.svg', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  // `cache: 'no-cache'` revalidates with the server: a page or config from before this build is never
  // what it keeps. Hashed files come straight from the HTTP cache when the page just loaded them.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) => fetch(url, { cache: 'no-cache' }).then((r) => r.ok && cache.put(url, r)))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mytho-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The API is never cached: statuses, payments and personal data always come from the server.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api')) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request, url));
  } else if (url.pathname.startsWith(`/${BUILD}/`) || /-[0-9a-f]{16}(_bg)?\.\w+$/.test(url.pathname) || BUILT.includes(url.pathname)) {
    event.respondWith(kept(request));
  } else if (CONTENT.includes(url.pathname)) {
    event.respondWith(refreshed(request, event));
  } else if (url.pathname === '/config.json') {
    event.respondWith(fresh(request));
  }
});

// Pages: from the network, so a new deployment is seen on the next visit; offline, the copy of this
// address, else the home page (the app then draws the address itself).
function page(request, url) {
  return networkFirst(request, url.pathname, '/');
}

// Files named for their content: from the cache, else fetched once and kept.
async function kept(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

// Content files: the kept copy at once, refreshed for next time (a 304 when nothing changed).
async function refreshed(request, event) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  const update = fetch(request, { cache: 'no-cache' })
    .then((response) => {
      if (response.ok) return cache.put(request, response.clone()).then(() => response);
      return response;
    });
  if (hit) {
    event.waitUntil(update.catch(() => {}));
    return hit;
  }
  return update;
}

// Small files that must be current (the config): the network first, the kept copy offline.
function fresh(request) {
  return networkFirst(request, request.url, null);
}

// The network first, keeping what it answers (a 404 page too) under `key`; offline, the kept copy, else
// the kept `fallback`.
async function networkFirst(request, key, fallback) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok || response.status === 404) cache.put(key, response.clone());
    return response;
  } catch (offline) {
    return (await cache.match(key)) || (fallback && (await cache.match(fallback))) || Response.error();
  }
}
