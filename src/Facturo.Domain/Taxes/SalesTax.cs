using Facturo.Accounts;
using Facturo.Billing;

namespace Facturo.Taxes;

/// <summary>One tax of one jurisdiction: the GST (federal, <see cref="Province"/> null), or the HST, QST or PST of a province.</summary>
public readonly record struct TaxKey(TaxKind Kind, Province? Province)
{
    public static TaxKey For(TaxKind kind, Province province) => new(kind, kind == TaxKind.Gst ? null : province);

    /// <summary>"GST", "HST-NS", "PST-BC": how a line records the taxes it bears.</summary>
    public string Code => Province is { } province ? $"{KindCode}-{province}" : KindCode;

    private string KindCode => Kind.ToString().ToUpperInvariant();

    public static TaxKey Parse(string code)
    {
        var parts = code.Split('-');
        return new(Enum.Parse<TaxKind>(parts[0], ignoreCase: true), parts.Length > 1 ? Enum.Parse<Province>(parts[1]) : null);
    }
}

/// <summary>One tax on a document: its rate, the amount it was charged on, and the tax.</summary>
public sealed record TaxAmount(TaxKind Kind, Province? Province, decimal Rate, Money Base, Money Amount)
{
    public TaxKey Key => new(Kind, Province);
}

/// <summary>A line to tax: its category (tax code), amount, and for a parcel with a bill of lading where it goes.</summary>
public sealed record TaxableLine(int LineNumber, ChargeCategory Category, Money Amount, PlaceOfSupply? Destination = null);

/// <summary>What sales tax needs to know about the customer: the billing address and the exemption certificates on file.</summary>
public sealed record TaxCustomer(PlaceOfSupply Address, IReadOnlyList<TaxExemption> Exemptions)
{
    public static TaxCustomer In(Province province) => new(PlaceOfSupply.In(province), []);
}

/// <summary>How one line was taxed: where it was supplied, which taxes it bears, and why any tax it does not bear was left off.</summary>
public sealed record LineTaxation(int LineNumber, PlaceOfSupply PlaceOfSupply, IReadOnlyList<TaxKey> Taxes, OutsideCanadaReason? OutsideCanada, IReadOnlyList<string> ExemptionCertificates);

public sealed record Taxation(IReadOnlyList<LineTaxation> Lines, IReadOnlyList<TaxAmount> Taxes)
{
    public Money Total(Currency currency) => Money.Sum(Taxes.Select(t => t.Amount), currency);
}

/// <summary>
/// Canadian sales tax by line: each line is supplied where its place-of-supply rule says (a parcel
/// with a bill of lading where it goes, anything else at the customer's address), bears the taxes
/// of that province its category is taxable for, less what an exemption certificate relieves; lines
/// supplied outside Canada bear none. Each tax is then charged once on the sum of the lines that
/// bear it and rounded to the cent (half a cent up: Excise Tax Act, s. 123(2); Québec the same).
/// </summary>
public sealed class SalesTax(TaxTable rates, TaxabilityRules rules)
{
    public static SalesTax Canada { get; } = new(TaxTable.Canada, TaxabilityRules.Defaults);

    public TaxabilityRules Rules => rules;

    public Taxation Compute(TaxCustomer customer, IReadOnlyList<TaxableLine> lines, DateOnly taxPoint, Currency currency)
    {
        var taxedLines = new List<LineTaxation>(lines.Count);
        var bases = new Dictionary<TaxKey, (decimal Rate, long Cents)>();
        foreach (var line in lines)
        {
            var place = line.Category == ChargeCategory.Shipping && line.Destination is { } destination ? destination : customer.Address;
            if (place.Province is not { } province)
            {
                taxedLines.Add(new(line.LineNumber, place, [], OutsideCanadaRule.For(line.Category).Reason, []));
                continue;
            }
            var borne = new List<TaxKey>(2);
            var certificates = new List<string>();
            foreach (var rate in rates.RatesFor(province, taxPoint))
            {
                if (!rules.RuleFor(line.Category, rate.Kind, province, taxPoint).Taxable || IsFreightIntoQuebec(line, rate.Kind, customer))
                {
                    continue;
                }
                if (customer.Exemptions.FirstOrDefault(e => e.Covers(rate.Kind, province, taxPoint)) is { } exemption)
                {
                    certificates.Add(exemption.CertificateNumber);
                    continue;
                }
                var key = TaxKey.For(rate.Kind, province);
                borne.Add(key);
                bases[key] = (rate.Rate, (bases.TryGetValue(key, out var sum) ? sum.Cents : 0) + line.Amount.Cents);
            }
            taxedLines.Add(new(line.LineNumber, place, borne, null, certificates.Distinct().ToList()));
        }
        var taxes = bases
            .OrderBy(b => b.Key.Kind).ThenBy(b => b.Key.Province)
            .Select(b => Charge(b.Key, b.Value.Rate, new Money(b.Value.Cents, currency)))
            .ToList();
        return new(taxedLines, taxes);
    }

    /// <summary>
    /// The taxes a credit gives back: for each tax, what the credited lines' share comes to counting
    /// every earlier credit of the invoice, less what those credits already gave back. So credits in
    /// pieces add up to what one credit would, and crediting everything gives back exactly the tax
    /// charged — never more.
    /// </summary>
    public static IReadOnlyList<TaxAmount> Credit(IReadOnlyList<TaxAmount> invoiceTaxes, IReadOnlyList<TaxAmount> alreadyCredited, IReadOnlyList<(IReadOnlyList<TaxKey> Taxes, Money Amount)> creditedLines)
    {
        var credits = new List<TaxAmount>();
        foreach (var tax in invoiceTaxes)
        {
            var creditedBase = Money.Sum(creditedLines.Where(l => l.Taxes.Contains(tax.Key)).Select(l => l.Amount), tax.Base.Currency);
            if (creditedBase.IsZero)
            {
                continue;
            }
            var earlier = alreadyCredited.Where(c => c.Key == tax.Key).ToList();
            var earlierBase = Money.Sum(earlier.Select(c => c.Base), tax.Base.Currency);
            var earlierTax = Money.Sum(earlier.Select(c => c.Amount), tax.Base.Currency);
            var cumulativeBase = earlierBase + creditedBase;
            if (cumulativeBase > tax.Base)
            {
                throw new ArgumentException($"The credit takes {tax.Key.Code} past the invoice's {tax.Base}.", nameof(creditedLines));
            }
            var cumulativeTax = cumulativeBase == tax.Base ? tax.Amount : Charge(tax.Key, tax.Rate, cumulativeBase).Amount;
            credits.Add(new(tax.Kind, tax.Province, tax.Rate, creditedBase, cumulativeTax - earlierTax));
        }
        return credits;
    }

    /// <summary>
    /// Freight bears QST only when it both starts and ends in Québec: a parcel sent into Québec from
    /// elsewhere is deemed supplied outside Québec (Revenu Québec, "Freight Transportation Services").
    /// A parcel starts where the customer is.
    /// </summary>
    private static bool IsFreightIntoQuebec(TaxableLine line, TaxKind kind, TaxCustomer customer) =>
        kind == TaxKind.Qst && line.Category == ChargeCategory.Shipping && customer.Address.Province != Province.QC;

    private static TaxAmount Charge(TaxKey key, decimal rate, Money taxable) =>
        new(key.Kind, key.Province, rate, taxable, Money.Round(taxable.ToDecimal() * rate, taxable.Currency));
}
