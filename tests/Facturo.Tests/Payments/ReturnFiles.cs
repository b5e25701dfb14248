using System.Globalization;

namespace Facturo.Payments;

/// <summary>What banks send back, made from the files we sent: the tests play the bank.</summary>
public static class ReturnFiles
{
    /// <summary>
    /// What a Canadian bank sends back: the first segments of the debit file as returned debits (J), the
    /// reason in the transaction type and the original 718 in the stored transaction type (or swapped); the
    /// cross reference rewritten by <paramref name="crossReference"/> and the header's currency replaced, when given.
    /// </summary>
    public static string Cpa005Returns(string sentFile, string reason, int returnedSegments, bool reasonInStoredType = false, Func<string, string>? crossReference = null, string? currency = null)
    {
        var records = sentFile.TrimEnd('\n').TrimEnd('\r').Split("\r\n");
        var detail = records[1].ToCharArray();
        long total = 0;
        for (var s = 0; s < Cpa005.SegmentsPerRecord; s++)
        {
            var start = 24 + s * Cpa005.SegmentLength;
            if (s >= returnedSegments)
            {
                Array.Fill(detail, ' ', start, Cpa005.SegmentLength);
                continue;
            }
            var original = new string(detail, start, 3);
            (reasonInStoredType ? original : reason).CopyTo(0, detail, start, 3);
            (reasonInStoredType ? reason : original).CopyTo(0, detail, start + 62, 3);
            total += long.Parse(new string(detail, start + 3, 10), CultureInfo.InvariantCulture);
            if (crossReference is not null)
            {
                crossReference(new string(detail, start + 150, 19).TrimEnd()).PadRight(19).CopyTo(0, detail, start + 150, 19);
            }
        }
        detail[0] = 'J';
        var trailer = records[2][..24] + total.ToString("D14", CultureInfo.InvariantCulture)
            + returnedSegments.ToString("D8", CultureInfo.InvariantCulture) + records[2][46..];
        var header = currency is null ? records[0] : records[0][..55] + currency + records[0][58..];
        return string.Join("\r\n", header, new string(detail), trailer);
    }

    /// <summary>
    /// A Canadian bank's file returning the first <paramref name="count"/> debits of the file we sent, however many
    /// records they span: returned debits (J), six to a record, each with the reason in the transaction type and the original code in the stored one.
    /// </summary>
    public static string Cpa005ReturnsOfMany(string sentFile, string reason, int count)
    {
        var records = sentFile.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = records[0];
        var segments = records.Where(r => r[0] == 'D')
            .SelectMany(r => Enumerable.Range(0, Cpa005.SegmentsPerRecord).Select(s => r.Substring(24 + s * Cpa005.SegmentLength, Cpa005.SegmentLength)))
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Take(count)
            .Select(s => reason + s[3..62] + s[..3] + s[65..])
            .ToList();
        var lines = new List<string> { header };
        foreach (var chunk in segments.Chunk(Cpa005.SegmentsPerRecord))
        {
            lines.Add("J" + (lines.Count + 1).ToString("D9", CultureInfo.InvariantCulture) + header[10..24] + string.Concat(chunk).PadRight(Cpa005.SegmentsPerRecord * Cpa005.SegmentLength));
        }
        var total = segments.Sum(s => long.Parse(s[3..13], CultureInfo.InvariantCulture));
        var trailer = "Z" + (lines.Count + 1).ToString("D9", CultureInfo.InvariantCulture) + header[10..24]
            + total.ToString("D14", CultureInfo.InvariantCulture) + segments.Count.ToString("D8", CultureInfo.InvariantCulture);
        lines.Add(trailer.PadRight(Cpa005.RecordLength, '0')[..112].PadRight(Cpa005.RecordLength));
        return string.Join("\r\n", lines);
    }

    /// <summary>
    /// What the receiving bank sends back, in the layout of moov-io/ach's return-WEB.ach (kept in the domain
    /// tests' samples): the first <paramref name="returnedEntries"/> debits of the file we sent, each as a
    /// returned debit (code 26) with the routing, account, amount, name and identification we sent (or what
    /// <paramref name="identification"/> makes of the entry we sent) and its addenda 99 naming our trace number; the
    /// bank's own new trace numbers; the controls counting the returned debits on the debit side; blocked in tens.
    /// </summary>
    public static string NachaReturns(string sentFile, string reason, Func<string, string>? identification = null, int? returnedEntries = null)
    {
        var moov = MoovSample("moov-return-WEB.ach");
        var sent = sentFile.TrimEnd('\n').TrimEnd('\r').Split("\r\n").Where(l => l[0] == '6').Take(returnedEntries ?? int.MaxValue).ToList();
        var records = new List<string>();
        var sequence = 0;
        foreach (var entry in sent)
        {
            var trace = moov[2][79..87] + Digits(++sequence, 7);
            var id = (identification ?? (e => e[39..54]))(entry).PadRight(15);
            records.Add("626" + entry[3..39] + id + entry[54..76] + moov[2][76..79] + trace);
            records.Add("799" + reason + entry[79..94] + moov[3][21..27] + entry[3..11] + moov[3][35..79] + trace);
        }
        return Blocked(moov[0], moov[1], records, sent, moov[4], moov[9]);
    }

