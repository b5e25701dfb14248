using Facturo.Data;

namespace Facturo.Ledger;

/// <summary>
/// Appends many postings with their entries in the current transaction, set-based (for imports and runs that
/// post thousands at once); a posting or two go through SaveChanges as usual. Inserts only: the ledger stays append-only.
/// </summary>
public static class LedgerWriter
{
    public static async Task AppendAsync(FacturoDbContext db, IReadOnlyList<LedgerPosting> postings, CancellationToken cancellationToken)
    {
        await BulkInsert.InsertAsync(db, postings, cancellationToken);
        var entries = new List<LedgerEntry>();
        foreach (var posting in postings)
        {
            foreach (var entry in posting.Entries)
            {
                entry.PostingId = posting.Id;
                entries.Add(entry);
            }
        }
        await BulkInsert.InsertAsync(db, entries, cancellationToken);
    }
}
