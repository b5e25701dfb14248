using System.Globalization;

namespace Facturo.Payments;

/// <summary>
/// A debit's reference, <c>P000000045</c>: shown to the payer, emailed, and written to bank files as the item's
/// identification (NACHA: 15 characters, CPA-005 cross reference: 19), so a return names the payment exactly.
/// Nine digits at least; past 999,999,999 it grows (<c>P1234567890</c>) and still fits both fields.
/// </summary>
public static class PaymentReference
{
    public const char Prefix = 'P';

    public static string Format(long paymentId) =>
        paymentId > 0 ? Prefix + paymentId.ToString("D9", CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(paymentId), paymentId, "Payment ids start at 1.");

    /// <summary>Only what <see cref="Format"/> writes: the prefix, then at least nine digits with no leading zero beyond the padding.</summary>
    public static bool TryParse(string? text, out long paymentId)
    {
        paymentId = 0;
        if (text is not [Prefix, .. var digits] || digits.Length < 9 || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            return false;
        }
        paymentId = id;
        return Format(id) == text;
    }
}
