namespace Facturo.Payments;

/// <summary>
/// Identifications in bank files (the payment reference, the biller's company id): written whole or not at all.
/// Returns are matched by them, so a cut one would match no payment, or the wrong one; one that does not fit
/// is a bug to stop on, not text to trim.
/// </summary>
internal static class BankFileIdentification
{
    public static string Whole(string value, int width, string field)
    {
        if (value.Length > width || !value.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException($"The {field} '{value}' does not fit its {width} plain ASCII characters.", nameof(value));
        }
        return value.PadRight(width);
    }
}
