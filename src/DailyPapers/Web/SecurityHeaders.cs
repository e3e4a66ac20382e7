namespace DailyPapers.Web;

/// <summary>
/// The browser security headers on every response: pages, API, feeds, static files, error pages.
/// Set when the response starts, so they survive a handler or error page that clears the headers,
/// and are added to responses served from the output cache too (the cache stores no copy of them).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Everything from the site itself and nothing inline: the pages have one script file and one
    /// stylesheet, so an injected <c>&lt;script&gt;</c>, event handler or style cannot run, and no
    /// third party sees the readers. <c>data:</c> images only because CSS and SVG icons may use
    /// them; <c>frame-ancestors</c> refuses framing (clickjacking on the subscribe and preferences forms).
    /// <para>
    /// Math (<c>math.js</c> with the vendored KaTeX) needs nothing more. KaTeX's output does carry
    /// inline styles (heights, vertical offsets), but <c>katex.render</c> builds DOM nodes and sets
    /// them through <c>element.style</c>, which CSP does not govern; only <c>style</c> attributes in
    /// markup or set with <c>setAttribute</c> need <c>'unsafe-inline'</c> (or
    /// <c>style-src-attr 'unsafe-inline'</c>), which would let injected markup restyle the page.
    /// The few KaTeX constructs that set a style attribute (the SVG inside tall stacked
    /// delimiters and <c>\oiint</c>, and in the MathML copy <c>\fbox</c>-style borders and
    /// <c>\pmb</c>) lose only that attribute, as the policy reports. Math that fails to parse stays
    /// text (<c>throwOnError</c>), so KaTeX's error span, styled by attribute, is never built.
    /// </para>
    /// </summary>
    public const string SitePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// A digest shown as its email carries it (the preferences page's preview): email programs need
    /// inline <c>style</c> attributes, so this one response allows inline styles, and in exchange
    /// nothing else at all (no script, no stylesheet, no image, no form).
    /// </summary>
    public const string EmailHtmlPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// One year, the usual value; no <c>includeSubDomains</c>, because other hosts under the
    /// operator's domain may not serve HTTPS.
    /// </summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IHostEnvironment environment)
    {
        // In Development a browser told once to use HTTPS for localhost would keep doing so for a year.
        var hsts = !environment.IsDevelopment();
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(hsts ? SetHeadersWithHsts : SetHeaders, context);
            return next(context);
        });
    }

    /// <summary>Gives this response <see cref="EmailHtmlPolicy"/> instead of <see cref="SitePolicy"/>.</summary>
    public static void ServeAsEmailHtml(HttpResponse response) => response.Headers.ContentSecurityPolicy = EmailHtmlPolicy;

    private static Task SetHeadersWithHsts(object state)
    {
        var context = (HttpContext)state;
        // IsHttps is read as the response starts, after Site:BaseUrl (or forwarded headers, when the
        // operator turns them on) has given the request its public scheme: behind a proxy that ends
        // TLS the request reaches the app over plain HTTP, but the browser spoke HTTPS.
        if (context.Request.IsHttps && !IsLoopback(context.Request.Host))
        {
            context.Response.Headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        return SetHeaders(state);
    }

    private static Task SetHeaders(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        // Without it a browser may sniff a JSON or Atom body that echoes request text as HTML and run script in it.
        headers.XContentTypeOptions = "nosniff";
        // Paper and search addresses carry what a reader looked for; other sites see only our origin.
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // For browsers that predate frame-ancestors.
        headers.XFrameOptions = "DENY";
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = SitePolicy;
        }
        return Task.CompletedTask;
    }

    /// <summary>As the framework's own HSTS middleware: browsers would pin HTTPS for every local port.</summary>
    private static bool IsLoopback(HostString host) =>
        host.Host is "localhost" or "127.0.0.1" or "[::1]";
}
