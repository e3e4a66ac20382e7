using System.IO.Compression;
using DailyPapers.Search;
using DailyPapers.Tests.Infrastructure;
using DailyPapers.Tests.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Fuzz;

/// <summary>
/// The embeddings importer given damaged files: bytes flipped anywhere (header, ids, scales,
/// vectors) and files cut at any point. Each import either finishes, reporting what it skipped, or
/// refuses with an <see cref="InvalidDataException"/> naming the file; nothing else escapes, and
/// every stored vector stays finite and of unit length.
/// </summary>
public sealed class EmbeddingsFileFuzzTests
{
    private const int Seed = 20261206;
    private const int Mutations = 120;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DamagedFilesAreImportedInPartOrRefusedAndNeverStoreABadVector()
    {
        await using var app = await SearchApp.CreateAsync(Lane.Sqlite);
        await app.WriteAsync(
            SearchApp.Paper("2401.00001", "Diffusion Policies for Robot Manipulation", "We learn visuomotor policies with denoising diffusion."),
            SearchApp.Paper("2401.00002", "Dense Retrieval with Dual Encoders", "Passage retrieval with learned dense representations."));
        await app.EmbedAsync();
        byte[] plain;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            using var exported = new MemoryStream();
            await scope.ServiceProvider.GetRequiredService<EmbeddingsTransfer>().ExportAsync(exported, Ct);
            plain = Decompress(exported.ToArray());
        }
        var random = new Random(Seed);
        List<string> failures = [];
        for (var i = 0; i < Mutations; i++)
        {
            var damaged = (byte[])plain.Clone();
            if (i % 3 == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }
            else
            {
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
                }
            }
            try
            {
                await using var scope = app.App.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EmbeddingsTransfer>().ImportAsync(new MemoryStream(Compress(damaged)), "damaged.emb", null, Ct);
            }
            catch (InvalidDataException refused)
            {
                Assert.Contains("damaged.emb", refused.Message, StringComparison.Ordinal);
            }
            catch (Exception other)
            {
                failures.Add($"mutation {i}: {other.GetType().Name}: {other.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var vectors = await app.App.WithDbAsync(db => db.PaperEmbeddings.AsNoTracking().Select(e => e.Vector).ToListAsync(Ct));
        Assert.All(vectors, bytes =>
        {
            var vector = VectorBytes.ToFloats(bytes);
            Assert.All(vector, value => Assert.True(float.IsFinite(value)));
            Assert.InRange(Math.Sqrt(vector.Sum(v => (double)v * v)), 0.99, 1.01);
        });
    }

    private static byte[] Decompress(byte[] file)
    {
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(file), CompressionMode.Decompress))
        {
            gzip.CopyTo(plain);
        }
        return plain.ToArray();
    }

    private static byte[] Compress(byte[] plain)
    {
        using var file = new MemoryStream();
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }
        return file.ToArray();
    }
}
