using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Facturo.Accounts;
using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Facturo.Payments;

/// <summary>
/// A payment an integration reports or asks for. <c>eft</c> and <c>cheque</c>: money already received (<paramref name="ReceivedOn"/>,
/// the bank's or cheque's <paramref name="Reference"/>). <c>debit</c>: a pre-authorized debit from <paramref name="BankAccountId"/>
/// under the agreement its owner signed. Either pays the <paramref name="Invoices"/> named, or the oldest due first.
/// </summary>
public sealed record RecordPaymentRequest(
    [property: MaxLength(6)] string? Method,
    [property: MaxLength(20)] string? CustomerNumber,
    ApiAmount? Amount,
    [property: MaxLength(3)] string? Currency,
    DateOnly? ReceivedOn,
    [property: MaxLength(64)] string? Reference,
    [property: MaxLength(RecordPayment.MaximumInvoices), ItemMaxLength(20)] IReadOnlyList<string>? Invoices,
    long? BankAccountId);

/// <summary>
/// POST /payments: records an EFT or cheque received (<see cref="Receipts"/>) or submits a debit (<see cref="SubmitPayment"/>),
/// so what the back office and the portal check, lock and post is what an integration gets; this file only reads the request.
/// </summary>
public sealed class RecordPayment(FacturoDbContext db, Receipts receipts, SubmitPayment debits, BillerClock clock)
{
    public const int MaximumInvoices = 100;

    /// <summary>A receipt dated further back is a typo (2062 for 2026, a wrong year), not a late cheque.</summary>
    public const int OldestReceiptDays = 366;

