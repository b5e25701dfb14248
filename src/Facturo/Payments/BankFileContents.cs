using System.Security.Cryptography;
using System.Text;
using Facturo.Platform;
using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Payments;

/// <summary>
/// A debit file holds every payer's full bank account number, so it is kept encrypted in the database and written to the
/// bank's outbox readable by Facturo's user only. AES-256-GCM under a key of its own, kept like the account numbers' key
/// (<see cref="KeyRing.SecretAsync"/>): Data Protection took 0.9 s to encrypt a 23 MB file, GCM a tenth of that.
/// Files stored plain, or encrypted by Data Protection, before still read.
/// </summary>
public sealed class BankFileContents(IDataProtectionProvider protection, IConfiguration configuration)
{
    /// <summary>Unix permissions of outbox files and folder: the owner only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;
    private const string KeyFileName = "bank-files.key";
    private static readonly byte[] Purpose = "Facturo.BankFiles.v2"u8.ToArray();

    private readonly IDataProtector _keyProtector = protection.CreateProtector("Facturo.BankFiles.Key.v1");
    private readonly IDataProtector _dataProtection = protection.CreateProtector("Facturo.BankFiles.v1");
    private byte[]? _key;

    /// <param name="file">The file as the bank gets it (ASCII).</param>
    public async Task<string> ProtectAsync(byte[] file, CancellationToken cancellationToken)
    {
        using var aes = new AesGcm(await KeyAsync(cancellationToken), AesGcmText.TagSize);
        return AesGcmText.Seal(aes, file, Purpose);
    }

    /// <summary>The file's bytes as sent to the bank.</summary>
    public async Task<byte[]> RevealAsync(DebitBatch batch, CancellationToken cancellationToken)
    {
        if (IsPlain(batch.Content))
        {
            return Encoding.ASCII.GetBytes(batch.Content);
        }
        if (!AesGcmText.IsSealed(batch.Content))
        {
            return Encoding.ASCII.GetBytes(_dataProtection.Unprotect(batch.Content));
        }
        using var aes = new AesGcm(await KeyAsync(cancellationToken), AesGcmText.TagSize);
        return AesGcmText.Open(aes, batch.Content, Purpose);
    }

    /// <summary>A CPA-005 file starts with its header 'A', a NACHA file with its file header '1'; protected text never does.</summary>
    public static bool IsPlain(string content) => content.StartsWith('A') || content.StartsWith('1');

    /// <summary>Writes a batch's file into a folder whole (aside, then renamed), so the bank's pick-up never sees half a file.</summary>
    public static async Task<string> ExportAsync(string fileName, byte[] file, string folder, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
        var path = Path.Combine(folder, fileName);
        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        await using (var partialFile = new FileStream(partial, options))
        {
            await partialFile.WriteAsync(file, cancellationToken);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) =>
        _key ??= await KeyRing.SecretAsync(configuration, _keyProtector, KeyFileName, cancellationToken);
}
