using System.Globalization;

namespace Facturo.Payments;

/// <summary>An entry read back, with its return (addenda type 99) when the file is a return file.</summary>
public sealed record NachaEntry(int Line, string TransactionCode, string Routing, string AccountNumber, long AmountCents, string Identification, string Name,
    string TraceNumber, NachaReturn? Return);

/// <summary>Addenda 99: why the receiving bank returned the entry, and which original entry it was.</summary>
public sealed record NachaReturn(string ReasonCode, string OriginalTraceNumber, string OriginalReceivingDfi, string Information);

public sealed record NachaFile(string ImmediateDestination, string ImmediateOrigin, IReadOnlyList<NachaEntry> Entries);

/// <summary>
/// Reads a NACHA file strictly: 94-character records; file header, batches of entries (each entry
/// followed by its addenda when its indicator says so), batch and file controls whose counts, entry
/// hash and totals must match the entries, then padding nines. The first thing wrong is reported with
/// its line and field.
/// </summary>
public static class NachaReader
{
    public static BankFileRead<NachaFile> Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length != Nacha.RecordLength)
            {
                return new BankFileError(i + 1, "record length", $"{lines[i].Length} characters instead of {Nacha.RecordLength}");
            }
        }
        if (lines[0][0] != '1')
        {
            return new BankFileError(1, "record type", $"'{lines[0][0]}' where the file header '1' must be");
        }
        var entries = new List<NachaEntry>();
        var batchStart = 0;
        var batches = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var record = lines[i];
            var line = i + 1;
            switch (record[0])
            {
                case '5':
                    batchStart = entries.Count;
                    batches++;
                    break;
                case '6':
                    var entry = ReadEntry(record, line);
                    if (!entry.Succeeded)
                    {
                        return entry.Error!;
                    }
                    entries.Add(entry.Value!);
                    break;
                case '7':
                    if (entries.Count == 0 || entries[^1].Line != line - 1)
                    {
                        return new BankFileError(line, "record type", "an addenda record must follow its entry");
                    }
                    if (record[1..3] == "99")
                    {
                        entries[^1] = entries[^1] with { Return = new NachaReturn(record[3..6], record[6..21], record[27..35], record[35..79].TrimEnd()) };
                    }
                    break;
                case '8':
                    if (Totals(entries.Skip(batchStart).ToList(), record, 4, 6, 10, line, "batch") is { } batchError)
                    {
                        return batchError;
                    }
                    break;
                case '9' when record.All(c => c == '9'):
                    break;
                case '9':
                    if (!int.TryParse(record[1..7], NumberStyles.None, CultureInfo.InvariantCulture, out var batchCount) || batchCount != batches)
                    {
                        return new BankFileError(line, "file control batch count", $"'{record[1..7]}' where {batches:D6} must be");
                    }
                    if (Totals(entries, record, 13, 8, 21, line, "file") is { } fileError)
                    {
                        return fileError;
                    }
                    break;
                default:
                    return new BankFileError(line, "record type", $"'{record[0]}' is not a NACHA record type");
            }
        }
        return new NachaFile(lines[0][3..13].Trim(), lines[0][13..23].Trim(), entries);
    }

    private static BankFileRead<NachaEntry> ReadEntry(string record, int line)
    {
        if (!record[3..12].All(char.IsAsciiDigit) || !BankAccountNumber.RoutingCheckDigitHolds(record[3..12]))
        {
            return new BankFileError(line, "receiving DFI identification", $"'{record[3..12]}' is not a routing number with its check digit");
        }
        if (!long.TryParse(record[29..39], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return new BankFileError(line, "amount", $"'{record[29..39]}' is not an amount in cents");
        }
        return new NachaEntry(line, record[1..3], record[3..12], record[12..29].TrimEnd(), amount, record[39..54].TrimEnd(), record[54..76].TrimEnd(), record[79..94], null);
    }

    /// <summary>Checks a control record's entry/addenda count, entry hash and debit total against the entries it closes.</summary>
    private static BankFileError? Totals(List<NachaEntry> entries, string record, int countAt, int countWidth, int hashAt, int line, string level)
    {
        var count = entries.Count + entries.Count(e => e.Return is not null);
        var countText = record.Substring(countAt, countWidth);
        if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var stated) || stated != count)
        {
            return new BankFileError(line, $"{level} control entry/addenda count", $"'{countText}' where {count} must be");
        }
        var hash = entries.Sum(e => long.Parse(e.Routing[..8], CultureInfo.InvariantCulture)) % 10_000_000_000;
        if (record.Substring(hashAt, 10) != hash.ToString("D10", CultureInfo.InvariantCulture))
        {
            return new BankFileError(line, $"{level} control entry hash", $"'{record.Substring(hashAt, 10)}' where {hash:D10} must be");
        }
        // Codes ending in 7, 8 or 9 are debits (27, 37…); the others are credits, returned debits (26, 36) among them.
        var debits = entries.Where(e => e.TransactionCode[1] is '7' or '8' or '9').Sum(e => e.AmountCents);
        var credits = entries.Sum(e => e.AmountCents) - debits;
        foreach (var (name, at, total) in new[] { ("total debit", hashAt + 10, debits), ("total credit", hashAt + 22, credits) })
        {
            if (record.Substring(at, 12) != total.ToString("D12", CultureInfo.InvariantCulture))
            {
                return new BankFileError(line, $"{level} control {name}", $"'{record.Substring(at, 12)}' where {total:D12} must be");
            }
        }
        return null;
    }
}
