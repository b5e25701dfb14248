namespace Facturo.Payments;

/// <summary>What can be wrong with the biller's identity at a bank, by stable code (the messages live with the host).</summary>
public enum BankIdentityProblem
{
    OriginatorId,
    ShortName,
    LongName,
    DataCentre,
    ReturnInstitution,
    ReturnTransit,
    ReturnAccount,
    FileCreationNumber,
    ImmediateDestination,
    DestinationName,
    ImmediateOrigin,
    OriginName,
    CompanyName,
    CompanyIdentification,
    OriginatingDfi,
}

/// <summary>
/// The biller as its Canadian bank knows it, for CPA-005 files: the originator ID the bank assigned (10 letters or
/// digits), the names on payors' statements (15 and 30 characters once bank-safe), the destination data centre
/// (5 digits) and the account returned items are credited to. <see cref="Check"/> gives each value as files write it.
/// </summary>
public sealed record Cpa005Identity(string? OriginatorId, string? ShortName, string? LongName, string? DataCentre, string? ReturnInstitution, string? ReturnTransit, string? ReturnAccount)
{
    public bool IsBlank => new[] { OriginatorId, ShortName, LongName, DataCentre, ReturnInstitution, ReturnTransit, ReturnAccount }.All(string.IsNullOrWhiteSpace);

    public IReadOnlyList<BankIdentityProblem> Check(out Cpa005Identity written)
    {
        var problems = new List<BankIdentityProblem>();
        var originator = OriginatorId?.Trim().ToUpperInvariant();
        if (originator is not { Length: > 0 and <= 10 } || !originator.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add(BankIdentityProblem.OriginatorId);
        }
        if (!BankIdentityNames.Fits(ShortName, 15))
        {
            problems.Add(BankIdentityProblem.ShortName);
        }
        if (!BankIdentityNames.Fits(LongName, 30))
        {
            problems.Add(BankIdentityProblem.LongName);
        }
        var dataCentre = DataCentre?.Trim();
        if (dataCentre is not { Length: > 0 and <= 5 } || !dataCentre.All(char.IsAsciiDigit))
        {
            problems.Add(BankIdentityProblem.DataCentre);
        }
        var account = BankAccountNumber.TryCanadian(ReturnInstitution, ReturnTransit, ReturnAccount, out var returns);
        problems.AddRange(account switch
        {
            BankAccountProblem.InstitutionNotThreeDigits => [BankIdentityProblem.ReturnInstitution],
            BankAccountProblem.TransitNotFiveDigits => [BankIdentityProblem.ReturnTransit],
            BankAccountProblem.CanadianAccountNotSevenToTwelveDigits => [BankIdentityProblem.ReturnAccount],
            _ => [],
        });
        written = new Cpa005Identity(originator, ShortName?.Trim(), LongName?.Trim(), dataCentre?.PadLeft(5, '0'),
            returns?.Institution ?? ReturnInstitution, returns?.Transit ?? ReturnTransit, returns?.Account ?? ReturnAccount);
        return problems;
    }

    /// <summary>The file creation number of the next CPA-005 file: 1 to 9999, then 1 again.</summary>
    public static bool IsFileCreationNumber(int? number) => number is >= 1 and <= 9999;

    /// <summary>Files are numbered by a sequence that counts up forever; each one's creation number runs 1 to 9999, then 1 again.</summary>
    public static int FileCreationNumberOf(long sequence) => (int)((sequence - 1) % 9999) + 1;

    /// <summary>
    /// The first sequence after <paramref name="last"/> whose file creation number is <paramref name="fileCreationNumber"/>: the
    /// next file then carries the number the bank expects (its own count, or one the biller set to continue it).
    /// </summary>
    public static long SequenceFor(int fileCreationNumber, long last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fileCreationNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fileCreationNumber, 9999);
        return fileCreationNumber > last ? fileCreationNumber : fileCreationNumber + ((last - fileCreationNumber) / 9999 + 1) * 9999;
    }

    /// <summary>The creation number after this one: 9999 is followed by 1.</summary>
    public static int NextFileCreationNumber(int fileCreationNumber) => fileCreationNumber % 9999 + 1;

    public Cpa005Originator Originator(string currency) =>
        new(OriginatorId!, ShortName!, LongName!, DataCentre!, currency, ReturnInstitution!, ReturnTransit!, ReturnAccount!);
}

/// <summary>
/// The biller as its US bank (the ODFI) knows it, for NACHA files: the bank's routing number and name, the immediate
/// origin (its routing number, or 10 digits such as 1 and the company's EIN), the names, the company identification
/// (10 letters or digits) and the ODFI routing number. Routing numbers must carry their ABA check digit.
/// </summary>
public sealed record NachaIdentity(string? ImmediateDestination, string? DestinationName, string? ImmediateOrigin, string? OriginName, string? CompanyName, string? CompanyIdentification, string? OriginatingDfi)
{
    public bool IsBlank => new[] { ImmediateDestination, DestinationName, ImmediateOrigin, OriginName, CompanyName, CompanyIdentification, OriginatingDfi }.All(string.IsNullOrWhiteSpace);

    public IReadOnlyList<BankIdentityProblem> Check(out NachaIdentity written)
    {
        var problems = new List<BankIdentityProblem>();
        var destination = ImmediateDestination?.Trim();
        if (!IsRouting(destination))
        {
            problems.Add(BankIdentityProblem.ImmediateDestination);
        }
        if (!BankIdentityNames.Fits(DestinationName, 23))
        {
            problems.Add(BankIdentityProblem.DestinationName);
        }
        var origin = ImmediateOrigin?.Trim();
        if (!(IsRouting(origin) || origin is { Length: 10 } && origin.All(char.IsAsciiDigit)))
        {
            problems.Add(BankIdentityProblem.ImmediateOrigin);
        }
        if (!BankIdentityNames.Fits(OriginName, 23))
        {
            problems.Add(BankIdentityProblem.OriginName);
        }
        if (!BankIdentityNames.Fits(CompanyName, 16))
        {
            problems.Add(BankIdentityProblem.CompanyName);
        }
        var company = CompanyIdentification?.Trim().ToUpperInvariant();
        if (company is not { Length: > 0 and <= 10 } || !company.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add(BankIdentityProblem.CompanyIdentification);
        }
        var odfi = OriginatingDfi?.Trim();
        if (!IsRouting(odfi))
        {
            problems.Add(BankIdentityProblem.OriginatingDfi);
        }
        written = new NachaIdentity(destination, DestinationName?.Trim(), origin, OriginName?.Trim(), CompanyName?.Trim(), company, odfi);
        return problems;
    }

    public NachaOriginator Originator(string entryDescription) =>
        new(ImmediateDestination!, DestinationName!, ImmediateOrigin!, OriginName!, CompanyName!, CompanyIdentification!, entryDescription, OriginatingDfi!);

    private static bool IsRouting(string? text) => text is { Length: 9 } && text.All(char.IsAsciiDigit) && BankAccountNumber.RoutingCheckDigitHolds(text);
}

internal static class BankIdentityNames
{
    /// <summary>A name that keeps a letter or digit once bank-safe and fits its field whole, so no payor reads a cut name.</summary>
    public static bool Fits(string? typed, int width) => BankFileName.TryFrom(typed, out var name) && name.Text.Length <= width;
}
