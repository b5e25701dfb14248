namespace Facturo.Accounts;

/// <summary>
/// The biller's e-billing rule on customer numbers: numbers that begin with an eligible prefix ("1") may use the portal,
/// those that begin with an ineligible one ("9", during a transition) may not, and an ineligible prefix wins. A customer
/// number that begins with neither belongs to no series the biller uses, so a new account may not take it.
/// </summary>
public sealed record EBillingPrefixes
{
    private readonly IReadOnlyList<string> _keptNumbers;

    private EBillingPrefixes(IReadOnlyList<string> eligible, IReadOnlyList<string> ineligible, IReadOnlyList<string> keptNumbers) =>
        (Eligible, Ineligible, _keptNumbers) = (eligible, ineligible, keptNumbers);

    public IReadOnlyList<string> Eligible { get; }
    public IReadOnlyList<string> Ineligible { get; }

    /// <summary>Comma-separated lists as the biller's settings keep them ("1", "9"); entries that are not 1 to 10 digits are ignored.</summary>
    public static EBillingPrefixes Of(string? eligible, string? ineligible) => new(Split(eligible), Split(ineligible), []);

    public bool IsEligible(CustomerNumber number) =>
        !Ineligible.Any(p => number.Value.StartsWith(p, StringComparison.Ordinal)) && Eligible.Any(p => number.Value.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Whether the number begins with one of the biller's prefixes, eligible or not.</summary>
    public bool Covers(CustomerNumber number) =>
        _keptNumbers.Contains(number.Value) || Eligible.Concat(Ineligible).Any(p => number.Value.StartsWith(p, StringComparison.Ordinal));

    /// <summary>The same rule, also covering one number already in use: an account opened before the prefixes changed keeps its number.</summary>
    public EBillingPrefixes Keeping(CustomerNumber number) => Covers(number) ? this : new(Eligible, Ineligible, [.. _keptNumbers, number.Value]);

    /// <summary>Every prefix a customer number may begin with, as people read a list: "1, 9".</summary>
    public string AllowedBeginnings => string.Join(", ", Eligible.Concat(Ineligible).Distinct());

    private static string[] Split(string? prefixes) =>
        (prefixes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.Length <= 10 && p.All(char.IsAsciiDigit)).ToArray();
}
