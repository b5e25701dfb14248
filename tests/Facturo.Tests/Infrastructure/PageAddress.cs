using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Facturo.Infrastructure;

/// <summary>
/// Waits for a page to be at an address by polling it. Playwright's <c>WaitForURL</c> with <c>WaitUntil = Commit</c> waits out its
/// whole timeout when the page is already there (it then waits for a load state that has come and gone): twice in CI.
/// </summary>
public static class PageAddress
{
    private static readonly PageAssertionsToHaveURLOptions Patience = new() { Timeout = 60_000 };

    /// <summary>Until the address's path ends with <paramref name="path"/> (e.g. "/summary").</summary>
    public static Task WaitForPathAsync(this IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(EndingWith(path), Patience);

    /// <summary>Until the address's path no longer ends with <paramref name="path"/>.</summary>
    public static Task WaitToLeaveAsync(this IPage page, string path) =>
        Assertions.Expect(page).Not.ToHaveURLAsync(EndingWith(path), new() { Timeout = Patience.Timeout });

    private static Regex EndingWith(string path) => new($"{Regex.Escape(path)}(\\?.*)?$");
}
