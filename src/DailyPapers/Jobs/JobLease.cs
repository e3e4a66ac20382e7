namespace DailyPapers.Jobs;

/// <summary>
/// Who runs a singleton job (embedding, a harvest, digest composition: <see cref="JobNames"/>) until
/// when. Nodes sharing one database take the lease before the work, renew it while working and let
/// it run out if they die, so one node works at a time and a killed one stops blocking the others
/// once <see cref="LeaseUntil"/> has passed.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    public required string Owner { get; set; }

    public DateTime LeaseUntil { get; set; }
}
