using Facturo.Accounts;
using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>
/// A line and how it was taxed: <paramref name="PlaceOfSupply"/> "CA-ON" or a country ("US"); <paramref name="Taxes"/> the
/// taxes it bore ("GST", "PST-BC"); <paramref name="OutsideCanada"/> why it bore none when supplied outside Canada
/// ("ExportedFreight", "ServiceToNonResident", "PropertyOutsideCanada"); the exemption
/// certificates that relieved it of a tax.
/// </summary>
public sealed record InvoiceLineView(int Line, string Category, string Description, decimal Quantity, ApiAmount UnitPrice, ApiAmount Amount,
    string PlaceOfSupply, IReadOnlyList<string> Taxes, string? OutsideCanada, IReadOnlyList<string> ExemptionCertificates);

/// <summary>One tax of one jurisdiction: <paramref name="Tax"/> GST, HST, QST or PST; <paramref name="Code"/> with its province ("HST-NS"); the rate, the sum of the lines that bore it, the tax.</summary>
public sealed record InvoiceTaxView(string Tax, string Code, string? Province, decimal Rate, ApiAmount Base, ApiAmount Amount);

/// <summary>Money that paid the invoice down: <paramref name="Method"/> "debit" (pre-authorized), "eft", "wire", "cheque" or "cash", on the biller's date.</summary>
public sealed record AppliedPaymentView(DateOnly Date, string Method, ApiAmount Amount, string Reference);

public sealed record CreditNoteSummaryView(string Number, DateOnly IssueDate, string Reason, ApiAmount Total);

/// <summary>
/// A finalised invoice. <paramref name="Status"/>: open, partly-paid, overdue, debit-in-progress or paid, as the portal shows it;
/// <paramref name="Balance"/> what is still owed after payments and credit notes.
/// </summary>
public sealed record InvoiceView(
    string Number, string CustomerNumber, string CustomerName, string Period, DateOnly IssueDate, DateOnly DueDate, string Currency,
    ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total, string Status, ApiAmount Balance, string BillerName, string BillerGstHstNumber, string? BillerQstNumber,
    IReadOnlyList<InvoiceLineView> Lines, IReadOnlyList<InvoiceTaxView> Taxes, IReadOnlyList<AppliedPaymentView> PaymentsApplied, IReadOnlyList<CreditNoteSummaryView> CreditNotes);

public sealed record InvoiceSummaryView(string Number, string CustomerNumber, string Period, DateOnly IssueDate, DateOnly DueDate, string Currency,
    ApiAmount Subtotal, ApiAmount Tax, ApiAmount Total, string Status, ApiAmount Balance);

