using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Payments;

/// <summary>
/// A debit file holds every payer's full bank account number, so it is kept encrypted in the database (Data
/// Protection, like the account numbers) and written to the bank's outbox readable by Facturo's user only.
/// </summary>
public sealed class BankFileContents(IDataProtectionProvider protection)
{
    /// <summary>Unix permissions of outbox files and folder: the owner only.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    private readonly IDataProtector _protector = protection.CreateProtector("Facturo.BankFiles.v1");

    public string Protect(string content) => _protector.Protect(content);

    /// <summary>The file's bytes as sent to the bank. Files batched before they were encrypted (plain CPA-005 or NACHA) read as they are.</summary>
    public byte[] Reveal(DebitBatch batch) => Encoding.ASCII.GetBytes(IsPlain(batch.Content) ? batch.Content : _protector.Unprotect(batch.Content));

    /// <summary>A CPA-005 file starts with its header 'A', a NACHA file with its file header '1'; protected text never does.</summary>
    public static bool IsPlain(string content) => content.StartsWith('A') || content.StartsWith('1');

    /// <summary>Writes the batch's file into a folder whole (aside, then renamed), so the bank's pick-up never sees half a file.</summary>
    public async Task<string> ExportAsync(DebitBatch batch, string folder, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
        var path = Path.Combine(folder, batch.FileName);
        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        await using (var file = new FileStream(partial, options))
        {
            await file.WriteAsync(Reveal(batch), cancellationToken);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
