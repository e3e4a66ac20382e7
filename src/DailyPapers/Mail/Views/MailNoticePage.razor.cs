using Microsoft.AspNetCore.Http.HttpResults;

namespace DailyPapers.Mail.Views;

public partial class MailNoticePage
{
    /// <summary>The notice as an endpoint's result: what happened, in a heading and a sentence, with an optional way on.</summary>
    public static RazorComponentResult<MailNoticePage> Result(string heading, string message, (string Url, string Text)? link = null, int statusCode = StatusCodes.Status200OK) =>
        new(new Dictionary<string, object?>
        {
            [nameof(Heading)] = heading,
            [nameof(Message)] = message,
            [nameof(Link)] = link?.Url,
            [nameof(LinkText)] = link?.Text,
        })
        { StatusCode = statusCode };
}
