namespace DailyPapers.Api;

/// <summary>
/// Metadata the API group puts on each of its endpoints: a test finds every <c>/api</c> route
/// without it, that is one mapped beside the group and so outside its policies.
/// </summary>
public sealed class ApiEndpoint
{
    public static readonly ApiEndpoint Marker = new();

    private ApiEndpoint()
    {
    }
}
