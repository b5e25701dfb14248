using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Facturo.Webhooks;

/// <summary>
/// Stripe's scheme: <c>Facturo-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>. The key is the
/// secret as shown (its UTF-8 bytes, "whsec_" included); signing the time with the body lets receivers refuse replays.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Facturo-Signature";
    public const string EventIdHeader = "Facturo-Event-Id";
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
