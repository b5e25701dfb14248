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

    public override string ToString() => Code;
}
