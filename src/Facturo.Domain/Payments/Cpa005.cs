using System.Globalization;

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
        var records = new List<string>
        {
            Record('A', 1, originator, creation, JulianDate(createdOn) + originator.DataCentre.PadLeft(5, '0') + new string(' ', 20) + originator.Currency),
        };
        var names = (Short: BankFileName.From(originator.ShortName, 15), Long: BankFileName.From(originator.LongName, 30));
        var count = 1;
        foreach (var chunk in debits.Chunk(segmentsPerRecord))
        {
            count++;
            records.Add(Record('D', count, originator, creation, string.Concat(chunk.Select(d => Segment(originator, names, d)))));
        }
        count++;
        var total = debits.Sum(d => d.AmountCents);
        records.Add(Record('Z', count, originator, creation,
            Digits(total, 14) + Digits(debits.Count, 8) + Digits(0, 14) + Digits(0, 8) + Digits(0, 14) + Digits(0, 8) + Digits(0, 14) + Digits(0, 8)));
        return string.Concat(records.Select(r => r + "\r\n"));
    }

    /// <summary>0YYDDD: a zero, the year's last two digits, the day of the year.</summary>
    public static string JulianDate(DateOnly date) => "0" + (date.Year % 100).ToString("D2", CultureInfo.InvariantCulture) + date.DayOfYear.ToString("D3", CultureInfo.InvariantCulture);

    private static string Record(char type, int count, Cpa005Originator originator, string creation, string body) =>
        (type + Digits(count, 9) + originator.OriginatorId.PadRight(10) + creation + body).PadRight(RecordLength);

    private static string Segment(Cpa005Originator originator, (string Short, string Long) names, Cpa005Debit debit)
    {
        var segment = debit.TransactionCode.ToString("D3", CultureInfo.InvariantCulture)
            + Digits(debit.AmountCents, 10)
            + JulianDate(debit.DueDate)
            + "0" + debit.Institution + debit.Transit
            + debit.AccountNumber.PadRight(12)
            + new string('0', 22)                                   // item trace number: the bank fills it
            + "000"                                                 // stored transaction type
            + names.Short
            + BankFileName.From(debit.PayorName, 30)
            + names.Long
            + originator.OriginatorId.PadRight(10)
            + BankFileIdentification.Whole(debit.CrossReference, CrossReferenceLength, "originator's cross reference")
            + "0" + originator.ReturnInstitution + originator.ReturnTransit
            + originator.ReturnAccount.PadRight(12)
            + new string(' ', 15)                                   // originator's sundry information
            + new string(' ', 22)                                   // filler
            + "  "                                                  // originator-direct clearer settlement code
            + new string('0', 11);                                  // invalid data element id
        return segment.Length == SegmentLength ? segment : throw new InvalidOperationException($"A CPA-005 segment came out {segment.Length} long.");
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

    private static string Digits(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
