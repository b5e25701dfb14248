using System.Globalization;
using Facturo.Accounts;
using Facturo.Platform;

namespace Facturo.Api;

/// <summary>What the filters of a list read from the query string, checked the same way for every list.</summary>
public static class ApiFilters
{
    /// <summary>The accounts the key reaches: every one, or those it is limited to.</summary>
    public static IQueryable<CustomerAccount> ReachableBy(this IQueryable<CustomerAccount> accounts, ApiCaller caller)
    {
        if (caller.Accounts is null)
        {
            return accounts;
        }
        var numbers = caller.Accounts.ToArray();
        return accounts.Where(a => numbers.Contains(a.CustomerNumber));
    }

    /// <summary>A date filter (<c>2026-10-31</c>); <c>null</c> when absent. Anything else is a 400 that names the parameter.</summary>
    public static Outcome<DateOnly?> Date(string? text, string parameter) =>
        text is null ? (DateOnly?)null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : Invalid(parameter, text);

    /// <summary>One of an enum's names, ignoring case ("open", "Open"); <c>null</c> when absent; numbers are refused.</summary>
    public static Outcome<T?> OneOf<T>(string? text, string parameter) where T : struct, Enum =>
        text is null ? (T?)null
        : !int.TryParse(text, out _) && Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) ? value
        : Invalid(parameter, text, string.Join(", ", Enum.GetNames<T>()));

    public static UserError Invalid(string parameter, string text, string expected = "yyyy-MM-dd") =>
        new("api.filter-invalid", StatusCodes.Status400BadRequest, parameter, text, expected);
}
