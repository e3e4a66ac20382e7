using System.Net;

namespace DailyPapers.Mail;

/// <summary>The subscription emails, each as subject, HTML and plain text. Every inserted value is HTML-encoded.</summary>
public static class MailTemplates
{
    public readonly record struct Content(string Subject, string Html, string Text);

    public static Content Confirm(string confirmUrl) => new(
        "Confirm your DailyPapers subscription",
        Html("Confirm your subscription",
            $"""
            <p>Someone, probably you, asked for the DailyPapers digest of trending research papers at this address.</p>
            <p><a href="{Encode(confirmUrl)}">Confirm the subscription</a></p>
            <p>The link works for 7 days. If you did not ask, ignore this email: nothing will be sent.</p>
            """),
        $"""
        Someone, probably you, asked for the DailyPapers digest of trending research papers at this address.

        Confirm the subscription:
        {confirmUrl}

        The link works for 7 days. If you did not ask, ignore this email: nothing will be sent.
        """);

    public static Content AlreadySubscribed(string preferencesUrl) => new(
        "You are already subscribed to DailyPapers",
        Html("You are already subscribed",
            $"""
            <p>Someone, probably you, asked to subscribe this address to DailyPapers again. It is already subscribed, so nothing changed.</p>
            <p><a href="{Encode(preferencesUrl)}">Your preferences</a> (how often, how many papers, topics).</p>
            """),
        $"""
        Someone, probably you, asked to subscribe this address to DailyPapers again. It is already subscribed, so nothing changed.

        Your preferences (how often, how many papers, topics):
        {preferencesUrl}
        """);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Html(string heading, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(heading)}</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 1em auto; padding: 0 1em;">
        <h1 style="font-size: 1.3em;">{Encode(heading)}</h1>
        {body}
        </body></html>
        """;
}
