using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

public sealed record AgingView(decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Over90);
public sealed record OpenInvoiceView(string Number, DateOnly DueDate, decimal Balance);
public sealed record AccountView(
    string CustomerNumber, string LegalName, string? Province, string Country, string Region, string Language, string Delivery, string Program, int CreditTermsDays, string Status,
    string Currency, decimal Balance, decimal TotalOverdue, AgingView Aging, IReadOnlyList<OpenInvoiceView> OpenInvoices);
public sealed record InvoiceSummaryView(string Number, string Period, DateOnly IssueDate, DateOnly DueDate, decimal Total);

public static class AccountsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts/{customerNumber}", async Task<Results<Ok<AccountView>, ProblemHttpResult>> (string customerNumber, FacturoDbContext db, BillerClock clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            var account = !ApiCaller.Of(http).MayReach(customerNumber) ? null : await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
            if (account is null)
            {
                return ApiProblems.From(UserError.NotFound("account.not-found", customerNumber), http);
            }
            var receivable = await Receivables.ForAccountAsync(db, account.Id, account.Currency, clock.Today, cancellationToken);
            var aging = receivable.Aging;
            return TypedResults.Ok(new AccountView(
                account.CustomerNumber, account.LegalName, account.Province?.ToString(), account.Country, account.Region, account.Language.ToCode(), account.Delivery.ToString(),
                account.Program.ToString(), account.CreditTermsDays, account.Status.ToString(), account.CurrencyCode,
                receivable.Balance.ToDecimal(), aging.Overdue.ToDecimal(),
                new AgingView(aging.Current.ToDecimal(), aging.Days1To30.ToDecimal(), aging.Days31To60.ToDecimal(), aging.Days61To90.ToDecimal(), aging.Over90.ToDecimal()),
                receivable.OpenInvoices.Select(o => new OpenInvoiceView(Invoice.FormatNumber(o.InvoiceId), o.DueDate, o.Balance.ToDecimal())).ToList()));
        }).WithName("GetAccount").RequireScope(ApiScope.Read);

        api.MapGet("/accounts/{customerNumber}/invoices", async Task<Results<Ok<List<InvoiceSummaryView>>, ProblemHttpResult>> (string customerNumber, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var account = !ApiCaller.Of(http).MayReach(customerNumber) ? null : await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
            if (account is null)
            {
                return ApiProblems.From(UserError.NotFound("account.not-found", customerNumber), http);
            }
            var invoices = await db.Invoices.AsNoTracking()
                .Where(i => i.AccountId == account.Id)
                .OrderByDescending(i => i.Id)
                .Select(i => new { i.Id, i.Period, i.IssueDate, i.DueDate, i.TotalCents })
                .Take(200)
                .ToListAsync(cancellationToken);
            return TypedResults.Ok(invoices.Select(i => new InvoiceSummaryView(Invoice.FormatNumber(i.Id), i.Period, i.IssueDate, i.DueDate, i.TotalCents / 100m)).ToList());
        }).WithName("ListInvoices").RequireScope(ApiScope.Read);
    }
}
