// Progressive enhancement for the upvote buttons. Without JavaScript each button is a form POST to
// /vote that comes back to the page. With it, the same form is sent by fetch (asking for JSON) and
// the count and pressed state change in place; an anonymous visitor is sent to sign in. Any other
// failure falls back to the plain form post, which explains itself.
(() => {
  if (!window.fetch) {
    return;
  }
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("vote-form")) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      // getAttribute: the form's input named "action" shadows the form.action property.
      const response = await fetch(form.getAttribute("action"), {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      if (response.status === 401 && answer.signIn) {
        window.location.assign(answer.signIn);
        return;
      }
      if (!response.ok) {
        form.submit();
        return;
      }
      form.querySelector(".vote-count").textContent = answer.upvotes.toLocaleString("en-US");
      const noun = form.querySelector(".vote-noun");
      if (noun) {
        noun.textContent = answer.upvotes === 1 ? "upvote" : "upvotes";
      }
      button.setAttribute("aria-pressed", answer.voted ? "true" : "false");
      button.title = answer.voted ? "Take back your upvote" : "Upvote";
      form.elements.action.value = answer.voted ? "remove" : "up";
    } catch {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
