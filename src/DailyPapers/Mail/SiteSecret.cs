namespace DailyPapers.Mail;

/// <summary>
/// A key every node shares (the HMAC key of signed links), kept in the database so a link mailed by
/// one node works on every other. Created on first use by whichever node gets there first.
/// </summary>
public sealed class SiteSecret
{
    public required string Name { get; set; }

    public required byte[] Value { get; set; }

    public DateTime CreatedAt { get; set; }
}
