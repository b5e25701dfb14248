namespace Facturo.Emails;

public static class EmailAddresses
{
    /// <summary>A bare address ("name@example.com"), not a display-name form, within the 254 characters SMTP allows.</summary>
    public static bool IsValid(string text) =>
        text.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(text.Trim(), out var parsed) && parsed.Address == text.Trim();
}
