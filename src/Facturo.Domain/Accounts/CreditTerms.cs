namespace Facturo.Accounts;

/// <summary>Days between an invoice's issue date and its due date; 0 means due on receipt.</summary>
public readonly record struct CreditTerms
{
    public static readonly CreditTerms DueOnReceipt = new(0);
    public static readonly CreditTerms Net15 = new(15);
    public static readonly CreditTerms Net30 = new(30);

    public int Days { get; }

    public CreditTerms(int days)
    {
        if (days is < 0 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "Credit terms are between 0 and 120 days.");
        }
        Days = days;
    }

    public const int MaxDays = 120;

    /// <summary>A number of days as typed: "30", " 0 ", "net 30", "net30"; 0 to 120.</summary>
    public static bool TryParse(string? text, out CreditTerms terms)
    {
        terms = default;
        var days = text?.Trim().ToLowerInvariant() ?? "";
        if (days.StartsWith("net", StringComparison.Ordinal))
        {
            days = days[3..].TrimStart();
        }
        if (days.Length is 0 or > 3 || !days.All(char.IsAsciiDigit) || int.Parse(days, System.Globalization.CultureInfo.InvariantCulture) > MaxDays)
        {
            return false;
        }
        terms = new CreditTerms(int.Parse(days, System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    public DateOnly DueDate(DateOnly issueDate) => issueDate.AddDays(Days);

    public override string ToString() => Days == 0 ? "due on receipt" : $"net {Days}";
}
