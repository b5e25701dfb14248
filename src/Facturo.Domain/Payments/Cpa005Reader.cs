using System.Globalization;

namespace Facturo.Payments;

/// <summary>
/// One 240-byte item read back: the record type tells a debit (D) from a returned debit (J). On a
/// return the bank keeps the original transaction type in the stored transaction type (positions 63–65).
/// </summary>
public sealed record Cpa005Item(char RecordType, int Line, int TransactionCode, long AmountCents, DateOnly Date, string Institution, string Transit,
    string AccountNumber, string PayorName, string CrossReference, string OriginatorId, string StoredTransactionType);

public sealed record Cpa005File(string OriginatorId, int FileCreationNumber, DateOnly CreatedOn, string Currency, IReadOnlyList<Cpa005Item> Items);

/// <summary>
/// Reads a CPA-005 file strictly: every record 1,464 characters, counts in sequence, the header's
/// originator and file number on every record, valid dates and amounts, and a trailer whose totals
/// match the items. The first thing wrong is reported with its line and field.
/// </summary>
public static class Cpa005Reader
{
    public static BankFileRead<Cpa005File> Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length != Cpa005.RecordLength)
            {
                return new BankFileError(i + 1, "record length", $"{lines[i].Length} characters instead of {Cpa005.RecordLength}");
            }
        }
        var header = lines[0];
        if (header[0] != 'A')
        {
            return new BankFileError(1, "logical record type", $"'{header[0]}' where the header 'A' must be");
        }
        var originator = header[10..20];
        if (!TryNumber(header[20..24], out var fileNumber))
        {
            return new BankFileError(1, "file creation number", $"'{header[20..24]}' is not 4 digits");
        }
        if (!TryJulian(header[24..30], out var createdOn))
        {
            return new BankFileError(1, "creation date", $"'{header[24..30]}' is not a date 0YYDDD");
        }
        var items = new List<Cpa005Item>();
        for (var i = 0; i < lines.Length; i++)
        {
            var record = lines[i];
            var line = i + 1;
            if (!TryNumber(record[1..10], out var count) || count != line)
            {
                return new BankFileError(line, "logical record count", $"'{record[1..10]}' where {line:D9} must be");
            }
            if (i > 0 && (record[10..20] != originator || record[20..24] != header[20..24]))
            {
                return new BankFileError(line, "origination control data", "the originator or file creation number differs from the header's");
            }
            if (record[0] is 'D' or 'J')
            {
                for (var s = 0; s < Cpa005.SegmentsPerRecord; s++)
                {
                    var segment = record.Substring(24 + s * Cpa005.SegmentLength, Cpa005.SegmentLength);
                    if (string.IsNullOrWhiteSpace(segment))
                    {
                        continue;
                    }
                    var item = ReadSegment(record[0], line, s + 1, segment);
                    if (!item.Succeeded)
                    {
                        return item.Error!;
                    }
                    items.Add(item.Value!);
                }
            }
            else if (record[0] == 'Z')
            {
                if (line != lines.Length)
                {
                    return new BankFileError(line, "logical record type", "the trailer 'Z' must be the last record");
                }
                var total = items.Sum(x => x.AmountCents);
                if (!TryNumber(record[24..38], out var value) || value != total)
                {
                    return new BankFileError(line, "total value of debits", $"'{record[24..38]}' does not match the items' total {total}");
                }
                if (!TryNumber(record[38..46], out var number) || number != items.Count)
                {
                    return new BankFileError(line, "total number of debits", $"'{record[38..46]}' does not match the {items.Count} items");
                }
                return new Cpa005File(originator.Trim(), (int)fileNumber, createdOn, header[55..58].Trim(), items);
            }
            else if (i > 0)
            {
                return new BankFileError(line, "logical record type", $"'{record[0]}' is not a record this import reads (D, J or Z)");
            }
        }
        return new BankFileError(lines.Length, "logical record type", "the file ends without its trailer 'Z'");
    }

    private static BankFileRead<Cpa005Item> ReadSegment(char type, int line, int segmentNumber, string segment)
    {
        string Field(string name) => $"segment {segmentNumber}, {name}";
        if (!TryNumber(segment[..3], out var code))
        {
            return new BankFileError(line, Field("transaction type"), $"'{segment[..3]}' is not 3 digits");
        }
        if (!TryNumber(segment[3..13], out var amount) || amount == 0)
        {
            return new BankFileError(line, Field("amount"), $"'{segment[3..13]}' is not an amount in cents");
        }
        if (!TryJulian(segment[13..19], out var date))
        {
            return new BankFileError(line, Field("due date"), $"'{segment[13..19]}' is not a date 0YYDDD");
        }
        if (segment[19] != '0' || !segment[20..28].All(char.IsAsciiDigit))
        {
            return new BankFileError(line, Field("institution and transit"), $"'{segment[19..28]}' is not 0 + 3 + 5 digits");
        }
        var account = segment[28..40].TrimEnd();
        if (account.Length == 0 || !account.All(char.IsAsciiDigit))
        {
            return new BankFileError(line, Field("account number"), $"'{segment[28..40]}' is not an account number");
        }
        return new Cpa005Item(type, line, (int)code, amount, date, segment[20..23], segment[23..28], account,
            segment[80..110].TrimEnd(), segment[150..169].TrimEnd(), segment[140..150].TrimEnd(), segment[62..65]);
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.All(char.IsAsciiDigit);

    private static bool TryJulian(string text, out DateOnly date)
    {
        date = default;
        if (text.Length != 6 || text[0] != '0' || !TryNumber(text[1..3], out var year) || !TryNumber(text[3..6], out var day))
        {
            return false;
        }
        var fullYear = 2000 + (int)year;
        if (day < 1 || day > (DateTime.IsLeapYear(fullYear) ? 366 : 365))
        {
            return false;
        }
        date = new DateOnly(fullYear, 1, 1).AddDays((int)day - 1);
        return true;
    }
}
