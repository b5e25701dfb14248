using Facturo.Accounts;

namespace Facturo.Taxes;

/// <summary>
/// Canadian sales taxes with their effective dates. The tax point is the date the consideration
/// becomes due (the invoice date, or the order date for orders paid at creation).
/// </summary>
public sealed class TaxTable
{
    /// <summary>The first date this table knows every province's taxes for.</summary>
    public static readonly DateOnly CoverageStart = new(2013, 7, 1);

    private static readonly Province[] GstOnlyProvinces = [Province.AB, Province.NT, Province.NU, Province.YT, Province.QC, Province.BC, Province.MB, Province.SK];

    public static TaxTable Canada { get; } = new(
    [
        // GST 5 % since 2008; in HST provinces the HST replaces it.
        .. GstOnlyProvinces.Select(p => new TaxRate(TaxKind.Gst, p, 0.05m, new DateOnly(2008, 1, 1))),
        new(TaxKind.Hst, Province.ON, 0.13m, new DateOnly(2010, 7, 1)),
        new(TaxKind.Hst, Province.NB, 0.13m, new DateOnly(2010, 7, 1), new DateOnly(2016, 7, 1)),
        new(TaxKind.Hst, Province.NB, 0.15m, new DateOnly(2016, 7, 1)),
        new(TaxKind.Hst, Province.NL, 0.13m, new DateOnly(2010, 7, 1), new DateOnly(2016, 7, 1)),
        new(TaxKind.Hst, Province.NL, 0.15m, new DateOnly(2016, 7, 1)),
        new(TaxKind.Hst, Province.NS, 0.15m, new DateOnly(2010, 7, 1), new DateOnly(2025, 4, 1)),
        new(TaxKind.Hst, Province.NS, 0.14m, new DateOnly(2025, 4, 1)),
        new(TaxKind.Hst, Province.PE, 0.14m, new DateOnly(2013, 4, 1), new DateOnly(2016, 10, 1)),
        new(TaxKind.Hst, Province.PE, 0.15m, new DateOnly(2016, 10, 1)),
        new(TaxKind.Qst, Province.QC, 0.09975m, new DateOnly(2013, 1, 1)),
        new(TaxKind.Pst, Province.BC, 0.07m, new DateOnly(2013, 4, 1)),
        new(TaxKind.Pst, Province.MB, 0.08m, new DateOnly(2013, 7, 1), new DateOnly(2019, 7, 1)),
        new(TaxKind.Pst, Province.MB, 0.07m, new DateOnly(2019, 7, 1)),
        new(TaxKind.Pst, Province.SK, 0.05m, new DateOnly(2008, 1, 1), new DateOnly(2017, 3, 23)),
        new(TaxKind.Pst, Province.SK, 0.06m, new DateOnly(2017, 3, 23)),
    ]);

    private readonly IReadOnlyList<TaxRate> _rates;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Province, DateOnly), IReadOnlyList<TaxRate>> _ratesByDay = new();

    public TaxTable(IReadOnlyList<TaxRate> rates) => _rates = rates;

    public IReadOnlyList<TaxRate> RatesFor(Province province, DateOnly taxPoint)
    {
        if (taxPoint < CoverageStart)
        {
            throw new ArgumentOutOfRangeException(nameof(taxPoint), taxPoint, $"The tax table starts on {CoverageStart:yyyy-MM-dd}.");
        }
        return _ratesByDay.GetOrAdd((province, taxPoint), key => _rates.Where(r => r.AppliesTo(key.Item1, key.Item2)).OrderBy(r => r.Kind).ToList());
    }
}
