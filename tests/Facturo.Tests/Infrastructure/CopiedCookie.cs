using System.Net;
using Microsoft.Playwright;

namespace Facturo.Infrastructure;

/// <summary>A second client holding only a cookie copied out of a browser, as someone who stole it would use it.</summary>
public sealed class CopiedCookie : IDisposable
{
    private readonly HttpClient _client;

    private CopiedCookie(HttpClient client, string value) => (_client, Value) = (client, value);

    /// <summary>The cookie's value (the whole of it, however many chunks the browser holds).</summary>
    public string Value { get; }

    public static async Task<CopiedCookie> FromAsync(IPage page, Uri baseAddress, string cookieName)
    {
        var cookies = (await page.Context.CookiesAsync()).Where(c => c.Name.StartsWith(cookieName, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(cookies);
        return With(baseAddress, cookieName, string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")), cookies.Single(c => c.Name == cookieName).Value);
    }

    /// <summary>A client sending a cookie of that name with the given value, made or altered by hand.</summary>
    public static CopiedCookie Forged(Uri baseAddress, string cookieName, string value) => With(baseAddress, cookieName, $"{cookieName}={value}", value);

    private static CopiedCookie With(Uri baseAddress, string cookieName, string header, string value)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("Cookie", header);
        return new CopiedCookie(client, value);
    }

    /// <summary>"in" when the page opens, else where the app sends the request (its sign-in page).</summary>
    public async Task<string> OpenAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => "in",
            HttpStatusCode.Redirect => response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString.Split('?')[0],
            var other => $"HTTP {(int)other}",
        };
    }

    public void Dispose() => _client.Dispose();
}
