using System.Security.Cryptography;

namespace Facturo.Platform;

/// <summary>
/// Bytes encrypted with AES-256-GCM, written as text: <c>gcm1:</c> then base64 of nonce (12) | tag (16) | ciphertext. The
/// purpose is bound into each one, so text sealed for one use cannot be passed off as another's. A random nonce per text is
/// safe for far more texts than one key here will ever seal.
/// </summary>
public static class AesGcmText
{
    /// <summary>Data Protection's text is base64url, which has no colon: the two never look alike.</summary>
    public const string Prefix = "gcm1:";
    public const int TagSize = 16;
    private const int NonceSize = 12;

    public static bool IsSealed(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Seal(AesGcm aes, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> purpose)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), purpose);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The text was changed, or sealed under another key or purpose.</exception>
    public static byte[] Open(AesGcm aes, string text, ReadOnlySpan<byte> purpose)
    {
        var base64 = text.AsSpan(Prefix.Length);
        var sealedBytes = new byte[base64.Length / 4 * 3];
        if (!IsSealed(text) || !Convert.TryFromBase64Chars(base64, sealedBytes, out var length) || length < NonceSize + TagSize)
        {
            throw new CryptographicException($"This is not text sealed by {nameof(AesGcmText)}.");
        }
        var plain = new byte[length - NonceSize - TagSize];
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize, plain.Length), sealedBytes.AsSpan(NonceSize, TagSize), plain, purpose);
        return plain;
    }
}
