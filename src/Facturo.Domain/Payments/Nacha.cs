using System.Globalization;

namespace Facturo.Payments;

/// <summary>The biller as the ODFI (its US bank) knows it.</summary>
public sealed record NachaOriginator(string ImmediateDestination, string DestinationName, string ImmediateOrigin, string OriginName,
    string CompanyName, string CompanyIdentification, string EntryDescription, string OriginatingDfi);

/// <summary>One CCD debit to a US business's checking account.</summary>
public sealed record NachaDebit(string Routing, string AccountNumber, long AmountCents, string Identification, string ReceivingCompany);

/// <summary>
/// A NACHA (ACH) file of corporate debits: file header 1, one CCD batch (5, entries 6, control 8), file
/// control 9, 94-character records, padded with lines of nines to a multiple of ten (blocking factor 10), each ended by CR LF.
/// Names are written as <see cref="BankFileName"/>s.
/// Entry hash: the sum of the receiving banks' 8-digit routing numbers, last ten digits.
/// </summary>
public static class Nacha
{
    public const int RecordLength = 94;
    public const int BlockingFactor = 10;
    /// <summary>27: debit to a checking account.</summary>
    public const string CheckingDebit = "27";
    public const int IdentificationLength = 15;

    /// <param name="referenceCode">8 characters of the originator's own, e.g. the batch number, to find the file again.</param>
    public static string Write(NachaOriginator originator, DateTimeOffset createdAt, char fileIdModifier, string referenceCode, DateOnly effectiveEntryDate, int batchNumber, IReadOnlyList<NachaDebit> debits)
    {
        var odfi = originator.OriginatingDfi[..8];
        var lines = new List<string>
        {
            "1" + "01" + originator.ImmediateDestination.PadLeft(10) + originator.ImmediateOrigin.PadLeft(10)
                + createdAt.ToString("yyMMdd", CultureInfo.InvariantCulture) + createdAt.ToString("HHmm", CultureInfo.InvariantCulture)
                + fileIdModifier + "094" + "10" + "1" + BankFileName.From(originator.DestinationName, 23) + BankFileName.From(originator.OriginName, 23) + BankFileIdentification.Whole(referenceCode, 8, "reference code"),
            "5" + "225" + BankFileName.From(originator.CompanyName, 16) + new string(' ', 20) + BankFileIdentification.Whole(originator.CompanyIdentification, 10, "company identification") + "CCD"
                + BankFileName.From(originator.EntryDescription, 10) + DescriptiveDate(effectiveEntryDate) + effectiveEntryDate.ToString("yyMMdd", CultureInfo.InvariantCulture)
                + "   " + "1" + odfi + Digits(batchNumber, 7),
        };
        var sequence = 0;
        foreach (var debit in debits)
        {
            lines.Add("6" + CheckingDebit + debit.Routing + debit.AccountNumber.PadRight(17) + Digits(debit.AmountCents, 10)
                + BankFileIdentification.Whole(debit.Identification, IdentificationLength, "individual identification number") + BankFileName.From(debit.ReceivingCompany, 22) + "  " + "0" + odfi + Digits(sequence++, 7));
        }
        var hash = debits.Sum(d => long.Parse(d.Routing[..8], CultureInfo.InvariantCulture)) % 10_000_000_000;
        var total = debits.Sum(d => d.AmountCents);
        lines.Add("8" + "225" + Digits(debits.Count, 6) + Digits(hash, 10) + Digits(total, 12) + Digits(0, 12)
            + BankFileIdentification.Whole(originator.CompanyIdentification, 10, "company identification") + new string(' ', 19) + new string(' ', 6) + odfi + Digits(batchNumber, 7));
        var records = lines.Count + 1;
        var blocks = (records + BlockingFactor - 1) / BlockingFactor;
        lines.Add("9" + Digits(1, 6) + Digits(blocks, 6) + Digits(debits.Count, 8) + Digits(hash, 10) + Digits(total, 12) + Digits(0, 12) + new string(' ', 39));
        while (lines.Count % BlockingFactor != 0)
        {
            lines.Add(new string('9', RecordLength));
        }
        foreach (var line in lines)
        {
            if (line.Length != RecordLength)
            {
                throw new InvalidOperationException($"A NACHA record came out {line.Length} long: {line}");
            }
        }
        return string.Concat(lines.Select(l => l + "\r\n"));
    }

    /// <summary>The date the receiver sees next to the entry description, "NOV 24".</summary>
    public static string DescriptiveDate(DateOnly date) => date.ToString("MMM dd", CultureInfo.InvariantCulture).ToUpperInvariant();

    private static string Digits(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
