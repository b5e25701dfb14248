namespace Facturo.Accounts;

/// <summary>A bare address ("billing@example.com"), not a display-name form, within the 254 characters SMTP allows.</summary>
public static class EmailAddress
{
    public static bool IsValid(string? text) =>
        text is not null && text.Trim().Length is > 0 and <= 254
        && System.Net.Mail.MailAddress.TryCreate(text.Trim(), out var parsed) && parsed.Address == text.Trim() && parsed.Host.Contains('.', StringComparison.Ordinal);
}
