using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DailyPapers.Search;

/// <summary>
/// A stored copy of one node's two indexes (the keyword index's last commit and the saved vector
/// index, as one tar archive cut into <see cref="IndexSnapshotChunk"/> rows), so a new node restores
/// it in seconds and catches up from its watermarks instead of indexing the whole catalog. Derived
/// data like the indexes themselves: losing every snapshot only makes the next new node slower.
/// </summary>
public sealed class IndexSnapshot
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The vector index's model key (model and input truncation); a node of another model skips the snapshot.</summary>
    public required string ModelKey { get; set; }

    public int Dimensions { get; set; }

    /// <summary>The vector index's scalar kind (<c>Float16</c>…): another one is another file format.</summary>
    public required string Quantization { get; set; }

    /// <summary>The keyword documents' shape (<see cref="KeywordIndex.SchemaVersion"/>).</summary>
    public required string KeywordSchema { get; set; }

    /// <summary>Change sequence of papers the keyword index held.</summary>
    public long KeywordWatermark { get; set; }

    /// <summary>Change sequence of embeddings the vector index held.</summary>
    public long VectorWatermark { get; set; }

    /// <summary>Bytes of the archive, over <see cref="ChunkCount"/> chunks.</summary>
    public long Length { get; set; }

    public int ChunkCount { get; set; }

    /// <summary>SHA-256 of the whole archive (hex): a damaged chunk is caught before any file is used.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Set once every chunk is written; until then (or forever, if its writer died) nobody restores it.</summary>
    public bool Complete { get; set; }
}

/// <summary>One piece of an <see cref="IndexSnapshot"/>'s archive, at <see cref="Position"/> (0, 1, …).</summary>
public sealed class IndexSnapshotChunk
{
    public long SnapshotId { get; set; }

    public int Position { get; set; }

    public required byte[] Data { get; set; }
}

internal sealed class IndexSnapshotConfiguration : IEntityTypeConfiguration<IndexSnapshot>
{
    public void Configure(EntityTypeBuilder<IndexSnapshot> snapshot)
    {
        snapshot.ToTable("index_snapshots");
        snapshot.HasIndex(s => s.CreatedAt);
        snapshot.Property(s => s.ModelKey).HasMaxLength(100);
        snapshot.Property(s => s.Quantization).HasMaxLength(20);
        snapshot.Property(s => s.KeywordSchema).HasMaxLength(20);
        snapshot.Property(s => s.Sha256).HasMaxLength(64);
    }
}

internal sealed class IndexSnapshotChunkConfiguration : IEntityTypeConfiguration<IndexSnapshotChunk>
{
    public void Configure(EntityTypeBuilder<IndexSnapshotChunk> chunk)
    {
        chunk.ToTable("index_snapshot_chunks");
        chunk.HasKey(c => new { c.SnapshotId, c.Position });
        chunk.HasOne<IndexSnapshot>().WithMany().HasForeignKey(c => c.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