    public async Task<Outcome<PaymentView>> HandleAsync(RecordPaymentRequest request, ApiCaller caller, string? idempotencyKey, Language language, CancellationToken cancellationToken)
    {
        if (Validate(request, clock.Today) is { } invalid)
        {
            return invalid;
        }
        var number = request.CustomerNumber!.Trim();
        var account = caller.MayReach(number) ? await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == number, cancellationToken) : null;
        if (account is null)
        {
            return UserError.NotFound("account.not-found", number);
        }
        if (request.Currency != account.CurrencyCode)
        {
            return UserError.Validation("receipts.currency-mismatch", account.CustomerNumber, account.CurrencyCode);
        }
        var invoiceIds = (request.Invoices ?? []).Select(n => DocumentNumbers.TryParse(n, "F", out var id) ? id : 0).ToList();
        if (invoiceIds.IndexOf(0) is var bad and >= 0)
        {
            return UserError.Validation("payments.invoice-not-open", request.Invoices![bad] ?? "null");
        }
        if (request.Method == "debit")
        {
            var debit = await DebitAsync(request, account, caller, idempotencyKey, cancellationToken);
            return debit.Succeeded ? await PaymentViews.OfDebitAsync(db, debit.Value!.Id, language, cancellationToken) : debit.Error!;
        }
        var entry = new ReceiptEntry(request.Method == "eft" ? ReceiptMethod.Eft : ReceiptMethod.Cheque, request.Amount!.Value.Cents, account.CurrencyCode,
            request.ReceivedOn!.Value, "", request.Reference!, CustomerNumber: account.CustomerNumber);
        var receipt = await receipts.RecordForAccountAsync(entry, account, invoiceIds, $"API key {caller.KeyName} (#{caller.KeyId})", cancellationToken);
        return receipt.Succeeded ? await PaymentViews.OfReceiptAsync(db, receipt.Value!.Id, cancellationToken) : receipt.Error!;
    }

    /// <summary>
    /// A debit goes through the portal's own submission, as the person who signed the bank account's agreement for portal payments:
    /// they are the one told by email, and a debit is refused for the same reasons as in the portal.
    /// </summary>
    private async Task<Outcome<Payment>> DebitAsync(RecordPaymentRequest request, CustomerAccount account, ApiCaller caller, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var bank = await PaymentViews.BankAccountsOf(db, account.Id).SingleOrDefaultAsync(b => b.Id == request.BankAccountId, cancellationToken);
        if (bank is null)
        {
            return UserError.NotFound("payments.bank-account-not-found");
        }
        var agreement = await db.DebitAuthorizations.AsNoTracking()
            .Where(a => a.BankAccountId == bank.Id && a.CancelledAt == null && a.Scope == DebitScope.PortalPayments)
            .Join(db.Users.Where(u => u.EnterpriseId == bank.EnterpriseId && u.RemovedAt == null), a => a.AcceptedByUserId, u => u.Id, (a, u) => new { a.Id, Signer = u })
            .FirstOrDefaultAsync(cancellationToken);
        if (agreement is null || Payers.Refuse(agreement.Signer) is not null)
        {
            return UserError.Validation("payments.no-agreement", bank.Masked);
        }
        // The payment row's own key keeps a retry from debiting twice even apart from the Idempotency-Key filter; per API key, so two integrations never share one.
        var key = idempotencyKey is { Length: > 0 }
            ? $"api-{caller.KeyId}-{Secrets.Sha256Hex(idempotencyKey)[..40]}"
            : $"api-{Guid.NewGuid():N}";
        return await debits.SubmitAsync(agreement.Signer, new PaymentRequest(account.CustomerNumber, request.Invoices ?? [], request.Amount?.In(account.Currency),
            bank.Id, false, key, "api", agreement.Id, DebitOrigin.Integration), cancellationToken);
    }

    /// <summary>The request's shape, before anything is read: every refusal here changes nothing.</summary>
    public static UserError? Validate(RecordPaymentRequest request, DateOnly today)
    {
        if (request.Method is not ("eft" or "cheque" or "debit"))
        {
            return UserError.Validation("payments.method", request.Method ?? "");
        }
        if (string.IsNullOrWhiteSpace(request.CustomerNumber))
        {
            return UserError.NotFound("account.not-found", "");
        }
        if (request.Currency is not ("CAD" or "USD"))
        {
            return UserError.Validation("receipts.currency", request.Currency ?? "");
        }
        if (request.Amount is { Cents: <= 0 })
        {
            return UserError.Validation("receipts.amount-positive");
        }
        if (request.Invoices is { Count: > MaximumInvoices })
        {
            return UserError.Validation("request.invalid-body");
        }
        if (request.Method == "debit")
        {
            if (request.BankAccountId is null)
            {
                return UserError.NotFound("payments.bank-account-not-found");
            }
            // As in the portal: invoices named are paid whole, an amount goes to the oldest due first; both at once would contradict each other.
            return (request.Amount is null) == (request.Invoices is not { Count: > 0 }) ? UserError.Validation("payments.debit-invoices-or-amount") : null;
        }
        if (request.Amount is null)
        {
            return UserError.Validation("receipts.amount-positive");
        }
        if (request.ReceivedOn is not { } received || received > today)
        {
            return UserError.Validation("payments.received-on", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (received < today.AddDays(-OldestReceiptDays))
        {
            return UserError.Validation("payments.received-too-long-ago", received.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), OldestReceiptDays);
        }
        return string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Trim().Length > 64 ? UserError.Validation("receipts.bank-reference") : null;
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/payments", async Task<Results<Created<PaymentView>, ProblemHttpResult>> (HttpContext http, RecordPayment handler, IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        {
            var read = await ReadAsync(http, json.Value.SerializerOptions, cancellationToken);
            if (!read.Succeeded)
            {
                return (ProblemHttpResult)ApiProblems.From(read.Error!, http);
            }
            var outcome = await handler.HandleAsync(read.Value!, ApiCaller.Of(http), http.Request.Headers["Idempotency-Key"].ToString(), ApiProblems.LanguageOf(http), cancellationToken);
            return outcome.Succeeded
                ? TypedResults.Created($"/api/v1/payments/{outcome.Value!.Id}", outcome.Value)
                : (ProblemHttpResult)ApiProblems.From(outcome.Error!, http);
        })
        .Accepts<RecordPaymentRequest>("application/json")
        .WithName("RecordPayment")
        .WithSummary("Record an EFT or cheque received, or submit a pre-authorized debit")
        .RequireScope(ApiScope.Payments);

    /// <summary>Read here rather than bound, so an amount sent as a JSON number or with three decimals gets its own code.</summary>
    private static async Task<Outcome<RecordPaymentRequest>> ReadAsync(HttpContext http, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<RecordPaymentRequest>(http.Request.Body, options, cancellationToken) is { } request
                ? request
                : new UserError("request.invalid-body", StatusCodes.Status400BadRequest);
        }
        catch (JsonException malformed) when (malformed.Path == "$.amount")
        {
            return UserError.Validation("payments.amount-format");
        }
        catch (JsonException)
        {
            return new UserError("request.invalid-body", StatusCodes.Status400BadRequest);
        }
    }
}
