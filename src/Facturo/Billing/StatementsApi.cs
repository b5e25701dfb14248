using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>One order paid when it was placed, as the statement lists it.</summary>
public sealed record StatementLineView(int Line, long OrderId, DateOnly OrderDate, string Channel, string PaymentMethod, ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total);

/// <summary>
/// A small-business account's monthly statement of charges: the orders it paid when it placed them. Not an invoice:
/// nothing is due. The same statement the portal shows at /statements/{number}.
/// </summary>
public sealed record StatementView(string Number, string CustomerNumber, string CustomerName, string Period, DateOnly IssueDate, string Currency,
    ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total, IReadOnlyList<StatementLineView> Lines);

public static class StatementsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/statements", async Task<Results<Ok<ApiPage<StatementView>>, ProblemHttpResult>> (string? account, string? period, string? after, string? limit,
            FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var page = ApiCursor.Read(after, limit);
            var periodError = period is null || BillingPeriod.TryParse(period, out _) ? null : ApiFilters.Invalid("period", period, "yyyy-MM");
            if ((page.Error ?? periodError) is { } invalid)
            {
                return ApiProblems.From(invalid, http);
            }
            var accounts = db.Accounts.ReachableBy(ApiCaller.Of(http));
            if (account is not null)
            {
                accounts = accounts.Where(a => a.CustomerNumber == account);
            }
            var statements = db.Statements.AsNoTracking().Include(s => s.Lines).Where(s => s.Id > page.Value!.AfterId && accounts.Any(a => a.Id == s.AccountId));
            if (period is not null)
            {
                statements = statements.Where(s => s.Period == period);
            }
            var rows = await statements.OrderBy(s => s.Id).Take(page.Value!.RowsToRead).AsSplitQuery().ToListAsync(cancellationToken);
            return TypedResults.Ok(ApiCursor.Page(rows, page.Value.Limit, s => s.Id, ToView));
        }).WithName("ListStatements").WithSummary("Statements of charges, oldest first, by account and period (yyyy-MM), a page at a time").RequireScope(ApiScope.Read);

        api.MapGet("/statements/{number}", async Task<Results<Ok<StatementView>, ProblemHttpResult>> (string number, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var reachable = db.Accounts.ReachableBy(ApiCaller.Of(http));
            var statement = Statement.TryParseNumber(number, out var id)
                ? await db.Statements.AsNoTracking().Include(s => s.Lines).Where(s => s.Id == id && reachable.Any(a => a.Id == s.AccountId)).SingleOrDefaultAsync(cancellationToken)
                : null;
            return statement is null ? ApiProblems.From(UserError.NotFound("statement.not-found", number), http) : TypedResults.Ok(ToView(statement));
        }).WithName("GetStatement").WithSummary("A statement of charges with the orders it lists").RequireScope(ApiScope.Read);
    }

    private static StatementView ToView(Statement s) => new(
        s.Number, s.CustomerNumber, s.CustomerLegalName, s.Period, s.IssueDate, s.CurrencyCode, new ApiAmount(s.SubtotalCents), new ApiAmount(s.TaxCents), new ApiAmount(s.TotalCents),
        s.Lines.OrderBy(l => l.LineNumber).Select(l => new StatementLineView(l.LineNumber, l.OrderId, l.OrderDate, l.Channel.ToString(), l.PaymentMethod.ToString(),
            new ApiAmount(l.SubtotalCents), new ApiAmount(l.TaxCents), new ApiAmount(l.TotalCents))).ToList());
}
