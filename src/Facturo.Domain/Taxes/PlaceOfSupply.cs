using Facturo.Accounts;

namespace Facturo.Taxes;

/// <summary>
/// Where a supply is made for sales tax: a Canadian province or territory, or a country outside
/// Canada (ISO 3166-1 alpha-2). Canadian taxes apply only to supplies made in Canada.
/// </summary>
public readonly record struct PlaceOfSupply
{
    public const string CanadaCode = "CA";

    private PlaceOfSupply(Province? province, string country) => (Province, Country) = (province, country);

    public Province? Province { get; }
    public string Country { get; }

    public bool InCanada => Province is not null;

    public static PlaceOfSupply In(Province province) => new(province, CanadaCode);

    public static PlaceOfSupply Outside(string country) =>
        IsCountryCode(country) && country != CanadaCode
            ? new(null, country)
            : throw new ArgumentException($"'{country}' is not a country outside Canada (two capital letters, ISO 3166-1).", nameof(country));

    /// <summary>
    /// Reads a destination as given in an order or an import: a country (ISO 3166-1, Canada when
    /// blank) and, in Canada, a province. Province codes also name countries (PE is Peru, NL the
    /// Netherlands), so the two are never read from one field.
    /// </summary>
    public static bool TryParse(string? country, string? province, out PlaceOfSupply place)
    {
        place = default;
        var countryCode = string.IsNullOrWhiteSpace(country) ? CanadaCode : country.Trim().ToUpperInvariant();
        if (!IsCountryCode(countryCode))
        {
            return false;
        }
        if (countryCode != CanadaCode)
        {
            place = new(null, countryCode);
            return true;
        }
        if (!Enum.TryParse<Province>(province?.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || province!.Trim().Length != 2)
        {
            return false;
        }
        place = In(parsed);
        return true;
    }

    /// <summary>ISO 3166-2 for a province ("CA-ON"), ISO 3166-1 for a country outside Canada ("US"): one column, no ambiguity.</summary>
    public string Code => Province is { } province ? $"{CanadaCode}-{province}" : Country;

    public static PlaceOfSupply FromCode(string code) =>
        code.StartsWith(CanadaCode + "-", StringComparison.Ordinal) && TryParse(CanadaCode, code[3..], out var place) ? place : Outside(code);

    public override string ToString() => Code;

    private static bool IsCountryCode(string code) => code.Length == 2 && code.All(char.IsAsciiLetterUpper);
}
