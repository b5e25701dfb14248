using System.Globalization;

namespace Facturo;

/// <summary>
/// An amount of money as integer cents plus currency. Integer cents make sums exact and let both
/// SQLite and PostgreSQL sort and compare amounts the same way.
/// </summary>
public readonly partial record struct Money : IComparable<Money>
{
    public long Cents { get; }
    public Currency Currency { get; }

    public Money(long cents, Currency currency)
    {
        Cents = cents;
        Currency = currency;
    }

    public static Money Zero(Currency currency) => new(0, currency);
    public static Money Cad(long cents) => new(cents, Currency.Cad);

    /// <summary>Rounds a computed amount to the cent, half a cent going up (away from zero) as the Excise Tax Act says.</summary>
    public static Money Round(decimal amount, Currency currency) =>
        new((long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero), currency);

    public decimal ToDecimal() => Cents / 100m;

    public bool IsZero => Cents == 0;
    public bool IsNegative => Cents < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.SameCurrency(a).Cents), a.Currency);
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.SameCurrency(a).Cents), a.Currency);
    public static Money operator -(Money a) => new(checked(-a.Cents), a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public Money Add(Money other) => this + other;
    public Money Subtract(Money other) => this - other;
    public Money Negate() => -this;

    public int CompareTo(Money other) => Cents.CompareTo(other.SameCurrency(this).Cents);

    public static Money Sum(IEnumerable<Money> amounts, Currency currency)
    {
        var total = Zero(currency);
        foreach (var amount in amounts)
        {
            total += amount;
        }
        return total;
    }

    /// <summary>fr-CA gives <c>1 234,56 $</c>, en-CA gives <c>$1,234.56</c>.</summary>
    public string Format(CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Currency == Currency.Usd ? "US$" : "$";
        return ToDecimal().ToString("C2", format);
    }

    public override string ToString() => $"{ToDecimal().ToString("0.00", CultureInfo.InvariantCulture)} {Currency.Code}";

    private Money SameCurrency(Money other) => other.Currency == Currency
        ? this
        : throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
}
