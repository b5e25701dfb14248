using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Facturo.Api;

/// <summary>How the tests read the API back: a JSON body, a problem's code, every page of a list.</summary>
public static class ApiReading
{
    public static async Task<JsonElement> JsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The status and the problem's code of a refused call.</summary>
    public static async Task<(HttpStatusCode Status, string? Code)> ProblemAsync(this HttpClient client, string path, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
    }

    /// <summary>One page of a list at <paramref name="path"/> (which may already hold a query), after <paramref name="cursor"/>.</summary>
    public static async Task<(IReadOnlyList<JsonElement> Data, string? NextCursor)> PageAsync(this HttpClient client, string path, int limit, string? cursor)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var page = await client.JsonAsync($"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&after={Uri.EscapeDataString(cursor)}"));
        var next = page.GetProperty("nextCursor");
        return (page.GetProperty("data").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    /// <summary>Every page of a list, until one says there is no more; <paramref name="betweenPages"/> runs after each page but the last.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<JsonElement>>> AllPagesAsync(this HttpClient client, string path, int limit, Func<int, Task>? betweenPages = null)
    {
        var pages = new List<IReadOnlyList<JsonElement>>();
        string? cursor = null;
        do
        {
            (var data, cursor) = await client.PageAsync(path, limit, cursor);
            pages.Add(data);
            if (cursor is not null && betweenPages is not null)
            {
                await betweenPages(pages.Count);
            }
        }
        while (cursor is not null);
        return pages;
    }
}
