// Progressive enhancement only: every page works without this file.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();

// Pages that wait on background work ask to be reloaded; without JavaScript a
// <meta http-equiv="refresh"> does the same.
const refresh = document.querySelector("[data-refresh-seconds]");
if (refresh) {
  window.setTimeout(() => window.location.reload(), Number(refresh.dataset.refreshSeconds) * 1000);
}
