// Progressive enhancement only: every page works without this file.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();

// A page of long work (a pack being built) says so in an element with data-refresh (the
// seconds between looks). Without JavaScript the page reloads itself (a meta refresh in
// <noscript>); with it, only that status is updated in place, so a screen reader hears
// the news without losing its place, and the page reloads once the work is done.
const progress = document.querySelector("[data-refresh]");
if (progress) {
  const every = Number(progress.dataset.refresh) * 1000;
  const look = async () => {
    try {
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("#progress");
      if (!fresh || !fresh.hasAttribute("data-refresh")) {
        window.location.reload();
        return;
      }
      progress.innerHTML = fresh.innerHTML;
    } catch {
      // a dropped connection: look again later
    }
    setTimeout(look, every);
  };
  setTimeout(look, every);
}
