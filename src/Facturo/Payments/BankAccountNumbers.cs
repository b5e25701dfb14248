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
    /// <summary>Starts every number encrypted the current way.</summary>
    public const string Prefix = AesGcmText.Prefix;
    private const string KeyFileName = "bank-account-numbers.key";
    private static readonly byte[] Purpose = "Facturo.BankAccountNumbers.v2"u8.ToArray();

    private readonly IDataProtector _keyProtector = protection.CreateProtector("Facturo.BankAccountNumbers.Key.v1");
    private readonly IDataProtector _dataProtection = protection.CreateProtector("Facturo.BankAccountNumbers.v1");
    private byte[]? _key;

    public async Task<string> ProtectAsync(string accountNumber, CancellationToken cancellationToken)
    {
        using var aes = new AesGcm(await KeyAsync(cancellationToken), AesGcmText.TagSize);
        return AesGcmText.Seal(aes, Encoding.UTF8.GetBytes(accountNumber), Purpose);
    }

    public async Task<string> RevealAsync(string protectedAccountNumber, CancellationToken cancellationToken)
    {
        using var aes = new AesGcm(await KeyAsync(cancellationToken), AesGcmText.TagSize);
        return Reveal(aes, protectedAccountNumber);
    }

    /// <summary>A bank file's numbers, in order. Each is independent: every core takes a share, each with its own cipher.</summary>
    public async Task<string[]> RevealAllAsync(IReadOnlyList<string> protectedAccountNumbers, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        var numbers = new string[protectedAccountNumbers.Count];
        try
        {
            Parallel.For(0, numbers.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new AesGcm(key, AesGcmText.TagSize),
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

    /// <summary>Numbers encrypted before they had a key of their own are Data Protection's text.</summary>
    private string Reveal(AesGcm aes, string protectedAccountNumber) => AesGcmText.IsSealed(protectedAccountNumber)
        ? Encoding.UTF8.GetString(AesGcmText.Open(aes, protectedAccountNumber, Purpose))
        : _dataProtection.Unprotect(protectedAccountNumber);

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) =>
        _key ??= await KeyRing.SecretAsync(configuration, _keyProtector, KeyFileName, cancellationToken);
}
