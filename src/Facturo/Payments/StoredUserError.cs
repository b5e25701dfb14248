using System.Globalization;
using System.Text.Json;
using Facturo.Platform;

namespace Facturo.Payments;

/// <summary>A refusal kept in a row (code and arguments as text) so a page can show it later in its reader's language.</summary>
public static class StoredUserError
{
    // A server's message can be long; its start says what went wrong, and four arguments of 300 characters fit the column.
    private const int MaxArgumentLength = 300;

    public static (string Code, string Arguments) Pack(UserError error) =>
        (error.Code, JsonSerializer.Serialize(error.Arguments
            .Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")
            .Select(a => a.Length <= MaxArgumentLength ? a : a[..MaxArgumentLength] + "…")
            .ToArray()));

    public static UserError? Unpack(string? code, string? arguments) =>
        code is null ? null : new UserError(code, StatusCodes.Status502BadGateway, [.. JsonSerializer.Deserialize<string[]>(arguments ?? "[]") ?? []]);
}
