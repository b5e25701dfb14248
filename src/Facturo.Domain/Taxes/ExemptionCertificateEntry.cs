using Facturo.Accounts;

namespace Facturo.Taxes;

/// <summary>Why a certificate cannot be recorded: a stable code and what the message names.</summary>
public sealed record ExemptionProblem(string Code, params string[] Arguments);

/// <summary>
/// An exemption certificate as staff enter it from the customer's document, checked whole before it is
/// recorded: it must be able to relieve what it says, where it says, when it says.
/// </summary>
public sealed record ExemptionCertificateEntry(ExemptionKind Kind, string Number, IReadOnlySet<TaxKind> Taxes, IReadOnlySet<Province> Provinces,
    DateOnly ValidFrom, DateOnly? ValidUntil, string? Reserve)
{
    public const int MaxNumberLength = 40;
    public const int MaxReserveLength = 200;

    public ExemptionProblem? Problem(TaxTable rates)
    {
        // Invoice lines list the certificates that relieved them separated by spaces.
        if (Number.Trim() is not { Length: > 0 and <= MaxNumberLength } number || number.Any(char.IsWhiteSpace))
        {
            return new("exemption.number");
        }
        if (Taxes.Count == 0)
        {
            return new("exemption.no-tax");
        }
        if (Kind is ExemptionKind.PstResale or ExemptionKind.PstExemption && Taxes.Where(t => t != TaxKind.Pst).Order().Select(Code).FirstOrDefault() is { } other)
        {
            return new("exemption.kind-taxes", other);
        }
        if (Provinces.Count == 0)
        {
            return new("exemption.no-province");
        }
        var firstDay = ValidFrom < TaxTable.CoverageStart ? TaxTable.CoverageStart : ValidFrom;
        var missing = Taxes.Order()
            .SelectMany(tax => Provinces.Order().Where(province => !rates.RatesFor(province, firstDay).Any(r => r.Kind == tax)).Select(province => (tax, province)))
            .Select(m => new ExemptionProblem("exemption.tax-not-in-province", Code(m.tax), m.province.ToString()))
            .FirstOrDefault();
        if (missing is not null)
        {
            return missing;
        }
        if (ValidUntil < ValidFrom)
        {
            return new("exemption.dates");
        }
        if (Kind == ExemptionKind.IndianAct && Reserve?.Trim() is not { Length: > 0 and <= MaxReserveLength })
        {
            return new("exemption.reserve");
        }
        return null;
    }

    public TaxExemption ToExemption() => new(Number.Trim(), Kind, Taxes, Provinces, ValidFrom, ValidUntil);

    private static string Code(TaxKind kind) => kind.ToString().ToUpperInvariant();
}
