using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Facturo.Platform;

/// <summary>Raw requests with the headers a reverse proxy (or a client pretending to be one) adds, redirects not followed.</summary>
public static class Requests
{
    public const string ClientAddress = "203.0.113.7";
    public const string OtherClientAddress = "198.51.100.23";

    public static async Task<HttpResponseMessage> SendAsync(Uri baseAddress, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "someone@client.example" });
        }
        return await http.SendAsync(request);
    }

    public static IReadOnlyList<string> CookiesSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [];

    /// <summary>Posts an anonymous form from one client address eleven times (one more than allowed) and returns the last status.</summary>
    public static async Task<int> EleventhPostStatusAsync(Uri baseAddress, string clientAddress)
    {
        var status = 0;
        for (var post = 0; post < 11; post++)
        {
            using var response = await SendAsync(baseAddress, HttpMethod.Post, "/forgot-password", ("X-Forwarded-For", clientAddress));
            status = (int)response.StatusCode;
        }
        return status;
    }

    /// <summary>A self-signed certificate with its private key, written as a password-protected PFX file, as an operator would provide.</summary>
    public static void WriteCertificate(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Facturo key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}
