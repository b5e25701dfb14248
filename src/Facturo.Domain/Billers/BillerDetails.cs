using Facturo.Accounts;

namespace Facturo.Billers;

/// <summary>What can be wrong with the biller's details, by stable code (the messages live with the host).</summary>
public enum BillerProblem
{
    LegalNameFr,
    LegalNameEn,
    AddressLine1,
    AddressLine2,
    City,
    Province,
    PostalCode,
    GstHstNumberFormat,
    GstHstNumberCheckDigit,
    QstNumberFormat,
    SupportPhone,
    SupportEmail,
    SupportHours,
    CreditTerms,
    EBillingPrefixes,
}

/// <summary>
/// The biller as its customers and the tax authorities know it: legal names in French and English, address, tax
/// registration numbers, support contact, default credit terms and the e-billing prefix rule. Typed text goes in;
/// <see cref="Check"/> says everything wrong at once and gives the details written the one way they are kept.
/// </summary>
public sealed record BillerDetails(
    string? LegalNameFr,
    string? LegalNameEn,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? Province,
    string? PostalCode,
    string? GstHstNumber,
    string? QstNumber,
    string? SupportPhone,
    string? SupportEmail,
    string? SupportHoursFr,
    string? SupportHoursEn,
    int? DefaultCreditTermsDays,
    string? EligiblePrefixes,
    string? IneligiblePrefixes)
{
    public const int NameLength = 200;
    public const int HoursLength = 200;

    public IReadOnlyList<BillerProblem> Check(out BillerDetails written)
    {
        var problems = new List<BillerProblem>();
        void Require(bool holds, BillerProblem problem)
        {
            if (!holds)
            {
                problems.Add(problem);
            }
        }
        Require(Text(LegalNameFr) is { Length: > 0 and <= NameLength }, BillerProblem.LegalNameFr);
        Require(Text(LegalNameEn) is { Length: > 0 and <= NameLength }, BillerProblem.LegalNameEn);
        Require(Text(AddressLine1) is { Length: > 0 and <= NameLength }, BillerProblem.AddressLine1);
        Require(Text(AddressLine2) is not { Length: > NameLength }, BillerProblem.AddressLine2);
        Require(Text(City) is { Length: > 0 and <= 100 }, BillerProblem.City);
        var province = Enum.TryParse<Province>(Text(Province), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Province, out _) ? parsed : (Province?)null;
        Require(province is not null, BillerProblem.Province);
        Require(Accounts.PostalCode.TryParse(PostalCode, out var postalCode), BillerProblem.PostalCode);
        var gst = Billers.GstHstNumber.TryParse(GstHstNumber, out var gstNumber);
        Require(gst != TaxNumberProblem.Format, BillerProblem.GstHstNumberFormat);
        Require(gst != TaxNumberProblem.CheckDigit, BillerProblem.GstHstNumberCheckDigit);
        QstNumber? qstNumber = null;
        Require(Text(QstNumber) is null || Billers.QstNumber.TryParse(QstNumber, out qstNumber) is null, BillerProblem.QstNumberFormat);
        Require(PhoneNumber.IsValid(SupportPhone), BillerProblem.SupportPhone);
        Require(EmailAddress.IsValid(SupportEmail), BillerProblem.SupportEmail);
        Require(Text(SupportHoursFr) is not { Length: > HoursLength } && Text(SupportHoursEn) is not { Length: > HoursLength }, BillerProblem.SupportHours);
        Require(DefaultCreditTermsDays is >= 0 and <= 120, BillerProblem.CreditTerms);
        var eligible = Prefixes(EligiblePrefixes);
        var ineligible = Prefixes(IneligiblePrefixes);
        Require(eligible is { Count: > 0 } && ineligible is not null, BillerProblem.EBillingPrefixes);
        written = this with
        {
            LegalNameFr = Text(LegalNameFr),
            LegalNameEn = Text(LegalNameEn),
            AddressLine1 = Text(AddressLine1),
            AddressLine2 = Text(AddressLine2),
            City = Text(City),
            Province = province?.ToString(),
            PostalCode = postalCode?.Value,
            GstHstNumber = gstNumber?.ToString(),
            QstNumber = qstNumber?.ToString(),
            SupportPhone = Text(SupportPhone),
            SupportEmail = Text(SupportEmail)?.ToLowerInvariant(),
            SupportHoursFr = Text(SupportHoursFr),
            SupportHoursEn = Text(SupportHoursEn),
            EligiblePrefixes = eligible is null ? null : string.Join(',', eligible),
            IneligiblePrefixes = ineligible is null ? null : string.Join(',', ineligible),
        };
        return problems;
    }

    /// <summary>Trimmed, or null when nothing but spaces was typed.</summary>
    private static string? Text(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();

    /// <summary>Comma-separated customer-number prefixes of 1 to 10 digits; null when one is not.</summary>
    private static List<string>? Prefixes(string? typed)
    {
        var prefixes = (typed ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return prefixes.All(p => p.Length <= 10 && p.All(char.IsAsciiDigit)) ? prefixes : null;
    }
}
