namespace Facturo.Payments;

public enum CardBrand { Visa, Mastercard, Amex, Other }

/// <summary>What can be told from a card number without a processor: its check digit (Luhn) and its brand.</summary>
public static class CardNumber
{
    /// <summary>The digits of what was typed (spaces and dashes allowed), if 12 to 19 of them; otherwise null.</summary>
    public static string? Digits(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-')))
        {
            return null;
        }
        var digits = new string(typed.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 12 and <= 19 ? digits : null;
    }

    /// <summary>Luhn: doubling every second digit from the right, the sum is a multiple of 10.</summary>
    public static bool LuhnHolds(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[^(i + 1)] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    public static CardBrand BrandOf(string digits)
    {
        if (digits.StartsWith('4'))
        {
            return CardBrand.Visa;
        }
        if (digits.Length >= 2 && digits[..2] is "34" or "37")
        {
            return CardBrand.Amex;
        }
        var first4 = digits.Length >= 4 ? int.Parse(digits[..4], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return first4 is >= 5100 and <= 5599 or >= 2221 and <= 2720 ? CardBrand.Mastercard : CardBrand.Other;
    }
}
