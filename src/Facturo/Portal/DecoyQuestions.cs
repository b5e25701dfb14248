using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Portal;

/// <summary>
/// The two questions shown for an address with no account: the same every time for one address, so asking twice
/// reveals nothing, and chosen by an HMAC with a server secret, so nobody can work out in advance which questions
/// an unknown address would get and compare. The secret is made once, kept beside the Data Protection keys and
/// encrypted by them, so every instance sharing those keys shows the same decoys.
/// </summary>
public sealed class DecoyQuestions(IDataProtectionProvider protection, IConfiguration configuration)
{
    private const string FileName = "decoy-questions.key";
    private readonly IDataProtector _protector = protection.CreateProtector("Facturo.DecoyQuestions.v1");
    private byte[]? _key;

    public async Task<(string Question1, string Question2)> ForAsync(string email, CancellationToken cancellationToken)
    {
        var key = _key ??= await Platform.KeyRing.SecretAsync(configuration, _protector, FileName, cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()));
        var codes = SecurityQuestions.All.Keys.ToArray();
        var first = (int)(BinaryPrimitives.ReadUInt32BigEndian(mac) % (uint)codes.Length);
        var second = (first + 1 + (int)(BinaryPrimitives.ReadUInt32BigEndian(mac.AsSpan(4)) % (uint)(codes.Length - 1))) % codes.Length;
        return (codes[first], codes[second]);
    }
}