    /// <summary>
    /// A notification of change for one debit of the file we sent (the first unless told), in the layout of moov-io/ach's
    /// cor-example.ach: a zero-amount code 26 entry with the identification we sent and an addenda 98 asking
    /// for <paramref name="correctedData"/>.
    /// </summary>
    public static string NachaChangeNotice(string sentFile, string changeCode, string correctedData, int debit = 0)
    {
        var moov = MoovSample("moov-cor-example.ach");
        var entry = sentFile.TrimEnd('\n').TrimEnd('\r').Split("\r\n").Where(l => l[0] == '6').ElementAt(debit);
        var trace = moov[2][79..87] + Digits(1, 7);
        var records = new List<string>
        {
            "626" + entry[3..29] + Digits(0, 10) + entry[39..76] + moov[2][76..79] + trace,
            "798" + changeCode + entry[79..94] + moov[3][21..27] + entry[3..11] + correctedData.PadRight(29) + moov[3][64..79] + trace,
        };
        return Blocked(moov[0], moov[1], records, [entry[..29] + Digits(0, 10)], moov[4], moov[5]);
    }

    /// <summary>A return file and a notification of change sent by the bank as one file: two batches.</summary>
    public static string Together(string returns, string notice)
    {
        var first = returns.Split('\n');
        var second = notice.Split('\n');
        var batches = first.Where(l => l[0] is '5' or '6' or '7' or '8').Concat(second.Where(l => l[0] is '5' or '6' or '7' or '8')).ToList();
        var entries = batches.Where(l => l[0] == '6').ToList();
        var count = batches.Count(l => l[0] is '6' or '7');
        var control = first.Single(l => l[0] == '9' && !l.All(c => c == '9'));
        var lines = new List<string> { first[0] };
        lines.AddRange(batches);
        var hash = entries.Sum(e => long.Parse(e[3..11], CultureInfo.InvariantCulture)) % 10_000_000_000;
        var debits = entries.Sum(e => long.Parse(e[29..39], CultureInfo.InvariantCulture));
        lines.Add("9" + Digits(2, 6) + Digits((lines.Count + 1 + 9) / 10, 6) + Digits(count, 8) + Digits(hash, 10) + Digits(debits, 12) + Digits(0, 12) + control[55..]);
        return Pad(lines);
    }

    private static string Blocked(string fileHeader, string batchHeader, List<string> records, IReadOnlyList<string> sentEntries, string batchControl, string fileControl)
    {
        var hash = sentEntries.Sum(e => long.Parse(e[3..11], CultureInfo.InvariantCulture)) % 10_000_000_000;
        var debits = sentEntries.Sum(e => long.Parse(e[29..39], CultureInfo.InvariantCulture));
        var lines = new List<string> { fileHeader, batchHeader };
        lines.AddRange(records);
        lines.Add(batchControl[..4] + Digits(records.Count, 6) + Digits(hash, 10) + Digits(debits, 12) + Digits(0, 12) + batchControl[44..]);
        lines.Add("9" + Digits(1, 6) + Digits((lines.Count + 1 + 9) / 10, 6) + Digits(records.Count, 8) + Digits(hash, 10) + Digits(debits, 12) + Digits(0, 12) + fileControl[55..]);
        return Pad(lines);
    }

    private static string Pad(List<string> lines)
    {
        while (lines.Count % 10 != 0)
        {
            lines.Add(new string('9', 94));
        }
        return string.Join("\n", lines);
    }

    private static string Digits(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    /// <summary>The bank's files as moov-io/ach publishes them (Apache-2.0; see tests/Facturo.Domain.Tests/Payments/Samples/README.md).</summary>
    private static string[] MoovSample(string name) =>
        File.ReadAllText(Path.Combine(Infrastructure.RepositoryFolders.Root, "tests", "Facturo.Domain.Tests", "Payments", "Samples", name)).TrimEnd('\n').Split('\n');
}
