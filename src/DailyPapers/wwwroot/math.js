// Renders the LaTeX math in paper titles and abstracts with KaTeX (vendor/katex/), as a progressive
// enhancement: the server sends the text as stored ("$\textit{Trans-LoRA}$: towards ..."), which
// stays readable without JavaScript. Only elements marked data-math are read, never the whole page,
// so text that readers write (comments, forms) is never turned into math. KaTeX's script and
// stylesheet are fetched only when a marked element holds math; the layout passes their versioned
// addresses on this script's data-katex and data-katex-css attributes.
//
// The delimiters follow Papers/MathSpans.cs exactly (keep the two in step): $...$ with Pandoc's rule
// (a non-space after the opening dollar and before the closing one, so "$1 Million" stays money),
// $$...$$, \(...\), \[...\]; \$ is a dollar; a closing delimiter inside braces does not count. The
// server never puts a <mark> (search highlighting) boundary inside a piece of math, so each piece
// lies within one text node, and the text nodes are read one at a time.
//
// KaTeX builds its output with DOM calls and sets its inline styles through element.style, which a
// Content-Security-Policy without 'unsafe-inline' allows (see Web/SecurityHeaders.cs). Math that
// KaTeX cannot parse stays as text (throwOnError, so its error markup, which would need a style
// attribute, is never built).
(() => {
  const script = document.currentScript;
  const roots = document.querySelectorAll("[data-math]");
  if (!script || roots.length === 0) {
    return;
  }

  const isSpace = (c) => /\s/.test(c);

  // The first closing delimiter at brace depth 0 after the opening one, skipping escaped characters.
  const closed = (text, start, open, close) => {
    const contentStart = start + open.length;
    let depth = 0;
    for (let j = contentStart; j < text.length; j++) {
      if (depth === 0 && j > contentStart && text.startsWith(close, j)) {
        return { start, end: j + close.length, content: text.slice(contentStart, j) };
      }
      const c = text[j];
      if (c === "\\") {
        j++;
      } else if (c === "{") {
        depth++;
      } else if (c === "}") {
        depth = Math.max(0, depth - 1);
      }
    }
    return null;
  };

  const matchAt = (text, i) => {
    if (text[i] === "\\" && i + 1 < text.length) {
      if (text[i + 1] === "(") {
        return closed(text, i, "\\(", "\\)");
      }
      return text[i + 1] === "[" ? closed(text, i, "\\[", "\\]") : null;
    }
    if (text[i] !== "$") {
      return null;
    }
    if (text[i + 1] === "$") {
      return closed(text, i, "$$", "$$");
    }
    if (i + 1 >= text.length || isSpace(text[i + 1])) {
      return null;
    }
    const span = closed(text, i, "$", "$");
    return span && isSpace(span.content[span.content.length - 1]) ? null : span;
  };

  const findMath = (text) => {
    const spans = [];
    let i = 0;
    while (i < text.length) {
      const span = matchAt(text, i);
      if (span) {
        spans.push(span);
        i = span.end;
      } else {
        i += text[i] === "\\" ? 2 : 1;
      }
    }
    return spans;
  };

  const textNodes = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/[$\\]/.test(node.data) && findMath(node.data).length > 0) {
        textNodes.push(node);
      }
    }
  }
  if (textNodes.length === 0) {
    return;
  }

  const render = () => {
    for (const node of textNodes) {
      const text = node.data;
      const parts = document.createDocumentFragment();
      let position = 0;
      for (const span of findMath(text)) {
        parts.append(text.slice(position, span.start));
        const math = document.createElement("span");
        math.className = "math";
        try {
          // Inline size even for $$...$$: titles and abstracts are single lines and paragraphs.
          window.katex.render(span.content, math, { throwOnError: true, strict: "ignore", output: "htmlAndMathml" });
          parts.append(math);
        } catch {
          parts.append(text.slice(span.start, span.end));
        }
        position = span.end;
      }
      parts.append(text.slice(position));
      node.replaceWith(parts);
    }
  };

  const load = (element) => new Promise((resolve, reject) => {
    element.addEventListener("load", resolve);
    element.addEventListener("error", reject);
    document.head.append(element);
  });
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = script.dataset.katexCss;
  const katex = document.createElement("script");
  katex.src = script.dataset.katex;
  // Both first: KaTeX's output without its stylesheet shows every formula twice (HTML and MathML).
  Promise.all([load(stylesheet), load(katex)]).then(render, () => {});
})();
