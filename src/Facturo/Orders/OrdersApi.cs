using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Orders;

public sealed record OrderLineView(int Line, string Category, string Description, decimal Quantity, ApiAmount UnitPrice, ApiAmount Amount, string? Destination);

/// <summary>
/// An order as placed. <paramref name="Settlement"/> BillOnNextInvoice: its lines wait for the period's invoice, named in
/// <paramref name="Invoice"/> once billed. PayAtCreation: taxed and paid when placed, <paramref name="PaidWith"/> says how.
/// </summary>
public sealed record OrderView(long Id, string CustomerNumber, string Channel, string PaymentMethod, string? ExternalReference, DateOnly OrderDate, DateTimeOffset PlacedAt,
    string Currency, ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total, string Settlement, string? PaidWith, string? Invoice, IReadOnlyList<OrderLineView> Lines);

/// <summary>Orders read back: one by its id, or a list filtered by account, external reference and order date.</summary>
public static class OrdersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/orders/{id}", async Task<Results<Ok<OrderView>, ProblemHttpResult>> (string id, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var reachable = db.Accounts.ReachableBy(ApiCaller.Of(http));
            var order = long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var orderId)
                ? await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.Id == orderId && reachable.Any(a => a.Id == o.AccountId)).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (order is null)
            {
                return ApiProblems.From(UserError.NotFound("order.not-found", id), http);
            }
            return TypedResults.Ok((await ViewsAsync(db, [order], cancellationToken)).Single());
        }).WithName("GetOrder").WithSummary("An order: its lines, its taxes when paid at creation, how it is settled, and its invoice once billed").RequireScope(ApiScope.Read);

        api.MapGet("/orders", async Task<Results<Ok<ApiPage<OrderView>>, ProblemHttpResult>> (string? account, string? externalReference, string? from, string? to, string? after, string? limit,
            FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var page = ApiCursor.Read(after, limit);
            var (since, until) = (ApiFilters.Date(from, "from"), ApiFilters.Date(to, "to"));
            if ((page.Error ?? since.Error ?? until.Error) is { } invalid)
            {
                return ApiProblems.From(invalid, http);
            }
            var accounts = db.Accounts.ReachableBy(ApiCaller.Of(http));
            if (account is not null)
            {
                accounts = accounts.Where(a => a.CustomerNumber == account);
            }
            var query = db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.Id > page.Value!.AfterId && accounts.Any(a => a.Id == o.AccountId));
            if (externalReference is not null)
            {
                query = query.Where(o => o.ExternalReference == externalReference);
            }
            if (since.Value is { } first)
            {
                query = query.Where(o => o.OrderDate >= first);
            }
            if (until.Value is { } last)
            {
                query = query.Where(o => o.OrderDate <= last);
            }
            var rows = await query.OrderBy(o => o.Id).Take(page.Value!.RowsToRead).AsSplitQuery().ToListAsync(cancellationToken);
            var views = (await ViewsAsync(db, rows, cancellationToken)).ToDictionary(v => v.Id);
            return TypedResults.Ok(ApiCursor.Page(rows, page.Value.Limit, o => o.Id, o => views[o.Id]));
        }).WithName("ListOrders").WithSummary("Orders, oldest first, by account, external reference and order date (from, to: yyyy-MM-dd), a page at a time").RequireScope(ApiScope.Read);
    }

    /// <summary>The orders with their customer numbers and, for those billed, the invoice that carried their charges.</summary>
    private static async Task<IReadOnlyList<OrderView>> ViewsAsync(FacturoDbContext db, IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        var orderIds = orders.Select(o => o.Id).ToList();
        var accountIds = orders.Select(o => o.AccountId).Distinct().ToList();
        var numbers = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.CustomerNumber, cancellationToken);
        var invoices = (await (
                from charge in db.Charges
                join line in db.InvoiceLines on charge.Id equals line.ChargeId
                where charge.OrderId != null && orderIds.Contains(charge.OrderId.Value)
                select new { OrderId = charge.OrderId!.Value, line.InvoiceId })
            .Distinct().ToListAsync(cancellationToken))
            .GroupBy(b => b.OrderId).ToDictionary(g => g.Key, g => g.Min(b => b.InvoiceId));
        return orders.Select(o => new OrderView(
            o.Id, numbers[o.AccountId], o.Channel.ToString(), o.PaymentMethod.ToString(), o.ExternalReference, o.OrderDate, o.PlacedAt, o.CurrencyCode,
            new ApiAmount(o.SubtotalCents), new ApiAmount(o.TaxCents), new ApiAmount(o.TotalCents),
            (o.PaymentMethod == PaymentMethod.OnAccount ? OrderSettlement.BillOnNextInvoice : OrderSettlement.PayAtCreation).ToString(),
            o.PaymentMethod switch
            {
                PaymentMethod.Card => $"{o.CardBrand} ****{o.CardLast4}",
                PaymentMethod.SupplierAccount => $"Supplier account {o.SupplierAccountNumber}",
                _ => null,
            },
            invoices.TryGetValue(o.Id, out var invoiceId) ? Invoice.FormatNumber(invoiceId) : null,
            o.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineView(l.LineNumber, l.Category.ToString(), l.Description, l.Quantity,
                new ApiAmount(l.UnitPriceCents), new ApiAmount(l.AmountCents), l.Destination)).ToList())).ToList();
    }
}
