namespace Facturo.Payments;

/// <summary>
/// The bank's SSH host key as <c>ssh-keygen -lf</c> prints it, <c>SHA256:</c> and 43 characters of unpadded base64. The
/// operator may paste the whole line (<c>256 SHA256:… host (ED25519)</c>); only the fingerprint is kept.
/// </summary>
public readonly record struct HostKeyFingerprint
{
    public const string Prefix = "SHA256:";

    /// <summary>The base64 of the key's SHA-256, without padding, as SSH.NET and OpenSSH both print it.</summary>
    public string Base64 { get; }

    private HostKeyFingerprint(string base64) => Base64 = base64;

    public static bool TryParse(string? text, out HostKeyFingerprint fingerprint)
    {
        fingerprint = default;
        var token = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(t => t.StartsWith(Prefix, StringComparison.Ordinal));
        if (token is null)
        {
            return false;
        }
        var base64 = token[Prefix.Length..].TrimEnd('=');
        // 32 bytes are 43 base64 characters once the padding is gone.
        if (base64.Length != 43 || !base64.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            || !Convert.TryFromBase64String(base64 + "=", new byte[32], out var written) || written != 32)
        {
            return false;
        }
        fingerprint = new HostKeyFingerprint(base64);
        return true;
    }

    /// <summary>Fingerprints are case-sensitive base64: one letter's case is another key.</summary>
    public bool Matches(string presentedBase64) => string.Equals(Base64, presentedBase64.TrimEnd('='), StringComparison.Ordinal);

    public override string ToString() => Prefix + Base64;
}
