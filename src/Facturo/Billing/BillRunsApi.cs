using System.Text.Json;
using Facturo.Accounts;
using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Billing;

public sealed record StartBillRunRequest([property: System.ComponentModel.DataAnnotations.MaxLength(7)] string? Period);

public sealed record BillRunTotalView(string Currency, ApiAmount Total);

/// <summary>
/// A bill run as an integration follows it. <c>status</c>: running (also while it waits for the worker), completed, failed (start it
/// again: it resumes). <c>accountsBilled</c> of <c>accountsToBill</c> counts invoices and statements; <c>totals</c> sums the invoices per currency.
/// </summary>
public sealed record BillRunView(long Id, string Period, string Status, int AccountsBilled, int AccountsToBill, int Invoices, int Statements,
    IReadOnlyList<BillRunTotalView> Totals, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// POST /bill-runs asks for a period to be billed and answers at once: <see cref="RequestedBillRuns"/> runs it in the background.
/// A period has one bill run, so asking again returns the same run (and asks again for one that failed).
/// </summary>
public static class BillRunsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/bill-runs", async Task<Results<Accepted<BillRunView>, ProblemHttpResult>> (HttpContext http, FacturoDbContext db, BillRunner runner, BillerClock clock,
            RequestedBillRuns worker, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        {
            if (Refusal(http) is { } refused)
            {
                return refused;
            }
            StartBillRunRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<StartBillRunRequest>(http.Request.Body, json.Value.SerializerOptions, cancellationToken);
            }
            catch (JsonException)
            {
                return (ProblemHttpResult)ApiProblems.From(new UserError("request.invalid-body", StatusCodes.Status400BadRequest), http);
            }
            if (!BillingPeriod.TryParse(request?.Period, out var period))
            {
                return (ProblemHttpResult)ApiProblems.From(UserError.Validation("billrun.invalid-period", request?.Period ?? ""), http);
            }
            if (await runner.RefuseAsync(period.Value, cancellationToken) is { } error)
            {
                return (ProblemHttpResult)ApiProblems.From(error, http);
            }
            var run = await RequestAsync(db, clock, period.Value, cancellationToken);
            worker.Wake();
            return TypedResults.Accepted($"/api/v1/bill-runs/{run.Id}", await ViewAsync(db, run, cancellationToken));
        })
        .Accepts<StartBillRunRequest>("application/json")
        .WithName("StartBillRun")
        .WithSummary("Bill a period that has ended, in the background; the same period returns the same run")
        .RequireScope(ApiScope.Billing);

        // The id is read as text, like every other resource's: the path says nothing of how ids are made.
        api.MapGet("/bill-runs/{id}", async Task<Results<Ok<BillRunView>, ProblemHttpResult>> (string id, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (Refusal(http) is { } refused)
            {
                return refused;
            }
            var run = long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var runId)
                ? await db.BillRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
                : null;
            return run is null
                ? (ProblemHttpResult)ApiProblems.From(UserError.NotFound("billrun.not-found", id), http)
                : TypedResults.Ok(await ViewAsync(db, run, cancellationToken));
        }).WithName("GetBillRun").WithSummary("A bill run's status and progress: accounts billed so far of all, invoices, totals").RequireScope(ApiScope.Read);

        api.MapGet("/bill-runs", async Task<Results<Ok<ApiPage<BillRunView>>, ProblemHttpResult>> (int? limit, string? after, FacturoDbContext db, HttpContext http,
            CancellationToken cancellationToken) =>
        {
            if (Refusal(http) is { } refused)
            {
                return refused;
            }
            if (limit is < 1 or > ApiCursor.MaximumLimit)
            {
                return (ProblemHttpResult)ApiProblems.From(UserError.Validation("list.parameter-invalid", "limit", $"1–{ApiCursor.MaximumLimit}"), http);
            }
            if (!ApiCursor.TryDecode(after, out var lastId))
            {
                return (ProblemHttpResult)ApiProblems.From(UserError.Validation("list.parameter-invalid", "after", "nextCursor"), http);
            }
            var take = limit ?? ApiCursor.DefaultLimit;
            var runs = await db.BillRuns.AsNoTracking().Where(r => r.Id > lastId).OrderBy(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
            var views = new List<BillRunView>();
            foreach (var run in runs)
            {
                views.Add(await ViewAsync(db, run, cancellationToken));
            }
            return TypedResults.Ok(ApiCursor.Page(views, take, v => v.Id, v => v));
        }).WithName("ListBillRuns").WithSummary("Bill runs, oldest first").RequireScope(ApiScope.Read);
    }

    /// <summary>A bill run bills every account, so a key limited to some accounts neither starts nor reads one.</summary>
    private static ProblemHttpResult? Refusal(HttpContext http) =>
        ApiCaller.Of(http).Accounts is null ? null : (ProblemHttpResult)ApiProblems.From(UserError.Forbidden("billrun.key-limited-to-accounts"), http);

    /// <summary>The period's run, created as requested; a failed one is requested again. Two requests at once meet at the unique period.</summary>
    private static async Task<BillRun> RequestAsync(FacturoDbContext db, BillerClock clock, BillingPeriod period, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        if (await db.BillRuns.SingleOrDefaultAsync(r => r.Period == text, cancellationToken) is { } existing)
        {
            await db.BillRuns.Where(r => r.Id == existing.Id && r.Status == BillRunStatus.Failed)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, BillRunStatus.Requested), cancellationToken);
            return await db.BillRuns.AsNoTracking().SingleAsync(r => r.Id == existing.Id, cancellationToken);
        }
        var run = new BillRun { Period = text, Status = BillRunStatus.Requested, IssueDate = clock.Today, StartedAt = clock.UtcNow };
        db.BillRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return run;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.BillRuns.AsNoTracking().SingleAsync(r => r.Period == text, cancellationToken);
        }
    }

    private static async Task<BillRunView> ViewAsync(FacturoDbContext db, BillRun run, CancellationToken cancellationToken)
    {
        var period = BillingPeriod.Parse(run.Period);
        var (first, last) = (period.FirstDay, period.LastDay);
        var invoices = db.Invoices.Where(i => i.Period == run.Period);
        var totals = (await invoices.GroupBy(i => i.CurrencyCode).Select(g => new { Currency = g.Key, Cents = g.Sum(i => i.TotalCents), Count = g.Count() })
            .ToListAsync(cancellationToken)).OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();
        var invoiceCount = totals.Sum(t => t.Count);
        var statementCount = await db.Statements.CountAsync(s => s.Period == run.Period, cancellationToken);
        var toBill = run.Status == BillRunStatus.Completed
            ? invoiceCount + statementCount
            // What the run's batches select, plus what they already billed: the same count before, during and after.
            : await db.Accounts.CountAsync(a => db.Charges.Any(c => c.AccountId == a.Id && c.ServiceDate >= first && c.ServiceDate <= last)
                || db.Invoices.Any(i => i.AccountId == a.Id && i.Period == run.Period), cancellationToken)
              + await db.Accounts.CountAsync(a => (a.Program == BillingProgram.SmallBusiness && a.Status == AccountStatus.Active)
                || db.Orders.Any(o => o.AccountId == a.Id && o.PaymentMethod != PaymentMethod.OnAccount && o.OrderDate >= first && o.OrderDate <= last)
                || db.Statements.Any(s => s.AccountId == a.Id && s.Period == run.Period), cancellationToken);
        var status = run.Status switch
        {
            BillRunStatus.Completed => "completed",
            BillRunStatus.Failed => "failed",
            _ => "running",
        };
        return new BillRunView(run.Id, run.Period, status, invoiceCount + statementCount, toBill, invoiceCount, statementCount,
            totals.Select(t => new BillRunTotalView(t.Currency, new ApiAmount(t.Cents))).ToList(), run.StartedAt, run.CompletedAt);
    }
}
