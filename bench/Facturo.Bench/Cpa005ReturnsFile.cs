using System.Globalization;
using System.Text;
using Facturo.Payments;

namespace Facturo.Bench;

/// <summary>
/// Plays the bank for the returns benchmark: turns the first N debits of a CPA-005 file we sent into a
/// returned-items file (J records, the reason in the transaction type, the original code kept in the
/// stored transaction type), with its own record counts and trailer totals. Skipping the first debits makes
/// several files that return different debits of the same batch.
/// </summary>
internal static class Cpa005ReturnsFile
{
    public static void Write(string sentPath, int count, string reason, string outputPath, int skip = 0)
    {
        var records = File.ReadAllText(sentPath).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = records[0];
        var segments = records.Where(r => r[0] == 'D')
            .SelectMany(r => Enumerable.Range(0, Cpa005.SegmentsPerRecord).Select(s => r.Substring(24 + s * Cpa005.SegmentLength, Cpa005.SegmentLength)))
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Skip(skip)
            .Take(count)
            .Select(s => reason + s[3..62] + s[..3] + s[65..])
            .ToList();
        var output = new StringBuilder(header);
        var recordNumber = 1;
        foreach (var chunk in segments.Chunk(Cpa005.SegmentsPerRecord))
        {
            recordNumber++;
            output.Append("\r\nJ").Append(recordNumber.ToString("D9", CultureInfo.InvariantCulture)).Append(header, 10, 14);
            output.Append(string.Concat(chunk).PadRight(Cpa005.SegmentsPerRecord * Cpa005.SegmentLength));
        }
        var total = segments.Sum(s => long.Parse(s[3..13], CultureInfo.InvariantCulture));
        var trailer = $"Z{recordNumber + 1:D9}{header[10..24]}{total:D14}{segments.Count:D8}";
        output.Append("\r\n").Append(trailer.PadRight(Cpa005.RecordLength, '0')[..112].PadRight(Cpa005.RecordLength));
        File.WriteAllText(outputPath, output.ToString(), Encoding.ASCII);
        Console.WriteLine($"{segments.Count} returned debits ({total / 100m:0.00}) written to {outputPath}");
    }
}
