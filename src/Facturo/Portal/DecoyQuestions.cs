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
        var key = _key ??= await LoadOrCreateKeyAsync(cancellationToken);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant()));
        var codes = SecurityQuestions.All.Keys.ToArray();
        var first = (int)(BinaryPrimitives.ReadUInt32BigEndian(mac) % (uint)codes.Length);
        var second = (first + 1 + (int)(BinaryPrimitives.ReadUInt32BigEndian(mac.AsSpan(4)) % (uint)(codes.Length - 1))) % codes.Length;
        return (codes[first], codes[second]);
    }

    private async Task<byte[]> LoadOrCreateKeyAsync(CancellationToken cancellationToken)
    {
        var folder = Platform.KeyRing.Directory(configuration);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            var partial = $"{path}.{Guid.NewGuid():N}.partial";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            await using (var writer = new StreamWriter(new FileStream(partial, options)))
            {
                await writer.WriteAsync(_protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            }
            try
            {
                File.Move(partial, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance made the key first: theirs is the one.
                File.Delete(partial);
            }
        }
        return Convert.FromBase64String(_protector.Unprotect(await File.ReadAllTextAsync(path, cancellationToken)));
    }
}
