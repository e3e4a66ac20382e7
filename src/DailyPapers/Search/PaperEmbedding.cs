using DailyPapers.Papers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DailyPapers.Search;

/// <summary>
/// A paper's embedding under one model, kept in the database so that an index can be rebuilt
/// without running the model again. The vector is float32, little-endian (1,536 bytes for 384
/// dimensions): the database keeps full precision and the vector index chooses its own
/// quantization, so changing that never needs a re-embed. That costs 4× the bytes of int8, about
/// 200 MB for 130k papers, which the database carries easily.
/// </summary>
public sealed class PaperEmbedding
{
    public long PaperId { get; set; }

    /// <summary>Model key: model name and input truncation (<c>snowflake-arctic-embed-xs@256</c>).</summary>
    public required string Model { get; set; }

    public int Dimensions { get; set; }

    /// <summary>float32 little-endian, <see cref="Dimensions"/> values, unit length.</summary>
    public required byte[] Vector { get; set; }

    /// <summary>
    /// First 16 bytes of SHA-256 of the exact model input. A paper whose metadata changed (say, its
    /// upvotes) but whose text did not is marked current without running the model again.
    /// </summary>
    public required byte[] TextHash { get; set; }

    /// <summary>The paper's change sequence this embedding was computed from (or confirmed against).</summary>
    public long SourceChangeSeq { get; set; }

    /// <summary>
    /// Change sequence taken when the vector was written; the vector index follows these, since an
    /// old paper embedded today must still reach an index whose watermark is past the paper's own sequence.
    /// </summary>
    public long ChangeSeq { get; set; }

    public DateTime ComputedAt { get; set; }

    public Paper? Paper { get; set; }
}

internal sealed class PaperEmbeddingConfiguration : IEntityTypeConfiguration<PaperEmbedding>
{
    public void Configure(EntityTypeBuilder<PaperEmbedding> embedding)
    {
        embedding.ToTable("paper_embeddings");
        embedding.HasKey(e => new { e.PaperId, e.Model });
        embedding.HasIndex(e => new { e.Model, e.ChangeSeq });
        embedding.Property(e => e.Model).HasMaxLength(100);
        embedding.HasOne(e => e.Paper).WithMany().HasForeignKey(e => e.PaperId).OnDelete(DeleteBehavior.Cascade);
        // As its paper's: a hidden paper's vector is not loaded into a new replica either.
        embedding.HasQueryFilter(e => e.Paper!.HiddenAt == null);
    }
}
