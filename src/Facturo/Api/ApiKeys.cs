using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Api;

/// <summary>An integration's key. Only its SHA-256 is stored; the key is shown once when issued.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The scopes' codes, space-separated ("read orders").</summary>
    public string Scopes { get; set; } = string.Join(' ', ApiScopes.All.Order().Select(s => s.ToCode()));

    /// <summary>The customer numbers the key is limited to, space-separated; <c>null</c>: every account.</summary>
    public string? CustomerNumbers { get; set; }

    public static string Hash(string key) => Secrets.Sha256Hex(key);

    public ApiCaller ToCaller() => new(Id, Name,
        Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ApiScopes.Parse).OfType<ApiScope>().ToHashSet(),
        CustomerNumbers?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
        key.HasIndex(k => k.KeyHash).IsUnique();
        key.Property(k => k.Scopes).HasMaxLength(100);
    }
}

/// <summary>
/// Every /api/v1 call carries an integration's key in X-Api-Key. The key found becomes the call's <see cref="ApiCaller"/>,
/// and an endpoint that declared a scope (<see cref="ApiScopes.RequireScope{TBuilder}"/>) refuses a key without it.
/// </summary>
public sealed class ApiKeyFilter(Data.FacturoDbContext db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers["X-Api-Key"].ToString();
        var hash = ApiKey.Hash(presented);
        var key = presented.Length > 0
            ? await db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, http.RequestAborted)
            : null;
        if (key is null)
        {
            return ApiProblems.From(new UserError("api.key-missing", StatusCodes.Status401Unauthorized), http);
        }
        var caller = key.ToCaller();
        http.Items[typeof(ApiCaller)] = caller;
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiredApiScope>() is { } required && !caller.Has(required.Scope))
        {
            return ApiProblems.From(new UserError("api.scope-missing", StatusCodes.Status403Forbidden, required.Scope.ToCode()), http);
        }
        return await next(context);
    }
}
