using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Platform;

/// <summary>
/// The Data Protection key ring: it protects sessions, emailed links, authenticator keys and bank account numbers,
/// so it must survive restarts, be shared by every node (one folder they all mount) and be backed up with the
/// database (losing it loses the bank numbers). With a certificate configured, each key is encrypted with it on
/// disk; a production host refuses to start without one (see <see cref="ProductionReadiness"/>).
/// </summary>
public static class KeyRing
{
    public const string Section = "DataProtection";

    /// <summary>The folder of the key ring, which also keeps the other secrets the keys protect (the decoy questions' key).</summary>
    public static string Directory(IConfiguration configuration) => DataDirectory.Resolve(configuration, configuration[$"{Section}:KeyDirectory"] ?? "keys");

    /// <summary>
    /// A 256-bit secret of Facturo's own (not a Data Protection key), made once and kept in the key ring's folder encrypted by
    /// the key ring, so every instance sharing those keys reads the same one. Two instances making it at once keep the first.
    /// </summary>
    public static async Task<byte[]> SecretAsync(IConfiguration configuration, IDataProtector protector, string fileName, CancellationToken cancellationToken)
    {
        var folder = Directory(configuration);
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
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
                await writer.WriteAsync(protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            }
            try
            {
                File.Move(partial, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance made it first: theirs is the one.
                File.Delete(partial);
            }
        }
        return Convert.FromBase64String(protector.Unprotect(await File.ReadAllTextAsync(path, cancellationToken)));
    }

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section);
        var keyRing = services.AddDataProtection()
            .SetApplicationName("Facturo")
            .PersistKeysToFileSystem(new DirectoryInfo(Directory(configuration)));
        if (settings["CertificatePath"] is { Length: > 0 } path)
        {
            keyRing.ProtectKeysWithCertificate(LoadCertificate("CertificatePath", path, settings["CertificatePassword"]));
        }
        // After a certificate change, the keys the old one encrypted still protect stored bank account numbers.
        if (settings["PreviousCertificatePath"] is { Length: > 0 } previous)
        {
            keyRing.UnprotectKeysWithAnyCertificate(LoadCertificate("PreviousCertificatePath", previous, settings["PreviousCertificatePassword"]));
        }
        return services;
    }

    private static X509Certificate2 LoadCertificate(string setting, string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"{Section}:{setting}: {path} has no private key; the key ring could be written but never read back.");
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Section}:{setting}: {path} could not be read as a PFX certificate with its password ({exception.Message}).", exception);
        }
    }
}
