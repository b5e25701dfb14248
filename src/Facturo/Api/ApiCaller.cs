namespace Facturo.Api;

/// <summary>What a key may do. <see cref="Read"/> reads everything the key reaches; the others write.</summary>
public enum ApiScope
{
    Read,
    Orders,
    Billing,
    Payments,
}

/// <summary>Declared on an endpoint: the scope a key needs to call it.</summary>
public sealed record RequiredApiScope(ApiScope Scope);

public static class ApiScopes
{
    public static readonly IReadOnlySet<ApiScope> All = new HashSet<ApiScope>(Enum.GetValues<ApiScope>());

    public static string ToCode(this ApiScope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>A scope from its code ("read"); <c>null</c> for anything else.</summary>
    public static ApiScope? Parse(string code) => All.Where(s => s.ToCode() == code).Cast<ApiScope?>().FirstOrDefault();

    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, ApiScope scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RequiredApiScope(scope));
}

/// <summary>
/// The key behind an API call: its scopes, and the customer numbers it is limited to (<c>null</c>: every account).
/// An account the key may not reach answers as if it did not exist (404), so a key learns nothing of other accounts.
/// </summary>
public sealed record ApiCaller(long KeyId, string KeyName, IReadOnlySet<ApiScope> Scopes, IReadOnlySet<string>? Accounts)
{
    public bool Has(ApiScope scope) => Scopes.Contains(scope);

    public bool MayReach(string customerNumber) => Accounts is null || Accounts.Contains(customerNumber);

    /// <summary>Set by <see cref="ApiKeyFilter"/> before any /api/v1 endpoint runs.</summary>
    public static ApiCaller Of(HttpContext http) =>
        http.Items[typeof(ApiCaller)] as ApiCaller ?? throw new InvalidOperationException("An API endpoint ran without ApiKeyFilter.");
}
