import { initAll } from '/peer/govuk-frontend.min.js';
initAll();
