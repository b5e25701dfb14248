namespace Facturo.Payments;

/// <summary>What banks send back, made from the files we sent: the tests play the bank.</summary>
public static class ReturnFiles
{
    /// <summary>
    /// What a Canadian bank sends back: the first segments of the debit file as returned debits (J), the
    /// reason in the transaction type and the original 718 in the stored transaction type (or swapped).
    /// </summary>
    public static string Cpa005Returns(string sentFile, string reason, int returnedSegments, bool reasonInStoredType = false)
    {
        var records = sentFile.Split("\r\n");
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
            total += long.Parse(new string(detail, start + 3, 10), System.Globalization.CultureInfo.InvariantCulture);
        }
        detail[0] = 'J';
        var trailer = records[2][..24] + total.ToString("D14", System.Globalization.CultureInfo.InvariantCulture)
            + returnedSegments.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + records[2][46..];
        return string.Join("\r\n", records[0], new string(detail), trailer);
    }

    /// <summary>What the receiving bank sends back: each debit entry as a return (code 26) with its addenda 99, controls recounted as credits.</summary>
    public static string NachaReturns(string sentFile, string reason)
    {
        var lines = sentFile.Split("\r\n").Where(l => !l.All(c => c == '9')).ToList();
        var result = new List<string>();
        long total = 0;
        var count = 0;
        foreach (var line in lines)
        {
            switch (line[0])
            {
                case '6':
                    result.Add("626" + line[3..78] + "1" + line[79..]);
                    result.Add($"799{reason}{line[79..94]}      {line[3..11]}{new string(' ', 44)}{line[79..94]}");
                    total += long.Parse(line[29..39], System.Globalization.CultureInfo.InvariantCulture);
                    count += 2;
                    break;
                case '8':
                    result.Add(line[..4] + count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + line[10..20] + "000000000000" + total.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + line[44..]);
                    break;
                case '9':
                    var blocks = (result.Count + 1 + 9) / 10;
                    result.Add(line[..7] + blocks.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + count.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + line[21..31] + "000000000000" + total.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + line[55..]);
                    break;
                default:
                    result.Add(line);
                    break;
            }
        }
        while (result.Count % 10 != 0)
        {
            result.Add(new string('9', 94));
        }
        return string.Join("\r\n", result);
    }
}
