using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Facturo.Platform;
using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Payments;

/// <summary>
/// Bank account numbers are kept encrypted with AES-256-GCM under a key of their own, made once and kept in the key
/// ring's folder encrypted by Data Protection (<see cref="KeyRing.SecretAsync"/>). Data Protection itself (CBC + HMAC,
/// about 20 µs a number) was a second of each 100,000-debit batch; GCM takes about 1 µs. Numbers Data Protection
/// encrypted before still read, and `facturo migrate` re-encrypts them. Only the bank-file writer reads a number whole;
/// every page shows the last four digits.
/// </summary>
public sealed class BankAccountNumbers(IDataProtectionProvider protection, IConfiguration configuration)
{
    /// <summary>Starts every number encrypted the current way; Data Protection's text is base64url, which has no colon.</summary>
    public const string Prefix = "gcm1:";
    private const string KeyFileName = "bank-account-numbers.key";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    /// <summary>Bound into every ciphertext, so one taken from another use of the same key cannot pass for an account number.</summary>
    private static readonly byte[] Purpose = "Facturo.BankAccountNumbers.v2"u8.ToArray();

    private readonly IDataProtector _keyProtector = protection.CreateProtector("Facturo.BankAccountNumbers.Key.v1");
    private readonly IDataProtector _dataProtection = protection.CreateProtector("Facturo.BankAccountNumbers.v1");
    private byte[]? _key;

    public async Task<string> ProtectAsync(string accountNumber, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var plain = Encoding.UTF8.GetBytes(accountNumber);
        // nonce | tag | ciphertext; a random nonce is safe far beyond the number of bank accounts a biller will ever hold.
        var sealedNumber = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(sealedNumber.AsSpan(0, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(sealedNumber.AsSpan(0, NonceSize), plain, sealedNumber.AsSpan(NonceSize + TagSize), sealedNumber.AsSpan(NonceSize, TagSize), Purpose);
        return Prefix + Convert.ToBase64String(sealedNumber);
    }

    public async Task<string> RevealAsync(string protectedAccountNumber, CancellationToken cancellationToken)
    {
        using var aes = new AesGcm(await KeyAsync(cancellationToken), TagSize);
        return Reveal(aes, protectedAccountNumber);
    }

    /// <summary>A bank file's numbers, in order. Each is independent: every core takes a share, each with its own cipher.</summary>
    public async Task<string[]> RevealAllAsync(IReadOnlyList<string> protectedAccountNumbers, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var numbers = new string[protectedAccountNumbers.Count];
        try
        {
            Parallel.For(0, numbers.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new AesGcm(key, TagSize),
                (i, _, aes) =>
                {
                    numbers[i] = Reveal(aes, protectedAccountNumbers[i]);
                    return aes;
                },
                aes => aes.Dispose());
        }
        catch (AggregateException failed)
        {
            // The first number that would not decrypt, as a single Reveal would have said it.
            ExceptionDispatchInfo.Throw(failed.Flatten().InnerExceptions[0]);
        }
        return numbers;
    }

    /// <summary>Encrypted by Data Protection, before this class used its own key: still readable, and worth re-encrypting.</summary>
    public static bool IsDataProtectionText(string protectedAccountNumber) => !protectedAccountNumber.StartsWith(Prefix, StringComparison.Ordinal);

    private string Reveal(AesGcm aes, string protectedAccountNumber)
    {
        if (IsDataProtectionText(protectedAccountNumber))
        {
            return _dataProtection.Unprotect(protectedAccountNumber);
        }
        var sealedNumber = Convert.FromBase64String(protectedAccountNumber[Prefix.Length..]);
        if (sealedNumber.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("An encrypted bank account number is too short to be one.");
        }
        var plain = new byte[sealedNumber.Length - NonceSize - TagSize];
        aes.Decrypt(sealedNumber.AsSpan(0, NonceSize), sealedNumber.AsSpan(NonceSize + TagSize), sealedNumber.AsSpan(NonceSize, TagSize), plain, Purpose);
        return Encoding.UTF8.GetString(plain);
    }

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) =>
        _key ??= await KeyRing.SecretAsync(configuration, _keyProtector, KeyFileName, cancellationToken);
}
