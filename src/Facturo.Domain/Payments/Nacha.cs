using System.Globalization;
using System.Text;

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
        var records = debits.Count + 4;
        var blocks = (records + BlockingFactor - 1) / BlockingFactor;
        // One buffer of the file's final size: a string per line and a copy of each with its CR LF cost seventeen times the file.
        var file = new StringBuilder(blocks * BlockingFactor * (RecordLength + 2));
        AppendRecord(file, "1" + "01" + originator.ImmediateDestination.PadLeft(10) + originator.ImmediateOrigin.PadLeft(10)
            + createdAt.ToString("yyMMdd", CultureInfo.InvariantCulture) + createdAt.ToString("HHmm", CultureInfo.InvariantCulture)
            + fileIdModifier + "094" + "10" + "1" + BankFileName.From(originator.DestinationName, 23) + BankFileName.From(originator.OriginName, 23) + BankFileIdentification.Whole(referenceCode, 8, "reference code"));
        AppendRecord(file, "5" + "225" + BankFileName.From(originator.CompanyName, 16) + new string(' ', 20) + BankFileIdentification.Whole(originator.CompanyIdentification, 10, "company identification") + "CCD"
            + BankFileName.From(originator.EntryDescription, 10) + DescriptiveDate(effectiveEntryDate) + effectiveEntryDate.ToString("yyMMdd", CultureInfo.InvariantCulture)
            + "   " + "1" + odfi + Digits(batchNumber, 7));
        var sequence = 0;
        foreach (var debit in debits)
        {
            var start = file.Length;
            file.Append('6').Append(CheckingDebit).Append(debit.Routing).Append(debit.AccountNumber).Append(' ', Math.Max(0, 17 - debit.AccountNumber.Length))
                .AppendDigits(debit.AmountCents, 10)
                .Append(BankFileIdentification.Whole(debit.Identification, IdentificationLength, "individual identification number"))
                .Append(BankFileName.From(debit.ReceivingCompany, 22)).Append("  ").Append('0').Append(odfi).AppendDigits(sequence++, 7);
            EndRecord(file, start);
        }
        var hash = debits.Sum(d => long.Parse(d.Routing[..8], CultureInfo.InvariantCulture)) % 10_000_000_000;
        var total = debits.Sum(d => d.AmountCents);
        AppendRecord(file, "8" + "225" + Digits(debits.Count, 6) + Digits(hash, 10) + Digits(total, 12) + Digits(0, 12)
            + BankFileIdentification.Whole(originator.CompanyIdentification, 10, "company identification") + new string(' ', 19) + new string(' ', 6) + odfi + Digits(batchNumber, 7));
        AppendRecord(file, "9" + Digits(1, 6) + Digits(blocks, 6) + Digits(debits.Count, 8) + Digits(hash, 10) + Digits(total, 12) + Digits(0, 12) + new string(' ', 39));
        for (var written = records; written % BlockingFactor != 0; written++)
        {
            AppendRecord(file, new string('9', RecordLength));
        }
        return file.ToString();
    }

    private static void AppendRecord(StringBuilder file, string record)
    {
        var start = file.Length;
        file.Append(record);
        EndRecord(file, start);
    }

    /// <summary>Ends a record with CR LF, once sure it has its length.</summary>
    private static void EndRecord(StringBuilder file, int start)
    {
        if (file.Length - start != RecordLength)
        {
            throw new InvalidOperationException($"A NACHA record came out {file.Length - start} long: {file.ToString(start, file.Length - start)}");
        }
        file.Append("\r\n");
    }

    /// <summary>The date the receiver sees next to the entry description, "NOV 24".</summary>
    public static string DescriptiveDate(DateOnly date) => date.ToString("MMM dd", CultureInfo.InvariantCulture).ToUpperInvariant();

    private static string Digits(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    /// <summary>As <see cref="Digits"/>, written straight into the file.</summary>
    private static StringBuilder AppendDigits(this StringBuilder file, long value, int width)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        return file.Append('0', Math.Max(0, width - length)).Append(digits[..length]);
    }
}