public static class InvoicesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/invoices", async Task<Results<Ok<ApiPage<InvoiceSummaryView>>, ProblemHttpResult>> (string? account, string? status, string? period, string? issuedFrom, string? issuedTo,
            string? after, string? limit, FacturoDbContext db, BillerClock clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            var page = ApiCursor.Read(after, limit);
            var wanted = ApiFilters.OneOf<InvoiceStatus>(status, "status");
            var (from, to) = (ApiFilters.Date(issuedFrom, "issuedFrom"), ApiFilters.Date(issuedTo, "issuedTo"));
            if ((page.Error ?? wanted.Error ?? from.Error ?? to.Error ?? PeriodError(period)) is { } invalid)
            {
                return ApiProblems.From(invalid, http);
            }
            var accounts = db.Accounts.ReachableBy(ApiCaller.Of(http));
            if (account is not null)
            {
                accounts = accounts.Where(a => a.CustomerNumber == account);
            }
            var invoices = db.Invoices.AsNoTracking().Where(i => i.Id > page.Value!.AfterId && accounts.Any(a => a.Id == i.AccountId));
            if (period is not null)
            {
                invoices = invoices.Where(i => i.Period == period);
            }
            if (from.Value is { } first)
            {
                invoices = invoices.Where(i => i.IssueDate >= first);
            }
            if (to.Value is { } last)
            {
                invoices = invoices.Where(i => i.IssueDate <= last);
            }
            var today = clock.Today;
            var standing = invoices.WithStanding(db);
            if (wanted.Value is { } filter)
            {
                standing = standing.WhereStatus(filter, today);
            }
            var rows = await standing.OrderBy(s => s.Id).Take(page.Value!.RowsToRead).ToListAsync(cancellationToken);
            var ids = rows.Select(r => r.Id).ToList();
            var found = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
            return TypedResults.Ok(ApiCursor.Page(rows, page.Value.Limit, r => r.Id, r =>
            {
                var i = found[r.Id];
                return new InvoiceSummaryView(i.Number, i.CustomerNumber, i.Period, i.IssueDate, i.DueDate, i.CurrencyCode,
                    new ApiAmount(i.SubtotalCents), new ApiAmount(i.TaxCents), new ApiAmount(i.TotalCents), r.Status(i.CurrencyCode, today).ToCode(), new ApiAmount(r.BalanceCents));
            }));
        }).WithName("ListInvoices").WithSummary("Invoices, oldest first, by account, status, period (yyyy-MM) and issue date (issuedFrom, issuedTo), a page at a time").RequireScope(ApiScope.Read);

        api.MapGet("/invoices/{number}", async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> (string number, FacturoDbContext db, BillerClock clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            var invoice = await FindAsync(db, number, withLines: true, http, cancellationToken);
            return invoice is null ? ApiProblems.From(UserError.NotFound("invoice.not-found", number), http) : TypedResults.Ok(await ViewAsync(db, clock, invoice, cancellationToken));
        }).WithName("GetInvoice").WithSummary("An invoice with its lines, taxes, status, balance, the payments applied to it and its credit notes").RequireScope(ApiScope.Read);

        api.MapGet("/invoices/{number}/pdf", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string number, string? language, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var documentLanguage = language switch
            {
                null => ApiProblems.LanguageOf(http),
                "fr" => Language.Fr,
                "en" => Language.En,
                _ => (Language?)null,
            };
            if (documentLanguage is null)
            {
                return ApiProblems.From(ApiFilters.Invalid("language", language!, "fr, en"), http);
            }
            var invoice = await FindAsync(db, number, withLines: true, http, cancellationToken);
            if (invoice is null)
            {
                return ApiProblems.From(UserError.NotFound("invoice.not-found", number), http);
            }
            var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
            var pdf = Documents.InvoicePdf.Render(Portal.PortalDocuments.ModelOf(invoice, biller), Portal.PortalDocuments.DocumentLanguageOf(documentLanguage.Value));
            return TypedResults.File(pdf, "application/pdf", $"{invoice.Number}.pdf");
        }).WithName("GetInvoicePdf").Produces<Stream>(StatusCodes.Status200OK, "application/pdf").WithSummary("The invoice's PDF, the same the portal serves, in French or English (language=fr|en; the caller's language when left out)").RequireScope(ApiScope.Read);

        api.MapPost("/invoices/{number}/credit-notes", async Task<Results<Created<CreditNoteView>, ProblemHttpResult>> (string number, IssueCreditNoteRequest request, IssueCreditNote handler,
            FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var invoice = await FindAsync(db, number, withLines: false, http, cancellationToken);
            if (invoice is null)
            {
                return ApiProblems.From(UserError.NotFound("invoice.not-found", number), http);
            }
            var outcome = await handler.HandleAsync(invoice.Id, request, cancellationToken);
            if (!outcome.Succeeded)
            {
                return ApiProblems.From(outcome.Error!, http);
            }
            var note = await CreditNotesApi.FindAsync(db, outcome.Value!.Number, http, cancellationToken);
            return TypedResults.Created($"/api/v1/credit-notes/{note!.Number}", CreditNotesApi.ToView(note, invoice.CustomerNumber));
        }).WithName("IssueCreditNote").WithSummary("Credits part or all of an invoice's lines before tax; the taxes they bore are given back").RequireScope(ApiScope.Billing);

        api.MapGet("/invoices/{number}/credit-notes", async Task<Results<Ok<IReadOnlyList<CreditNoteView>>, ProblemHttpResult>> (string number, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var invoice = await FindAsync(db, number, withLines: false, http, cancellationToken);
            if (invoice is null)
            {
                return ApiProblems.From(UserError.NotFound("invoice.not-found", number), http);
            }
            // An invoice's credit notes are few: they can never credit more than its lines.
            var notes = await db.CreditNotes.AsNoTracking().Include(n => n.Lines).Include(n => n.Taxes).Where(n => n.InvoiceId == invoice.Id).OrderBy(n => n.Id).ToListAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<CreditNoteView>>(notes.Select(n => CreditNotesApi.ToView(n, invoice.CustomerNumber)).ToList());
        }).WithName("ListInvoiceCreditNotes").WithSummary("The credit notes of an invoice, oldest first").RequireScope(ApiScope.Read);
    }

    /// <summary>The invoice of that number if the key reaches its account; <c>null</c> otherwise, so both answer the same 404.</summary>
    private static async Task<Invoice?> FindAsync(FacturoDbContext db, string number, bool withLines, HttpContext http, CancellationToken cancellationToken)
    {
        if (TryParseNumber(number) is not { } id)
        {
            return null;
        }
        var query = db.Invoices.AsNoTracking().Where(i => i.Id == id);
        var invoice = withLines ? await query.Include(i => i.Lines).Include(i => i.Taxes).SingleOrDefaultAsync(cancellationToken) : await query.SingleOrDefaultAsync(cancellationToken);
        return invoice is not null && ApiCaller.Of(http).MayReach(invoice.CustomerNumber) ? invoice : null;
    }

    private static UserError? PeriodError(string? period) =>
        period is null || BillingPeriod.TryParse(period, out _) ? null : ApiFilters.Invalid("period", period, "yyyy-MM");

    /// <summary>Accepts the printed number (F000000042) or the bare number (42).</summary>
    public static long? TryParseNumber(string number)
    {
        var digits = number.StartsWith('F') || number.StartsWith('f') ? number[1..] : number;
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    private static async Task<InvoiceView> ViewAsync(FacturoDbContext db, BillerClock clock, Invoice i, CancellationToken cancellationToken)
    {
        var standing = await db.Invoices.Where(x => x.Id == i.Id).WithStanding(db).SingleAsync(cancellationToken);
        var debits = await (
                from allocation in db.PaymentAllocations
                join payment in db.Payments on allocation.PaymentId equals payment.Id
                where allocation.InvoiceId == i.Id && payment.ReturnedAt == null
                select new { payment.Id, payment.SubmittedAt, allocation.AmountCents })
            .ToListAsync(cancellationToken);
        var receipts = await (
                from allocation in db.ReceiptAllocations
                join receipt in db.Receipts on allocation.ReceiptId equals receipt.Id
                where allocation.InvoiceId == i.Id
                select new { receipt.Id, receipt.Method, receipt.ReceivedOn, allocation.AmountCents })
            .ToListAsync(cancellationToken);
        var applied = debits.Select(d => new AppliedPaymentView(DateOnly.FromDateTime(clock.Local(d.SubmittedAt).DateTime), "debit", new ApiAmount(d.AmountCents), Payments.PaymentReference.Format(d.Id)))
            .Concat(receipts.Select(r => new AppliedPaymentView(r.ReceivedOn, r.Method.ToString().ToLowerInvariant(), new ApiAmount(r.AmountCents), Payments.Receipt.FormatReference(r.Id))))
            .OrderBy(p => p.Date).ThenBy(p => p.Reference, StringComparer.Ordinal).ToList();
        var notes = await db.CreditNotes.AsNoTracking().Where(n => n.InvoiceId == i.Id).OrderBy(n => n.Id)
            .Select(n => new { n.Id, n.IssueDate, n.Reason, n.TotalCents }).ToListAsync(cancellationToken);
        return new InvoiceView(
            i.Number, i.CustomerNumber, i.CustomerLegalName, i.Period, i.IssueDate, i.DueDate, i.CurrencyCode,
            new ApiAmount(i.SubtotalCents), new ApiAmount(i.TaxCents), new ApiAmount(i.TotalCents), standing.Status(i.CurrencyCode, clock.Today).ToCode(), new ApiAmount(standing.BalanceCents),
            i.BillerLegalName, i.BillerGstHstNumber, i.BillerQstNumber,
            i.Lines.OrderBy(l => l.LineNumber).Select(l => new InvoiceLineView(l.LineNumber, l.Category.ToString(), l.Description, l.Quantity, new ApiAmount(l.UnitPriceCents), new ApiAmount(l.AmountCents),
                l.PlaceOfSupply, l.Taxes.Select(t => t.Code).ToList(), l.OutsideCanada?.ToString(), l.ExemptionCertificates?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])).ToList(),
            i.Taxes.OrderBy(t => t.Kind).ThenBy(t => t.Key.Province).Select(t => new InvoiceTaxView(t.Kind.ToString().ToUpperInvariant(), t.Code, t.Key.Province?.ToString(), t.Rate,
                new ApiAmount(t.BaseCents), new ApiAmount(t.AmountCents))).ToList(),
            applied,
            notes.Select(n => new CreditNoteSummaryView(CreditNote.FormatNumber(n.Id), n.IssueDate, n.Reason, new ApiAmount(n.TotalCents))).ToList());
    }
}
