using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Accounts;

public sealed record AgingView(ApiAmount Current, ApiAmount Days1To30, ApiAmount Days31To60, ApiAmount Days61To90, ApiAmount Over90);
public sealed record OpenInvoiceView(string Number, DateOnly DueDate, ApiAmount Balance);
public sealed record AccountView(
    string CustomerNumber, string LegalName, string? Province, string Country, string Region, string Language, string Delivery, string Program, int CreditTermsDays, string Status,
    string Currency, ApiAmount Balance, ApiAmount TotalOverdue, AgingView Aging, IReadOnlyList<OpenInvoiceView> OpenInvoices);

/// <summary>An account as a list shows it: its details without the balances, which <c>GET /accounts/{customerNumber}</c> adds.</summary>
public sealed record AccountSummaryView(string CustomerNumber, string LegalName, string Country, string Region, string Language, string Delivery, string Program,
    int CreditTermsDays, string Status, string Currency, string BillingEmail);

public static class AccountsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", async Task<Results<Ok<ApiPage<AccountSummaryView>>, ProblemHttpResult>> (string? status, string? program, string? currency, string? after, string? limit,
            FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var page = ApiCursor.Read(after, limit);
            var (wantedStatus, wantedProgram) = (ApiFilters.OneOf<AccountStatus>(status, "status"), ApiFilters.OneOf<BillingProgram>(program, "program"));
            var currencyError = currency is null || Currency.TryParse(currency, out _) ? null : ApiFilters.Invalid("currency", currency, "CAD, USD");
            if ((page.Error ?? wantedStatus.Error ?? wantedProgram.Error ?? currencyError) is { } invalid)
            {
                return ApiProblems.From(invalid, http);
            }
            var accounts = db.Accounts.AsNoTracking().ReachableBy(ApiCaller.Of(http)).Where(a => a.Id > page.Value!.AfterId);
            if (wantedStatus.Value is { } s)
            {
                accounts = accounts.Where(a => a.Status == s);
            }
            if (wantedProgram.Value is { } p)
            {
                accounts = accounts.Where(a => a.Program == p);
            }
            if (currency is not null)
            {
                var code = Currency.Parse(currency.Trim().ToUpperInvariant()).Code;
                accounts = accounts.Where(a => a.CurrencyCode == code);
            }
            var rows = await accounts.OrderBy(a => a.Id).Take(page.Value!.RowsToRead).ToListAsync(cancellationToken);
            return TypedResults.Ok(ApiCursor.Page(rows, page.Value.Limit, a => a.Id, a => new AccountSummaryView(
                a.CustomerNumber, a.LegalName, a.Country, a.Region, a.Language.ToCode(), a.Delivery.ToString(), a.Program.ToString(), a.CreditTermsDays, a.Status.ToString(),
                a.CurrencyCode, a.BillingEmail)));
        }).WithName("ListAccounts").WithSummary("Accounts, oldest first, by status (Active, Cancelled), program and currency, a page at a time").RequireScope(ApiScope.Read);

        api.MapGet("/accounts/{customerNumber}", async Task<Results<Ok<AccountView>, ProblemHttpResult>> (string customerNumber, FacturoDbContext db, BillerClock clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            var account = await db.Accounts.AsNoTracking().ReachableBy(ApiCaller.Of(http)).SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken);
            return account is null
                ? ApiProblems.From(UserError.NotFound("account.not-found", customerNumber), http)
                : TypedResults.Ok(await ViewAsync(db, account, clock.Today, cancellationToken));
        }).WithName("GetAccount").WithSummary("An account with its balance, aging and open invoices").RequireScope(ApiScope.Read);
    }

    public static async Task<AccountView> ViewAsync(FacturoDbContext db, CustomerAccount account, DateOnly today, CancellationToken cancellationToken)
    {
        var receivable = await Receivables.ForAccountAsync(db, account.Id, account.Currency, today, cancellationToken);
        var aging = receivable.Aging;
        return new AccountView(
            account.CustomerNumber, account.LegalName, account.Province?.ToString(), account.Country, account.Region, account.Language.ToCode(), account.Delivery.ToString(),
            account.Program.ToString(), account.CreditTermsDays, account.Status.ToString(), account.CurrencyCode,
            ApiAmount.Of(receivable.Balance), ApiAmount.Of(aging.Overdue),
            new AgingView(ApiAmount.Of(aging.Current), ApiAmount.Of(aging.Days1To30), ApiAmount.Of(aging.Days31To60), ApiAmount.Of(aging.Days61To90), ApiAmount.Of(aging.Over90)),
            receivable.OpenInvoices.Select(o => new OpenInvoiceView(Invoice.FormatNumber(o.InvoiceId), o.DueDate, ApiAmount.Of(o.Balance))).ToList());
    }
}
