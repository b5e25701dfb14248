using System.Globalization;

namespace Facturo.Payments;

/// <summary>An entry read back, with its return (addenda type 99) when the file is a return file.</summary>
public sealed record NachaEntry(int Line, string TransactionCode, string Routing, string AccountNumber, long AmountCents, string Identification, string Name,
    string TraceNumber, NachaReturn? Return, NachaChange? Change = null);

/// <summary>Addenda 99: why the receiving bank returned the entry, and which original entry it was.</summary>
public sealed record NachaReturn(string ReasonCode, string OriginalTraceNumber, string OriginalReceivingDfi, string Information);

/// <summary>Addenda 98, a notification of change: the receiving bank asks that the account details be corrected for the next entries.</summary>
public sealed record NachaChange(string ChangeCode, string OriginalTraceNumber, string OriginalReceivingDfi, string CorrectedData);

public sealed record NachaFile(string ImmediateDestination, string ImmediateOrigin, IReadOnlyList<NachaEntry> Entries);

/// <summary>
/// Reads a NACHA file strictly: 94-character records; file header, batches each opened by its header (5)
/// and closed by its control (8), entries (each followed by its addenda when its indicator says so), the
/// file control (9), then lines of nines to a multiple of ten records (blocking factor 10). Controls'
/// counts, entry hash and totals must match the entries: debits (codes 26–29, 36–39…, returned debits
/// among them, as ACH operators count them) on the debit side, credits on the credit side. Returns
/// (addenda 99) must carry a reason of the NACHA table; notifications of change (addenda 98) a change
/// code C01–C13. The first thing wrong is reported with its line and field.
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
        var batchAddenda = 0;
        var fileAddenda = 0;
        int? openBatchLine = null;
        var batches = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var record = lines[i];
            var line = i + 1;
            switch (record[0])
            {
                case '5':
                    if (openBatchLine is { } open)
                    {
                        return new BankFileError(line, "batch control", $"a batch header where the batch control of the batch at line {open} must be");
                    }
                    (openBatchLine, batchStart, batchAddenda) = (line, entries.Count, 0);
                    batches++;
                    break;
                case '6':
                    if (openBatchLine is null)
                    {
                        return new BankFileError(line, "batch header", "an entry where a batch header must open the batch");
                    }
                    var entry = ReadEntry(record, line);
                    if (!entry.Succeeded)
                    {
                        return entry.Error!;
                    }
                    entries.Add(entry.Value!);
                    break;
                case '7':
                    if (entries.Count == 0 || openBatchLine is null || lines[i - 1][0] is not ('6' or '7'))
                    {
                        return new BankFileError(line, "record type", "an addenda record must follow its entry");
                    }
                    var addenda = ReadAddenda(entries[^1], record, line);
                    if (!addenda.Succeeded)
                    {
                        return addenda.Error!;
                    }
                    entries[^1] = addenda.Value!;
                    batchAddenda++;
                    fileAddenda++;
                    break;
                case '8':
                    if (openBatchLine is null)
                    {
                        return new BankFileError(line, "batch header", "a batch control where no batch is open");
                    }
                    if (Totals(entries.Skip(batchStart).ToList(), batchAddenda, record, 4, 6, 10, line, "batch") is { } batchError)
                    {
                        return batchError;
                    }
                    openBatchLine = null;
                    break;
                case '9' when record.All(c => c == '9'):
                    return new BankFileError(lines.Length, "file control", "the file ends without its file control record (9)");
                case '9':
                    if (openBatchLine is { } unclosed)
                    {
                        return new BankFileError(line, "batch control", $"the file control where the batch control of the batch at line {unclosed} must be");
                    }
                    if (!int.TryParse(record[1..7], NumberStyles.None, CultureInfo.InvariantCulture, out var batchCount) || batchCount != batches)
                    {
                        return new BankFileError(line, "file control batch count", $"'{record[1..7]}' where {batches:D6} must be");
                    }
                    if (Totals(entries, fileAddenda, record, 13, 8, 21, line, "file") is { } fileError)
                    {
                        return fileError;
                    }
                    if (Blocked(lines, i) is { } blocking)
                    {
                        return blocking;
                    }
                    return new NachaFile(lines[0][3..13].Trim(), lines[0][13..23].Trim(), entries);
                default:
                    return new BankFileError(line, "record type", $"'{record[0]}' is not a NACHA record type");
            }
        }
        return new BankFileError(lines.Length, "file control", "the file ends without its file control record (9)");
    }

    /// <summary>After the file control only lines of nines, up to a whole number of blocks of ten records, as many blocks as the control says.</summary>
    private static BankFileError? Blocked(string[] lines, int fileControlIndex)
    {
        for (var i = fileControlIndex + 1; i < lines.Length; i++)
        {
            if (lines[i].Any(c => c != '9'))
            {
                return new BankFileError(i + 1, "record type", "only lines of nines may follow the file control");
            }
        }
        if (lines.Length % Nacha.BlockingFactor != 0)
        {
            return new BankFileError(lines.Length, "blocking", $"{lines.Length} records, where a NACHA file has a multiple of {Nacha.BlockingFactor} (lines of nines fill the last block)");
        }
        var control = lines[fileControlIndex];
        var blocks = lines.Length / Nacha.BlockingFactor;
        if (!int.TryParse(control[7..13], NumberStyles.None, CultureInfo.InvariantCulture, out var stated) || stated != blocks)
        {
            return new BankFileError(fileControlIndex + 1, "file control block count", $"'{control[7..13]}' where {blocks:D6} must be");
        }
        return null;
    }

    private static BankFileRead<NachaEntry> ReadEntry(string record, int line)
    {
        if (!record[1..3].All(char.IsAsciiDigit))
        {
            return new BankFileError(line, "transaction code", $"'{record[1..3]}' is not a 2-digit transaction code");
        }
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

    /// <summary>Addenda 99 (a return) and 98 (a notification of change) are read into the entry; other addenda (05, remittance text) are counted only.</summary>
    private static BankFileRead<NachaEntry> ReadAddenda(NachaEntry entry, string record, int line)
    {
        switch (record[1..3])
        {
            case "99":
                if (!ReturnReasons.IsNachaReason(record[3..6]))
                {
                    return new BankFileError(line, "return reason code", $"'{record[3..6]}' is not a NACHA return reason code (R01–R85)");
                }
                return entry with { Return = new NachaReturn(record[3..6], record[6..21], record[27..35], record[35..79].TrimEnd()) };
            case "98":
                if (!ChangeCodes.IsKnown(record[3..6]))
                {
                    return new BankFileError(line, "change code", $"'{record[3..6]}' is not a NACHA change code (C01–C13)");
                }
                return entry with { Change = new NachaChange(record[3..6], record[6..21], record[27..35], record[35..64].TrimEnd()) };
            default:
                return entry;
        }
    }

    /// <summary>Checks a control record's entry/addenda count, entry hash and totals against the entries it closes.</summary>
    private static BankFileError? Totals(List<NachaEntry> entries, int addenda, string record, int countAt, int countWidth, int hashAt, int line, string level)
    {
        var count = entries.Count + addenda;
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
        // The code's second digit 5–9 is a debit (27, 37…) or the return or notice of one (26, 36…); 0–4 the same for credits (21, 22…).
        var debits = entries.Where(e => e.TransactionCode[1] >= '5').Sum(e => e.AmountCents);
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
