// Starts the app. The build bundles this file with wasm-bindgen's glue and the wasm splitter's loader
// into one script, in a folder named for the build's hash beside every wasm file of the build
// (scripts/build-app.sh), so each finds the others beside it.
import init from './mytho-so.js';

init({ module_or_path: new URL('./mytho-so_bg.wasm', import.meta.url) });

// Repeat visits and offline use (public/sw.js). Browsers without it, or that refuse it (private
// windows, some captive-portal browsers), simply use the network.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}));
}
