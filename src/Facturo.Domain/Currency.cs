namespace Facturo;

/// <summary>An ISO 4217 currency the biller invoices in. Only currencies with two minor digits.</summary>
public readonly record struct Currency
{
    public static readonly Currency Cad = new("CAD");
    public static readonly Currency Usd = new("USD");

    public string Code { get; }

    private Currency(string code) => Code = code;

    public static Currency Parse(string code) => code switch
    {
        "CAD" => Cad,
        "USD" => Usd,
        _ => throw new FormatException($"Unsupported currency '{code}'."),
    };

    /// <summary>A currency code as people type it ("cad", " USD "): only the currencies the biller invoices in.</summary>
    public static bool TryParse(string? text, out Currency currency)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "CAD": currency = Cad; return true;
            case "USD": currency = Usd; return true;
            default: currency = default; return false;
        }
    }

    public override string ToString() => Code;
}
