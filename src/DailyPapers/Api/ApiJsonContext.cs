using System.Text.Json;
using System.Text.Json.Serialization;
using DailyPapers.Feed;
using DailyPapers.Papers;
using DailyPapers.Search;

namespace DailyPapers.Api;

/// <summary>
/// Compile-time JSON metadata for the API's response bodies: no reflection on the hot path.
/// Web defaults (camelCase) match the names the OpenAPI document derives from the same types.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<DailyPaperDto>))]
[JsonSerializable(typeof(List<PaperDetailDto>))]
[JsonSerializable(typeof(PaperDetailDto))]
[JsonSerializable(typeof(List<PaperSearchHitDto>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
