namespace Facturo.Emails;

/// <summary>Where emails go: an SMTP server, or, when <see cref="PickupDirectory"/> is set (development), .eml files in a folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "Facturo <facturation@facturo.example>";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string? PickupDirectory { get; set; }
    /// <summary>The portal's public address, for links in emails.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long to wait for the SMTP server at each step before trying later; MailKit's own two minutes would hold a round too long.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
