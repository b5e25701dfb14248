using System.Security.Cryptography;
using System.Text;

namespace Facturo.Platform;

/// <summary>Random tokens (API keys, invitation links) are stored only as their SHA-256: enough for high-entropy secrets, unlike passwords.</summary>
public static class Secrets
{
    public static string Sha256Hex(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
