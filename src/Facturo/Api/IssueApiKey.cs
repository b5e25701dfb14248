using Facturo.Data;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Api;

/// <summary>What an administrator (or the command line) asks for: a name, scopes, and optionally the only customer numbers the key reaches.</summary>
public sealed record NewApiKey(string? Name, IReadOnlyCollection<ApiScope> Scopes, IReadOnlyCollection<string> CustomerNumbers);

/// <summary>A key just issued or rotated, with its secret: the only time the secret exists outside the caller's hands.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>
/// Issues, rotates and revokes API keys. In the back office each change is audited as the signed-in administrator, in the
/// same transaction; from the command line the key records "command line" as who issued it.
/// </summary>
public sealed class IssueApiKey(FacturoDbContext db, BillerClock clock, StaffAudit audit)
{
    public Task<Outcome<IssuedApiKey>> IssueAsync(NewApiKey request, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var issued = await IssueAsync(request, audit.CurrentStaffEmail, cancellationToken);
            if (issued.Succeeded)
            {
                await audit.RecordAsync("api-key.issue", Subject(issued.Value!.Key), null, Described(issued.Value.Key), cancellationToken);
            }
            return issued;
        }, cancellationToken);

    public Task<Outcome<IssuedApiKey>> IssueFromCommandLineAsync(NewApiKey request, CancellationToken cancellationToken) =>
        IssueAsync(request, $"{StaffAudit.CommandLine} ({Environment.UserName})", cancellationToken);

    /// <summary>A new secret; the replaced one keeps working for <see cref="ApiKey.RotationGrace"/>, so the integration can switch without an outage.</summary>
    public Task<Outcome<IssuedApiKey>> RotateAsync(long id, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
            if (key is null || key.RevokedAt is not null)
            {
                return key is null ? UserError.NotFound("apikey.not-found") : UserError.Validation("apikey.revoked", key.Name);
            }
            var secret = ApiKey.NewSecret();
            var now = clock.UtcNow;
            (key.PreviousKeyHash, key.PreviousKeyValidUntil, key.KeyHash) = (key.KeyHash, now + ApiKey.RotationGrace, ApiKey.Hash(secret));
            (key.RotatedAt, key.RotatedBy) = (now, audit.CurrentStaffEmail);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("api-key.rotate", Subject(key), null, new { previousSecretValidUntil = key.PreviousKeyValidUntil }, cancellationToken);
            return (Outcome<IssuedApiKey>)new IssuedApiKey(key, secret);
        }, cancellationToken);

    /// <summary>Stops the key at once, on every node: each call reads the key from the database (see <see cref="ApiKeyFilter"/>).</summary>
    public Task<Outcome<ApiKey>> RevokeAsync(long id, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
            if (key is null || key.RevokedAt is not null)
            {
                return key is null ? UserError.NotFound("apikey.not-found") : UserError.Validation("apikey.revoked", key.Name);
            }
            (key.RevokedAt, key.RevokedBy) = (clock.UtcNow, audit.CurrentStaffEmail);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("api-key.revoke", Subject(key), Described(key), null, cancellationToken);
            return (Outcome<ApiKey>)key;
        }, cancellationToken);

    /// <summary>
    /// Checks the request and reads the customer numbers back from the database. Errors name their field by their code's
    /// middle part (apikey.name-…, apikey.scopes-…, apikey.account-…), so the page shows each beside its field.
    /// </summary>
    private async Task<Outcome<IssuedApiKey>> IssueAsync(NewApiKey request, string issuedBy, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            return UserError.Validation("apikey.name-invalid");
        }
        if (request.Scopes.Count == 0)
        {
            return UserError.Validation("apikey.scopes-missing");
        }
        var numbers = request.CustomerNumbers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (numbers.FirstOrDefault(n => !Accounts.CustomerNumber.TryParse(n, out _)) is { } malformed)
        {
            return UserError.Validation("apikey.account-unknown", malformed);
        }
        var found = await db.Accounts.AsNoTracking().Where(a => numbers.Contains(a.CustomerNumber)).Select(a => a.CustomerNumber).ToListAsync(cancellationToken);
        if (numbers.FirstOrDefault(n => !found.Contains(n)) is { } unknown)
        {
            return UserError.Validation("apikey.account-unknown", unknown);
        }
        var secret = ApiKey.NewSecret();
        var key = new ApiKey
        {
            Name = name,
            KeyHash = ApiKey.Hash(secret),
            CreatedAt = clock.UtcNow,
            IssuedBy = issuedBy,
            Scopes = string.Join(' ', request.Scopes.Distinct().Order().Select(s => s.ToCode())),
            CustomerNumbers = numbers.Count == 0 ? null : string.Join(' ', numbers),
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(key, secret);
    }

    private static string Subject(ApiKey key) => $"api key {key.Id} {key.Name}";

    private static object Described(ApiKey key) => new { name = key.Name, scopes = key.Scopes, accounts = key.CustomerNumbers ?? "all" };
}
