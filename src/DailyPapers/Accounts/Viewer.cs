using DailyPapers.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace DailyPapers.Accounts;

/// <summary>
/// Who is looking at the page being rendered, for the parts of a page that differ per member (vote
/// buttons). Anonymous pages are the cached, shared ones, so for them this holds nothing per
/// visitor: no token, no votes. Signed-in pages are never cached, and get the member's antiforgery
/// token and the papers they upvoted, loaded once per request.
/// </summary>
public sealed class Viewer(IHttpContextAccessor accessor, IAntiforgery antiforgery, AppDbContext db)
{
    private Task<HashSet<long>>? _voted;
    private AntiforgeryTokenSet? _tokens;

    public long? AccountId => accessor.HttpContext is { } http ? CommunityClaims.AccountId(http.User) : null;

    public bool IsModerator => accessor.HttpContext?.User.IsInRole(Roles.Admin) == true;

    /// <summary>The form field carrying the antiforgery token, for signed-in members only.</summary>
    public (string Name, string Value)? FormToken()
    {
        if (AccountId is null || accessor.HttpContext is not { } http)
        {
            return null;
        }
        if (_tokens is null)
        {
            // A member has the antiforgery cookie from signing in; if it went missing and the response
            // has started, the form goes without a token and the vote endpoint asks once more.
            if (http.Response.HasStarted)
            {
                _tokens = antiforgery.GetTokens(http);
                return null;
            }
            _tokens = antiforgery.GetAndStoreTokens(http);
        }
        return _tokens.RequestToken is { } value ? (_tokens.FormFieldName, value) : null;
    }

    /// <summary>Whether the signed-in member upvoted the paper; always false for anonymous visitors.</summary>
    public async Task<bool> HasVotedAsync(long paperId)
    {
        if (AccountId is not { } account)
        {
            return false;
        }
        _voted ??= LoadVotedAsync(account);
        return (await _voted).Contains(paperId);
    }

    private async Task<HashSet<long>> LoadVotedAsync(long account) =>
        [.. await db.PaperVotes.AsNoTracking().Where(v => v.AccountId == account).Select(v => v.PaperId).ToListAsync()];
}
