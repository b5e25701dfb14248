using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Facturo.Taxes;

namespace Facturo.Accounts;

/// <summary>
/// A customer's billing address, checked as its country writes it: in Canada a province and a postal
/// code, in the United States a state and a ZIP code, elsewhere a postal code where the country uses
/// one and no region. The country decides sales tax: Canadian taxes only for an address in Canada.
/// </summary>
public sealed record PostalAddress
{
    private PostalAddress(string line1, string? line2, string city, string country, string region, string postalCode) =>
        (Line1, Line2, City, Country, Region, PostalCode) = (line1, line2, city, country, region, postalCode);

    public string Line1 { get; }
    public string? Line2 { get; }
    public string City { get; }

    /// <summary>ISO 3166-1 alpha-2: "CA", "US".</summary>
    public string Country { get; }

    /// <summary>The province in Canada ("QC"), the state in the United States ("NY"), empty elsewhere.</summary>
    public string Region { get; }

    public string PostalCode { get; }

    public Province? Province => Country == PlaceOfSupply.CanadaCode ? Enum.Parse<Province>(Region) : null;

    /// <summary>Where a supply to this customer is made unless the line says otherwise.</summary>
    public PlaceOfSupply PlaceOfSupply => Province is { } province ? PlaceOfSupply.In(province) : PlaceOfSupply.Outside(Country);

    /// <summary>
    /// The address as the envelope shows it: the street, then "City QC H2X 1Y4" in Canada, "City, NY 14202"
    /// in the United States, and outside Canada the country's name on the last line, as mail from Canada needs.
    /// </summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var locality = Country switch
            {
                PlaceOfSupply.CanadaCode => $"{City} {Region} {PostalCode}",
                UnitedStates => $"{City}, {Region} {PostalCode}",
                _ => $"{City} {PostalCode}".Trim(),
            };
            string?[] lines = [Line1, Line2, locality, Country == PlaceOfSupply.CanadaCode ? null : CountryName(Country)];
            return lines.OfType<string>().ToList();
        }
    }

    public const string UnitedStates = "US";
    public const int MaxLineLength = 200;
    public const int MaxCityLength = 100;

    /// <summary>
    /// Reads an address as staff typed it. The problem, when there is one, is a stable code: "address.incomplete"
    /// (street or city missing or too long), "address.country", "address.region" or "address.postal-code".
    /// </summary>
    public static bool TryCreate(string? line1, string? line2, string? city, string? country, string? region, string? postalCode,
        [NotNullWhen(true)] out PostalAddress? address, [NotNullWhen(false)] out string? problem)
    {
        address = null;
        var (street, more, town) = (line1?.Trim() ?? "", string.IsNullOrWhiteSpace(line2) ? null : line2.Trim(), city?.Trim() ?? "");
        var countryCode = country?.Trim().ToUpperInvariant() ?? "";
        var regionCode = region?.Trim().ToUpperInvariant() ?? "";
        if (street.Length is 0 or > MaxLineLength || more is { Length: > MaxLineLength } || town.Length is 0 or > MaxCityLength)
        {
            problem = "address.incomplete";
        }
        else if (!IsCountry(countryCode))
        {
            problem = "address.country";
        }
        else if (!RegionFits(countryCode, regionCode))
        {
            problem = "address.region";
        }
        else if (!PostalCodes.TryNormalize(countryCode, postalCode, out var code))
        {
            problem = "address.postal-code";
        }
        else
        {
            address = new PostalAddress(street, more, town, countryCode, regionCode, code);
            problem = null;
            return true;
        }
        return false;
    }

    /// <summary>
    /// An address read back as it was saved. Not checked again: postal codes saved before they were checked
    /// by country stay as they were typed, and billing must not stop on them.
    /// </summary>
    public static PostalAddress Stored(string line1, string? line2, string city, string country, string region, string postalCode) =>
        new(line1, line2, city, country, region, postalCode);

    /// <summary>The codes an address in the country may name as its region: provinces and territories in Canada, states in the United States, none elsewhere.</summary>
    public static IReadOnlyList<string> RegionsOf(string country) => country switch
    {
        PlaceOfSupply.CanadaCode => Enum.GetNames<Province>(),
        UnitedStates => UsStates,
        _ => [],
    };

    /// <summary>A province in Canada, a state in the United States, nothing elsewhere (the post does not need it, nor does tax).</summary>
    private static bool RegionFits(string country, string region) =>
        country is PlaceOfSupply.CanadaCode or UnitedStates ? RegionsOf(country).Contains(region) : region.Length == 0;

    /// <summary>Two capital letters that name a country (ISO 3166-1), as the platform's region data knows them.</summary>
    private static bool IsCountry(string code)
    {
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string CountryName(string code) => new RegionInfo(code).EnglishName.ToUpperInvariant();

    /// <summary>USPS state codes: the states, the District of Columbia, the territories and the armed forces' codes.</summary>
    private static readonly string[] UsStates =
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "AA", "AE", "AP",
    ];
}

/// <summary>Postal codes as each country writes them.</summary>
public static class PostalCodes
{
    // Canada Post leaves out D, F, I, O, Q and U everywhere, and W and Z in the first position.
    private const string CanadianFirstLetters = "ABCEGHJKLMNPRSTVXY";
    private const string CanadianLetters = "ABCEGHJKLMNPRSTVWXYZ";
    private const int MaxLength = 10;

    /// <summary>
    /// Canada: "A1A 1A1" (typed with or without the space); United States: ZIP "12345" or ZIP+4 "12345-6789";
    /// elsewhere: up to 10 letters, digits, spaces or hyphens, or none (some countries have no postal codes).
    /// </summary>
    public static bool TryNormalize(string country, string? text, out string normalized)
    {
        var typed = (text ?? "").Trim().ToUpperInvariant();
        normalized = "";
        switch (country)
        {
            case PlaceOfSupply.CanadaCode:
                var compact = typed.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
                if (compact.Length != 6
                    || !CanadianFirstLetters.Contains(compact[0], StringComparison.Ordinal) || !char.IsAsciiDigit(compact[1])
                    || !CanadianLetters.Contains(compact[2], StringComparison.Ordinal) || !char.IsAsciiDigit(compact[3])
                    || !CanadianLetters.Contains(compact[4], StringComparison.Ordinal) || !char.IsAsciiDigit(compact[5]))
                {
                    return false;
                }
                normalized = $"{compact[..3]} {compact[3..]}";
                return true;
            case PostalAddress.UnitedStates:
                var digits = typed.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
                var plainOrZipPlusFour = typed.Length == digits.Length || typed.Length == 10 && typed[5] is ' ' or '-';
                if (!digits.All(char.IsAsciiDigit) || digits.Length is not (5 or 9) || !plainOrZipPlusFour || digits.Length == 5 && typed.Length != 5)
                {
                    return false;
                }
                normalized = digits.Length == 5 ? digits : $"{digits[..5]}-{digits[5..]}";
                return true;
            default:
                if (typed.Length > MaxLength || !typed.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
                {
                    return false;
                }
                normalized = typed;
                return true;
        }
    }
}
