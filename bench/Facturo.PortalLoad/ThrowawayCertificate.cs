using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Facturo.PortalLoad;

/// <summary>A self-signed certificate for one bench run's key ring, written as a PFX with a random password.</summary>
internal static class ThrowawayCertificate
{
    public static (string Path, string Password) Write(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Facturo portal load bench", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
