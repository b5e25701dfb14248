using System.Globalization;
using System.Text;

namespace Facturo.Payments;

/// <summary>Who sends the file (the biller, as its bank knows it) and where returned items go back to.</summary>
public sealed record Cpa005Originator(string OriginatorId, string ShortName, string LongName, string DataCentre, string Currency, string ReturnInstitution, string ReturnTransit, string ReturnAccount);

/// <summary>One debit: a 240-byte segment of a D record.</summary>
public sealed record Cpa005Debit(int TransactionCode, long AmountCents, DateOnly DueDate, string Institution, string Transit, string AccountNumber, string PayorName, string CrossReference);

/// <summary>
/// Payments Canada Standard 005 (the "CPA-005" or "1464" format): a header A record, D records each
/// carrying up to six 240-byte debit segments, a trailer Z record with counts and totals. Records are
/// 1464 characters, each ended by CR LF (the last one too: some banks' parsers drop a last line without it).
/// Dates are 0YYDDD (day of the year). Names are written as <see cref="BankFileName"/>s.
/// </summary>
public static class Cpa005
{
    public const int RecordLength = 1464;
    public const int SegmentLength = 240;
    public const int SegmentsPerRecord = 6;
    public const int CrossReferenceLength = 19;
    private const int RecordPrefixLength = 24;

    /// <param name="segmentsPerRecord">Six fills each D record; some banks' test tools want one per record.</param>
    public static string Write(Cpa005Originator originator, int fileCreationNumber, DateOnly createdOn, IReadOnlyList<Cpa005Debit> debits, int segmentsPerRecord = SegmentsPerRecord)
    {
        Check(originator, fileCreationNumber, debits);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentsPerRecord, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentsPerRecord, SegmentsPerRecord);
        var creation = fileCreationNumber.ToString("D4", CultureInfo.InvariantCulture);
        var dRecords = (debits.Count + segmentsPerRecord - 1) / segmentsPerRecord;
        // The whole file in one buffer of its final size: a file of 100,000 debits is 23 MB, and building it from
        // a string per record and per segment allocated seventeen times that.
        var file = new StringBuilder((dRecords + 2) * (RecordLength + 2));
        var count = 1;
        var start = BeginRecord(file, 'A', count, originator, creation);
        file.Append(JulianDate(createdOn)).Append(originator.DataCentre.PadLeft(5, '0')).Append(' ', 20).Append(originator.Currency);
        EndRecord(file, start);
        var names = (Short: BankFileName.From(originator.ShortName, 15), Long: BankFileName.From(originator.LongName, 30));
        for (var first = 0; first < debits.Count; first += segmentsPerRecord)
        {
            start = BeginRecord(file, 'D', ++count, originator, creation);
            for (var i = first; i < Math.Min(first + segmentsPerRecord, debits.Count); i++)
            {
                AppendSegment(file, originator, names, debits[i]);
            }
            EndRecord(file, start);
        }
        var total = debits.Sum(d => d.AmountCents);
        start = BeginRecord(file, 'Z', ++count, originator, creation);
        file.AppendDigits(total, 14).AppendDigits(debits.Count, 8)
            .AppendDigits(0, 14).AppendDigits(0, 8)                // credits: none
            .AppendDigits(0, 14).AppendDigits(0, 8)                // error corrections E: none
            .AppendDigits(0, 14).AppendDigits(0, 8);               // error corrections F: none
        EndRecord(file, start);
        return file.ToString();
    }

    /// <summary>0YYDDD: a zero, the year's last two digits, the day of the year.</summary>
    public static string JulianDate(DateOnly date) => "0" + (date.Year % 100).ToString("D2", CultureInfo.InvariantCulture) + date.DayOfYear.ToString("D3", CultureInfo.InvariantCulture);

    /// <returns>Where the record starts, for <see cref="EndRecord"/>.</returns>
    private static int BeginRecord(StringBuilder file, char type, int count, Cpa005Originator originator, string creation)
    {
        var start = file.Length;
        file.Append(type).AppendDigits(count, 9).Append(originator.OriginatorId.PadRight(10)).Append(creation);
        return start;
    }

    /// <summary>Pads the record with spaces to its length and ends it with CR LF.</summary>
    private static void EndRecord(StringBuilder file, int start) =>
        file.Append(' ', Math.Max(0, start + RecordLength - file.Length)).Append("\r\n");

    private static void AppendSegment(StringBuilder file, Cpa005Originator originator, (string Short, string Long) names, Cpa005Debit debit)
    {
        var start = file.Length;
        file.AppendDigits(debit.TransactionCode, 3)
            .AppendDigits(debit.AmountCents, 10)
            .Append(JulianDate(debit.DueDate))
            .Append('0').Append(debit.Institution).Append(debit.Transit)
            .Append(debit.AccountNumber).Append(' ', 12 - debit.AccountNumber.Length)
            .Append('0', 22)                                        // item trace number: the bank fills it
            .Append("000")                                          // stored transaction type
            .Append(names.Short)
            .Append(BankFileName.From(debit.PayorName, 30))
            .Append(names.Long)
            .Append(originator.OriginatorId.PadRight(10))
            .Append(BankFileIdentification.Whole(debit.CrossReference, CrossReferenceLength, "originator's cross reference"))
            .Append('0').Append(originator.ReturnInstitution).Append(originator.ReturnTransit)
            .Append(originator.ReturnAccount.PadRight(12))
            .Append(' ', 15)                                        // originator's sundry information
            .Append(' ', 22)                                        // filler
            .Append("  ")                                           // originator-direct clearer settlement code
            .Append('0', 11);                                       // invalid data element id
        if (file.Length - start != SegmentLength)
        {
            throw new InvalidOperationException($"A CPA-005 segment came out {file.Length - start} long.");
        }
    }

    private static void Check(Cpa005Originator originator, int fileCreationNumber, IReadOnlyList<Cpa005Debit> debits)
    {
        if (fileCreationNumber is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(fileCreationNumber), fileCreationNumber, "File creation numbers run from 0001 to 9999.");
        }
        if (originator.OriginatorId.Length is 0 or > 10 || originator.ReturnInstitution.Length != 3 || originator.ReturnTransit.Length != 5 || originator.ReturnAccount.Length > 12
            || originator.DataCentre.Length > 5 || originator.Currency is not ("CAD" or "USD"))
        {
            throw new ArgumentException("The CPA-005 originator settings are incomplete: originator id (10), data centre (5), currency, return institution (3), transit (5) and account (12).", nameof(originator));
        }
        foreach (var debit in debits)
        {
            if (debit.AmountCents is <= 0 or > 99_999_999_99 || debit.Institution.Length != 3 || debit.Transit.Length != 5 || debit.AccountNumber.Length is < 1 or > 12)
            {
                throw new ArgumentException($"Debit {debit.CrossReference} cannot be written in CPA-005: amount, institution, transit or account out of range.", nameof(debits));
            }
        }
    }

    /// <summary>A number right-justified in zeros, never cut: as long as it needs when wider than the field.</summary>
    private static StringBuilder AppendDigits(this StringBuilder file, long value, int width)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        return file.Append('0', Math.Max(0, width - length)).Append(digits[..length]);
    }
}
