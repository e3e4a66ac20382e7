// Progressive enhancement for the subscribe box on every page. Without JavaScript the box posts
// to /subscribe, which answers with its own form carrying an antiforgery token (the pages around
// the box are cached and shared, so they cannot carry one), and one more click sends it. With
// JavaScript the box fetches that token form first, posts with its token, and shows the answer in
// place, so the reader stays on the page. Any failure falls back to the plain form post.
(() => {
  const box = document.querySelector("form.subscribe-form");
  if (!box || !window.fetch || !window.DOMParser) {
    return;
  }
  const status = box.querySelector(".subscribe-status");
  const read = async (response) => new DOMParser().parseFromString(await response.text(), "text/html");
  box.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const form = await read(await fetch("/subscribe", { credentials: "same-origin", headers: { Accept: "text/html" } }));
      const token = form.querySelector("main form[action='/subscribe'] input[type=hidden]");
      if (!token) {
        box.submit();
        return;
      }
      const body = new URLSearchParams();
      body.set(token.name, token.value);
      body.set("email", box.elements.email.value);
      const answer = await read(await fetch("/subscribe", { method: "POST", body, credentials: "same-origin", headers: { Accept: "text/html" } }));
      const heading = answer.querySelector("main h1");
      const message = answer.querySelector("main [role=alert], main .error-message, main h1 + p");
      status.textContent = [heading && heading.textContent, message && message.textContent].filter(Boolean).join(": ");
    } catch {
      box.submit();
    }
  });
})();
