using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using System.Text;
using Facturo.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Platform;

/// <summary>The one place a user error becomes an RFC 9457 problem, in the caller's language.</summary>
public static class ApiProblems
{
    public static IResult From(UserError error, HttpContext http)
    {
        var language = LanguageOf(http);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = error.Status,
            Type = $"https://facturo.example/problems/{error.Code}",
            Title = error.Message(language),
            Extensions = { ["code"] = error.Code },
        });
    }

    /// <summary>French when the caller prefers French (Accept-Language fr or fr-CA), English otherwise.</summary>
    public static Language LanguageOf(HttpContext http)
    {
        var accept = http.Request.GetTypedHeaders().AcceptLanguage;
        var preferred = accept.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return preferred is not null && preferred.Value.Value?.StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true ? Language.Fr : Language.En;
    }
}

/// <summary>An integration's key. Only its SHA-256 is stored; the key is shown once when issued.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public static string Hash(string key) => Secrets.Sha256Hex(key);
}

internal sealed class ApiKeyConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<ApiKey>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<ApiKey> key)
    {
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.KeyHash).HasMaxLength(64).IsFixedLength();
        key.HasIndex(k => k.KeyHash).IsUnique();
    }
}

/// <summary>Every /api/v1 call carries an integration's key in X-Api-Key.</summary>
public sealed class ApiKeyFilter(Data.FacturoDbContext db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers["X-Api-Key"].ToString();
        var hash = ApiKey.Hash(presented);
        var known = presented.Length > 0
            && await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Set<ApiKey>(), k => k.KeyHash == hash && k.RevokedAt == null, http.RequestAborted);
        if (!known)
        {
            return ApiProblems.From(new UserError("api.key-missing", StatusCodes.Status401Unauthorized), http);
        }
        return await next(context);
    }
}
