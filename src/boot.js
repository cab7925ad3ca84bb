// Starts the app. This file, the module wasm-bindgen wrote and every wasm file of the build sit in one
// folder named for the build's hash (scripts/build-app.sh), so each finds the others beside it.
import init from './mytho-so.js';

init({ module_or_path: new URL('./mytho-so_bg.wasm', import.meta.url) });
