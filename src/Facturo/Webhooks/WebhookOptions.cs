namespace Facturo.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often the sender looks for deliveries due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>An endpoint that has not answered within this is tried again later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
