using System.Security.Cryptography;
using System.Text;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Api;

/// <summary>
/// Every /api/v1 call that is not a read runs here in one transaction: the handler's change, the audit entry naming the key
/// that made it, and, when the call carried an <c>Idempotency-Key</c>, the answer to replay, commit together or not at all.
/// Handlers join that transaction through <see cref="Transactions.InTransactionAsync{T}"/>, so an endpoint gets all this
/// by being mapped in the /api/v1 group.
/// <para>
/// Why the answer is stored with the change: stored after the commit, a crash between the two would leave a change whose
/// retry runs again (two credit notes); stored before, a crash would leave an answer for a change that never happened.
/// In the same transaction there is no gap: a committed change has its answer, and an attempt that died left only its
/// claim, which a retry takes over once <see cref="ClaimLease"/> has passed.
/// </para>
/// <para>
/// What is replayed: successes, and refusals of the request itself (4xx but 409 and 429, as Stripe does), which would be
/// refused the same way again. A 409, a 429 or a 5xx says "try again", so its claim is released and a retry runs anew.
/// </para>
/// </summary>
public sealed class ApiWrites(FacturoDbContext db, TimeProvider time) : IEndpointFilter
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long an answer is kept and replayed.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Longer than any API call takes: past it, a claim without an answer is an attempt that died and a retry may take it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return await next(context);
        }
        var cancellationToken = http.RequestAborted;
        var caller = ApiCaller.Of(http);
        IdempotentRequest? claim = null;
        if (HttpMethods.IsPost(method) && http.Request.Headers.TryGetValue(KeyHeader, out var values))
        {
            if (values.Count != 1 || !IsWellFormed(values[0]))
            {
                return ApiProblems.From(new UserError("idempotency.invalid-key", StatusCodes.Status400BadRequest), http);
            }
            var claimed = await ClaimAsync(caller.KeyId, values[0]!, await FingerprintAsync(http.Request, cancellationToken), http, cancellationToken);
            if (claimed.Answer is { } earlier)
            {
                return earlier;
            }
            claim = claimed.Claim;
        }

        CapturedAnswer answer;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                answer = await CapturedAnswer.RunAsync(await next(context), http);
                if (answer.Status is >= 200 and < 300)
                {
                    db.Set<ApiAuditEntry>().Add(new ApiAuditEntry
                    {
                        At = time.GetUtcNow(),
                        ApiKeyId = caller.KeyId,
                        KeyName = caller.KeyName,
                        Action = ActionOf(http),
                        Subject = Truncate(answer.Location ?? http.Request.Path.Value ?? "", 300),
                        Status = answer.Status,
                        IpAddress = http.Connection.RemoteIpAddress?.ToString() ?? "",
                    });
                    await db.SaveChangesAsync(cancellationToken);
                    if (claim is not null && !await StoreAsync(claim, answer, cancellationToken))
                    {
                        // Another attempt took the claim over (this one outlived the lease): its answer stands, this change goes.
                        await transaction.RollbackAsync(cancellationToken);
                        db.ChangeTracker.Clear();
                        return ApiProblems.From(UserError.Conflict("idempotency.in-progress"), http);
                    }
                    await transaction.CommitAsync(cancellationToken);
                    return answer.Send();
                }
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            catch
            {
                db.ChangeTracker.Clear();
                if (claim is not null)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    await ReleaseAsync(claim, CancellationToken.None);
                }
                throw;
            }
        }
        if (claim is not null)
        {
            if (answer.Status is >= 400 and < 500 and not StatusCodes.Status409Conflict and not StatusCodes.Status429TooManyRequests)
            {
                await StoreAsync(claim, answer, cancellationToken);
            }
            else
            {
                await ReleaseAsync(claim, cancellationToken);
            }
        }
        return answer.Send();
    }

    /// <summary>1 to 255 printable ASCII characters, as Stripe accepts (a UUID is the usual choice).</summary>
    public static bool IsWellFormed(string? key) => key is { Length: >= 1 and <= 255 } && key.All(c => c is >= ' ' and <= '~');

    private sealed record Claimed(IdempotentRequest? Claim, IResult? Answer);

    /// <summary>
    /// Takes the key for this attempt, or says why not. The database decides, so it holds across nodes: the unique index on
    /// (key of the API key, Idempotency-Key) lets one insert win; the loser reads the winner's row.
    /// </summary>
    private async Task<Claimed> ClaimAsync(long apiKeyId, string key, string fingerprint, HttpContext http, CancellationToken cancellationToken)
    {
        var requests = db.Set<IdempotentRequest>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var existing = await requests.AsNoTracking().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken);
            if (existing is null)
            {
                await RemoveExpiredAsync(apiKeyId, now, cancellationToken);
                var claim = new IdempotentRequest
                {
                    ApiKeyId = apiKeyId, Key = key, RequestHash = fingerprint, ClaimToken = Guid.NewGuid(), ClaimedUntil = now + ClaimLease, ExpiresAt = now + Retention,
                };
                requests.Add(claim);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.Entry(claim).State = EntityState.Detached;
                    return new Claimed(claim, null);
                }
                catch (DbUpdateException)
                {
                    // A twin request inserted the same key first: read its row on the next turn.
                    db.ChangeTracker.Clear();
                    continue;
                }
            }
            if (existing.ExpiresAt <= now)
            {
                await requests.Where(r => r.Id == existing.Id && r.ClaimToken == existing.ClaimToken).ExecuteDeleteAsync(cancellationToken);
                continue;
            }
            if (existing.RequestHash != fingerprint)
            {
                return new Claimed(null, ApiProblems.From(UserError.Validation("idempotency.key-reused"), http));
            }
            if (existing.ResponseStatus is { } status)
            {
                return new Claimed(null, new CapturedAnswer(status, existing.ResponseContentType, existing.ResponseLocation, existing.ResponseBody ?? []).Replay());
            }
            if (existing.ClaimedUntil > now)
            {
                return new Claimed(null, ApiProblems.From(UserError.Conflict("idempotency.in-progress"), http));
            }
            // The attempt that claimed it died before committing, so its change rolled back with it: this one takes over.
            var token = Guid.NewGuid();
            var takenOver = await requests.Where(r => r.Id == existing.Id && r.ClaimToken == existing.ClaimToken && r.ResponseStatus == null)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ClaimToken, token).SetProperty(x => x.ClaimedUntil, now + ClaimLease), cancellationToken);
            if (takenOver == 1)
            {
                existing.ClaimToken = token;
                return new Claimed(existing, null);
            }
        }
        return new Claimed(null, ApiProblems.From(UserError.Conflict("idempotency.in-progress"), http));
    }

    /// <summary>Cleaned on the way: the API key's oldest few rows, when past their 24 hours. Rows are inserted in the order they expire.</summary>
    private async Task RemoveExpiredAsync(long apiKeyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldest = await db.Set<IdempotentRequest>().AsNoTracking().Where(r => r.ApiKeyId == apiKeyId).OrderBy(r => r.Id).Take(20)
            .Select(r => new { r.Id, r.ExpiresAt }).ToListAsync(cancellationToken);
        var expired = oldest.Where(r => r.ExpiresAt <= now).Select(r => r.Id).ToList();
        if (expired.Count > 0)
        {
            await db.Set<IdempotentRequest>().Where(r => expired.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>The answer, on the claim this attempt still holds; <c>false</c> when another attempt took it over.</summary>
    private async Task<bool> StoreAsync(IdempotentRequest claim, CapturedAnswer answer, CancellationToken cancellationToken) =>
        await db.Set<IdempotentRequest>().Where(r => r.Id == claim.Id && r.ClaimToken == claim.ClaimToken && r.ResponseStatus == null)
            .ExecuteUpdateAsync(r => r
                .SetProperty(x => x.ResponseStatus, answer.Status)
                .SetProperty(x => x.ResponseContentType, answer.ContentType)
                .SetProperty(x => x.ResponseLocation, answer.Location)
                .SetProperty(x => x.ResponseBody, answer.Body), cancellationToken) == 1;

    private async Task ReleaseAsync(IdempotentRequest claim, CancellationToken cancellationToken) =>
        await db.Set<IdempotentRequest>().Where(r => r.Id == claim.Id && r.ClaimToken == claim.ClaimToken && r.ResponseStatus == null).ExecuteDeleteAsync(cancellationToken);

    /// <summary>SHA-256 over the canonical request: method, path with query, and the body's bytes as sent.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string ActionOf(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        return Truncate(endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
            ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "", 100);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>An endpoint's answer, run into memory so it can be stored before anything reaches the client.</summary>
internal sealed record CapturedAnswer(int Status, string? ContentType, string? Location, byte[] Body)
{
    public static async Task<CapturedAnswer> RunAsync(object? result, HttpContext http)
    {
        var response = http.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await (result switch
            {
                IResult endpointResult => endpointResult.ExecuteAsync(http),
                string text => Results.Text(text).ExecuteAsync(http),
                null => Task.CompletedTask,
                _ => Results.Json(result).ExecuteAsync(http),
            });
        }
        finally
        {
            response.Body = original;
        }
        return new CapturedAnswer(response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, buffer.ToArray());
    }

    /// <summary>Sends the captured body: status and headers are already on the response.</summary>
    public IResult Send() => new Written(this, Replayed: false);

    public IResult Replay() => new Written(this, Replayed: true);

    private sealed record Written(CapturedAnswer Answer, bool Replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.StatusCode = Answer.Status;
            response.ContentType = Answer.ContentType;
            if (Answer.Location is not null)
            {
                response.Headers.Location = Answer.Location;
            }
            if (Replayed)
            {
                response.Headers[ApiWrites.ReplayedHeader] = "true";
            }
            await response.Body.WriteAsync(Answer.Body, http.RequestAborted);
        }
    }
}

public static class IdempotentBodies
{
    /// <summary>The body is read again to fingerprint it, after the endpoint's JSON binding read it: keep it for a second read.</summary>
    public static IApplicationBuilder UseIdempotentBodies(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.ContainsKey(ApiWrites.KeyHeader) && http.Request.Path.StartsWithSegments("/api/v1"))
        {
            http.Request.EnableBuffering();
        }
        return next(http);
    });
}
