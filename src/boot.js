// Starts the app. The build bundles this file with wasm-bindgen's glue and the wasm splitter's loader
// into one script, in a folder named for the build's hash beside every wasm file of the build
// (scripts/build-app.sh), so each finds the others beside it.
import init from './mytho-so.js';

// The app's files are asked for once the first screen is on the glass, from the hints the page holds
// inert in <template id="app-files"> (crates/gateway/src/assets.rs): asked for with the page, they
// took main-thread time before the first paint, and Lighthouse's simulation counted every one that
// happened to finish before it (README, "Lighthouse"). A hidden page paints nothing: it starts at once.
let started;
function start() {
  if (started) return;
  started = true;
  const hints = document.getElementById('app-files');
  if (hints) document.head.append(hints.content);
  init({ module_or_path: new URL('./mytho-so_bg.wasm', import.meta.url) });
}
if (document.visibilityState == 'visible') {
  new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint').length && start()).observe({ type: 'paint', buffered: true });
  // A browser that reports no paints, or skipped this one (the page hidden meanwhile), starts anyway.
  setTimeout(start, PerformanceObserver.supportedEntryTypes?.includes('paint') ? 2000 : 0);
} else start();

// Repeat visits and offline use (public/sw.js). Browsers without it, or that refuse it (private
// windows, some captive-portal browsers), simply use the network.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}));
}
