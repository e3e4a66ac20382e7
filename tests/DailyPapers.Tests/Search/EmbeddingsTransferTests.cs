using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Search;

/// <summary>
/// <c>embeddings export|import</c>: the file carries a catalog's vectors to another site, which
/// keeps only those whose text it holds too, refuses another model's, and can import again safely.
/// </summary>
public sealed class EmbeddingsTransferTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DailyPapers.Ingest.PaperRecord[] Papers =
    [
        SearchApp.Paper("2401.00001", "Diffusion Policies for Robot Manipulation", "We learn visuomotor policies with denoising diffusion."),
        SearchApp.Paper("2401.00002", "Dense Retrieval with Dual Encoders", "Passage retrieval with learned dense representations."),
        SearchApp.Paper("2401.00003", "Graph Neural Networks for Molecules", "Message passing networks predict molecular properties."),
    ];

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task ARoundTripGivesAnotherSiteTheSameVectorsWithoutEmbeddingAndAgainChangesNothing(Lane lane)
    {
        byte[] file;
        Dictionary<string, float[]> original;
        await using (var source = await SearchApp.CreateAsync(lane))
        {
            await source.WriteAsync(Papers);
            Assert.Equal(3, await source.EmbedAsync());
            original = await VectorsAsync(source);
            file = await ExportAsync(source);
        }
        await using var target = await SearchApp.CreateAsync(lane);
        await target.WriteAsync(Papers);

        var first = await ImportAsync(target, file);
        var again = await ImportAsync(target, file);

        Assert.Equal((3, 3, 0, 0, 0), (first.Read, first.Imported, first.Unchanged, first.NotInCatalog, first.TextDiffers));
        Assert.Equal((3, 0, 3), (again.Read, again.Imported, again.Unchanged));
        Assert.Equal(0, await target.App.Services.GetRequiredService<PaperEmbedder>().CountPendingAsync(Ct));
        var imported = await VectorsAsync(target);
        foreach (var (id, vector) in original)
        {
            // int8 with a per-vector scale: the direction survives to well within a thousandth.
            Assert.True(Cosine(vector, imported[id]) > 0.999, $"{id}: cosine {Cosine(vector, imported[id])}");
        }
        await target.CatchUpAsync();
        var result = await target.SearchAsync("robots learning to grasp with diffusion");
        Assert.Equal("hybrid", result.Mode);
        Assert.Equal("2401.00001", SearchApp.Ids(result)[0]);
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task OnlyPapersWhoseTextTheVectorWasMadeFromTakeIt(Lane lane)
    {
        byte[] file;
        await using (var source = await SearchApp.CreateAsync(lane))
        {
            await source.WriteAsync(Papers);
            await source.EmbedAsync();
            file = await ExportAsync(source);
        }
        await using var target = await SearchApp.CreateAsync(lane);
        // One paper is missing here, one has a newer version with another abstract.
        await target.WriteAsync(Papers[0], Papers[1] with { Version = 2, Abstract = "A different abstract entirely." });

        var result = await ImportAsync(target, file);

        Assert.Equal((3, 1, 1, 1), (result.Read, result.Imported, result.NotInCatalog, result.TextDiffers));
        Assert.Equal(1, await target.App.Services.GetRequiredService<PaperEmbedder>().CountPendingAsync(Ct));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task AFileOfAnotherModelIsRefusedWithAMessageAndChangesNothing(Lane lane)
    {
        await using var target = await SearchApp.CreateAsync(lane);
        await target.WriteAsync(Papers);
        using var other = new MemoryStream();
        var vector = new float[384];
        vector[0] = 1;
        await EmbeddingsFile.WriteAsync(other, new EmbeddingsFileHeader("some-other-model@128", 384, EmbeddingsFile.ScaledBytes, EmbeddingsFile.TextDescription, 1),
            new[] { new EmbeddingsFileRecord("2401.00001", new byte[16], vector) }.ToAsyncEnumerable(), Ct);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(target, other.ToArray()));

        Assert.Contains("some-other-model@128", refused.Message, StringComparison.Ordinal);
        Assert.Contains(target.App.Services.GetRequiredService<EmbeddingText>().ModelKey, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await target.App.WithDbAsync(db => db.PaperEmbeddings.CountAsync(Ct)));
    }

    [Theory, MemberData(nameof(Lanes.All), MemberType = typeof(Lanes))]
    public async Task NotAnEmbeddingsFileOrACutOffOneIsRefusedWithAMessage(Lane lane)
    {
        await using var app = await SearchApp.CreateAsync(lane);
        await app.WriteAsync(Papers);
        await app.EmbedAsync();
        var file = await ExportAsync(app);

        await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(app, "not gzip at all"u8.ToArray()));
        var cut = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(app, CutOff(file)));
        Assert.Contains("demo.emb", cut.Message, StringComparison.Ordinal);
    }

    /// <summary>The same records, cut inside the last one, then compressed again (a gzip cut off mid-stream fails in gzip itself, which says less).</summary>
    private static byte[] CutOff(byte[] file)
    {
        using var plain = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(file), System.IO.Compression.CompressionMode.Decompress))
        {
            gzip.CopyTo(plain);
        }
        using var again = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(again, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain.ToArray().AsSpan(0, (int)plain.Length - 100));
        }
        return again.ToArray();
    }

    private static async Task<byte[]> ExportAsync(SearchApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        using var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<EmbeddingsTransfer>().ExportAsync(output, Ct);
        return output.ToArray();
    }

    private static async Task<EmbeddingsImportResult> ImportAsync(SearchApp app, byte[] file)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmbeddingsTransfer>().ImportAsync(new MemoryStream(file), "demo.emb", null, Ct);
    }

    private static Task<Dictionary<string, float[]>> VectorsAsync(SearchApp app) =>
        app.App.WithDbAsync(db => db.PaperEmbeddings.AsNoTracking()
            .Select(e => new { e.Paper!.ArxivId, e.Vector })
            .ToDictionaryAsync(e => e.ArxivId, e => VectorBytes.ToFloats(e.Vector), Ct));

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
