using System.Buffers.Binary;
using System.Buffers.Text;
using Facturo.Platform;

namespace Facturo.Api;

/// <summary>
/// One page of a list: <c>data</c>, and <c>nextCursor</c> to pass as <c>?after=</c> for the next page (<c>null</c> on the last).
/// Lists are in a stable order of their ids, so a row written between two pages is neither skipped nor repeated.
/// </summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Data, string? NextCursor);

/// <summary>An opaque cursor over a list ordered by id: integrators pass it back unchanged and never build one.</summary>
public static class ApiCursor
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;

    public static string Encode(long lastId)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastId);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out long lastId)
    {
        lastId = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        Span<byte> bytes = stackalloc byte[9];
        // TryDecodeFromChars throws on characters outside the alphabet rather than answering false.
        if (!Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 8)
        {
            return false;
        }
        lastId = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return lastId > 0;
    }

    /// <summary>
    /// A list's <c>?after=</c> and <c>?limit=</c>, read as text so that a limit of "abc" gets the same coded 400 as a limit of 500.
    /// </summary>
    public static Outcome<ApiPageRequest> Read(string? after, string? limit)
    {
        if (!TryDecode(after, out var afterId))
        {
            return new UserError("api.cursor-invalid", StatusCodes.Status400BadRequest);
        }
        var size = DefaultLimit;
        if (limit is not null
            && !(int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaximumLimit))
        {
            return new UserError("api.limit-invalid", StatusCodes.Status400BadRequest, MaximumLimit);
        }
        return new ApiPageRequest(afterId, size);
    }

    /// <summary>A page from up to <c>limit + 1</c> rows read after the cursor: the extra row only says there is more.</summary>
    public static ApiPage<TView> Page<TRow, TView>(IReadOnlyList<TRow> rows, int limit, Func<TRow, long> id, Func<TRow, TView> view) =>
        new(rows.Take(limit).Select(view).ToList(), rows.Count > limit ? Encode(id(rows[limit - 1])) : null);
}

/// <summary>Where a page starts (after the row of this id; 0 from the first) and how many rows it holds.</summary>
public sealed record ApiPageRequest(long AfterId, int Limit)
{
    /// <summary>The rows to read: one more than the page holds, to know whether another page follows.</summary>
    public int RowsToRead => Limit + 1;
}
