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
        if (days is < 0 or > 120)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, "Credit terms are between 0 and 120 days.");
        }
        Days = days;
    }

    public DateOnly DueDate(DateOnly issueDate) => issueDate.AddDays(Days);

    public override string ToString() => Days == 0 ? "due on receipt" : $"net {Days}";
}
