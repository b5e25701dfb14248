using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using Facturo.Accounts;
using Facturo.Api;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

public sealed record PaymentInvoiceView(string Number, ApiAmount Amount);

/// <summary>Why the bank returned a debit: its code (CPA-005 "905", NACHA "R01") and what it means, in the caller's language.</summary>
public sealed record PaymentReturnView(string Code, string Reason, DateTimeOffset ReturnedAt);

public sealed record PaymentBankAccountView(long Id, string AccountNumber);

/// <summary>
/// A payment as an integration sees it. <c>id</c> is its reference: E… for money received (EFT, cheque, wire, cash), P… for a debit.
/// <c>status</c>: received; or, for a debit, submitted, sent_to_bank, settled, returned. <c>unapplied</c> is what pays no invoice yet.
/// </summary>
public sealed record PaymentView(string Id, string Method, string Status, string? CustomerNumber, ApiAmount Amount, string Currency, DateOnly? ReceivedOn,
    string? Reference, PaymentBankAccountView? BankAccount, DateTimeOffset RecordedAt, DateTimeOffset? SentAt, DateTimeOffset? SettledAt, PaymentReturnView? Return,
    ApiAmount Unapplied, IReadOnlyList<PaymentInvoiceView> Invoices);

/// <summary>A bank account a debit may come from: never its number, only the last four digits.</summary>
public sealed record BankAccountView(long Id, string HolderName, string Country, string Currency, string AccountNumber, bool DebitAgreement);

/// <summary>Reads payments for the API: one list over money received and debits, and one business's bank accounts.</summary>
public static class PaymentViews
{
    public static readonly IReadOnlyList<string> Statuses = ["received", "submitted", "sent_to_bank", "settled", "returned"];
    public static readonly IReadOnlyList<string> Methods = ["eft", "cheque", "wire", "cash", "debit"];

    /// <summary>The bank accounts of the businesses the customer account is linked to in the portal.</summary>
    public static IQueryable<BankAccount> BankAccountsOf(FacturoDbContext db, long accountId) =>
        db.BankAccounts.AsNoTracking().Where(b => b.RemovedAt == null && db.EnterpriseAccounts.Any(l => l.AccountId == accountId && l.EnterpriseId == b.EnterpriseId));

    public static async Task<PaymentView> OfReceiptAsync(FacturoDbContext db, long id, CancellationToken cancellationToken) =>
        (await ReceiptsAsync(db, db.Receipts.Where(r => r.Id == id), cancellationToken)).Single();

    public static async Task<PaymentView> OfDebitAsync(FacturoDbContext db, long id, Language language, CancellationToken cancellationToken) =>
        (await DebitsAsync(db, db.Payments.Where(p => p.Id == id), language, cancellationToken)).Single();

    private static async Task<List<PaymentView>> ReceiptsAsync(FacturoDbContext db, IQueryable<Receipt> query, CancellationToken cancellationToken)
    {
        var receipts = await query.AsNoTracking().Include(r => r.Allocations).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var numbers = await CustomerNumbersAsync(db, receipts.Select(r => r.AccountId), cancellationToken);
        return receipts.Select(r => new PaymentView(r.Reference, r.Method.ToString().ToLowerInvariant(), "received", r.AccountId is { } a ? numbers[a] : null,
            new ApiAmount(r.AmountCents), r.CurrencyCode, r.ReceivedOn, r.BankReference, null, r.RecordedAt, null, null, null,
            new ApiAmount(r.UnappliedCents), r.Allocations.OrderBy(x => x.Id).Select(x => new PaymentInvoiceView(Invoice.FormatNumber(x.InvoiceId), new ApiAmount(x.AmountCents))).ToList())).ToList();
    }

    private static async Task<List<PaymentView>> DebitsAsync(FacturoDbContext db, IQueryable<Payment> query, Language language, CancellationToken cancellationToken)
    {
        var debits = await query.AsNoTracking().Include(p => p.Allocations).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var numbers = await CustomerNumbersAsync(db, debits.Select(p => (long?)p.AccountId), cancellationToken);
        var bankIds = debits.Select(p => p.BankAccountId).Distinct().ToList();
        var banks = await db.BankAccounts.AsNoTracking().Where(b => bankIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Masked, cancellationToken);
        return debits.Select(p => new PaymentView(p.Reference, "debit", StatusOf(p.Status), numbers[p.AccountId], new ApiAmount(p.AmountCents), p.CurrencyCode, null, null,
            new PaymentBankAccountView(p.BankAccountId, banks[p.BankAccountId]), p.SubmittedAt, p.SentAt, p.SettledAt,
            p is { Status: PaymentStatus.Returned, ReturnCode: { } code, ReturnedAt: { } at } ? new PaymentReturnView(code, ReturnReasons.Describe(code, language == Language.Fr), at) : null,
            new ApiAmount(0), p.Allocations.OrderBy(x => x.InvoiceId).Select(x => new PaymentInvoiceView(Invoice.FormatNumber(x.InvoiceId), new ApiAmount(x.AmountCents))).ToList())).ToList();
    }

    private static string StatusOf(PaymentStatus status) => status switch
    {
        PaymentStatus.Submitted => "submitted",
        PaymentStatus.SentToBank => "sent_to_bank",
        PaymentStatus.Settled => "settled",
        _ => "returned",
    };

    private static async Task<Dictionary<long, string>> CustomerNumbersAsync(FacturoDbContext db, IEnumerable<long?> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.OfType<long>().Distinct().ToList();
        return await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.CustomerNumber, cancellationToken);
    }

    /// <summary>
    /// One page of the list: money received and debits, each in the order of its own ids, merged by when they were recorded.
    /// The cursor holds the last id shown of each, so a payment recorded between two pages is neither skipped nor repeated.
    /// </summary>
    public static async Task<ApiPage<PaymentView>> PageAsync(FacturoDbContext db, BillerClock clock, PaymentFilter filter, Language language, CancellationToken cancellationToken)
    {
        var receipts = new List<PaymentView>();
        var debits = new List<PaymentView>();
        if (filter.Status is null or "received" && filter.Method is not "debit")
        {
            var query = db.Receipts.Where(r => r.Id > filter.AfterReceipt);
            query = filter.AccountIds is { } ids ? query.Where(r => r.AccountId != null && ids.Contains(r.AccountId.Value)) : query;
            if (filter.Method is { } method)
            {
                var receiptMethod = Enum.Parse<ReceiptMethod>(method, ignoreCase: true);
                query = query.Where(r => r.Method == receiptMethod);
            }
            query = filter.From is { } from ? query.Where(r => r.ReceivedOn >= from) : query;
            query = filter.To is { } to ? query.Where(r => r.ReceivedOn <= to) : query;
            receipts = await ReceiptsAsync(db, query.OrderBy(r => r.Id).Take(filter.Limit + 1), cancellationToken);
        }
        if (filter.Status is not "received" && filter.Method is null or "debit")
        {
            var query = db.Payments.AsQueryable();
            query = filter.AccountIds is { } ids ? query.Where(p => ids.Contains(p.AccountId)) : query;
            if (filter.Status is { } status)
            {
                var debitStatus = Enum.GetValues<PaymentStatus>().Single(s => StatusOf(s) == status);
                query = query.Where(p => p.Status == debitStatus);
            }
            debits = await DebitsOnDaysAsync(db, query, filter, clock, language, cancellationToken);
        }
        var merged = new List<PaymentView>();
        var (r, d) = (0, 0);
        while (merged.Count < filter.Limit + 1 && (r < receipts.Count || d < debits.Count))
        {
            var takeReceipt = d == debits.Count || (r < receipts.Count && receipts[r].RecordedAt <= debits[d].RecordedAt);
            merged.Add(takeReceipt ? receipts[r++] : debits[d++]);
        }
        var page = merged.Take(filter.Limit).ToList();
        var next = merged.Count > filter.Limit
            ? PaymentCursor.Encode(LastId(page, 'E', filter.AfterReceipt), LastId(page, PaymentReference.Prefix, filter.AfterDebit))
            : null;
        return new ApiPage<PaymentView>(page, next);
    }

    /// <summary>
    /// Debits after the cursor submitted on the filter's days (in the biller's time zone). SQLite cannot compare stored timestamps,
    /// so the days are checked here, a slice of ids at a time, until the page is full.
    /// </summary>
    private static async Task<List<PaymentView>> DebitsOnDaysAsync(FacturoDbContext db, IQueryable<Payment> query, PaymentFilter filter, BillerClock clock, Language language,
        CancellationToken cancellationToken)
    {
        var found = new List<PaymentView>();
        var after = filter.AfterDebit;
        var slice = filter.From is null && filter.To is null ? filter.Limit + 1 : 500;
        while (found.Count < filter.Limit + 1)
        {
            var ids = await query.Where(p => p.Id > after).OrderBy(p => p.Id).Select(p => p.Id).Take(slice).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }
            after = ids[^1];
            found.AddRange((await DebitsAsync(db, db.Payments.Where(p => ids.Contains(p.Id)), language, cancellationToken))
                .Where(p => DateOnly.FromDateTime(clock.Local(p.RecordedAt).DateTime) is var day && day >= (filter.From ?? DateOnly.MinValue) && day <= (filter.To ?? DateOnly.MaxValue)));
            if (ids.Count < slice)
            {
                break;
            }
        }
        return found.Take(filter.Limit + 1).ToList();
    }

    private static long LastId(IReadOnlyList<PaymentView> page, char prefix, long before) =>
        page.LastOrDefault(p => p.Id[0] == prefix) is { } last ? long.Parse(last.Id.AsSpan(1), CultureInfo.InvariantCulture) : before;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/payments/{id}", async Task<Results<Ok<PaymentView>, ProblemHttpResult>> (string id, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var caller = ApiCaller.Of(http);
            var language = ApiProblems.LanguageOf(http);
            var found = id switch
            {
                ['E', ..] when DocumentNumbers.TryParse(id, "E", out var receiptId) && await db.Receipts.AnyAsync(r => r.Id == receiptId, cancellationToken) =>
                    await OfReceiptAsync(db, receiptId, cancellationToken),
                _ when PaymentReference.TryParse(id, out var debitId) && await db.Payments.AnyAsync(p => p.Id == debitId, cancellationToken) =>
                    await OfDebitAsync(db, debitId, language, cancellationToken),
                _ => null,
            };
            // Unidentified money belongs to no account: only a key that reaches every account sees it.
            return found is not null && (found.CustomerNumber is { } number ? caller.MayReach(number) : caller.Accounts is null)
                ? TypedResults.Ok(found)
                : (ProblemHttpResult)ApiProblems.From(UserError.NotFound("payments.not-found", id), http);
        }).WithName("GetPayment").WithSummary("Read a payment: its status, return reason and the invoices it paid").RequireScope(ApiScope.Read);

        api.MapGet("/payments", async Task<Results<Ok<ApiPage<PaymentView>>, ProblemHttpResult>> (string? account, string? status, string? method, string? from, string? to, int? limit,
            string? after, FacturoDbContext db, BillerClock clock, HttpContext http, CancellationToken cancellationToken) =>
        {
            var filter = await PaymentFilter.ReadAsync(db, ApiCaller.Of(http), account, status, method, from, to, limit, after, cancellationToken);
            return filter.Succeeded
                ? TypedResults.Ok(await PageAsync(db, clock, filter.Value!, ApiProblems.LanguageOf(http), cancellationToken))
                : (ProblemHttpResult)ApiProblems.From(filter.Error!, http);
        }).WithName("ListPayments").WithSummary("List payments received and debits, newest last, by account, status, method and date").RequireScope(ApiScope.Read);

        api.MapGet("/accounts/{customerNumber}/bank-accounts", async Task<Results<Ok<IReadOnlyList<BankAccountView>>, ProblemHttpResult>> (string customerNumber, FacturoDbContext db,
            HttpContext http, CancellationToken cancellationToken) =>
        {
            var account = ApiCaller.Of(http).MayReach(customerNumber)
                ? await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerNumber == customerNumber, cancellationToken)
                : null;
            if (account is null)
            {
                return (ProblemHttpResult)ApiProblems.From(UserError.NotFound("account.not-found", customerNumber), http);
            }
            var banks = await BankAccountsOf(db, account.Id).OrderBy(b => b.Id)
                .Select(b => new { Bank = b, Agreement = db.DebitAuthorizations.Any(a => a.BankAccountId == b.Id && a.CancelledAt == null && a.Scope == DebitScope.PortalPayments) })
                .ToListAsync(cancellationToken);
            return TypedResults.Ok<IReadOnlyList<BankAccountView>>(banks.Select(x => new BankAccountView(x.Bank.Id, x.Bank.HolderName, x.Bank.Country.ToString(),
                x.Bank.Currency.Code, x.Bank.Masked, x.Agreement)).ToList());
        }).WithName("ListBankAccounts").WithSummary("The bank accounts a debit for this account may come from, numbers masked").RequireScope(ApiScope.Read);
    }
}

/// <summary>The list's query, checked: <see cref="AccountIds"/> is null when the key reaches every account and none was asked for.</summary>
public sealed record PaymentFilter(IReadOnlyList<long>? AccountIds, string? Status, string? Method, DateOnly? From, DateOnly? To, int Limit, long AfterReceipt, long AfterDebit)
{
    public static async Task<Outcome<PaymentFilter>> ReadAsync(FacturoDbContext db, ApiCaller caller, string? account, string? status, string? method, string? from, string? to,
        int? limit, string? after, CancellationToken cancellationToken)
    {
        if (status is not null && !PaymentViews.Statuses.Contains(status))
        {
            return UserError.Validation("list.parameter-invalid", "status", string.Join(", ", PaymentViews.Statuses));
        }
        if (method is not null && !PaymentViews.Methods.Contains(method))
        {
            return UserError.Validation("list.parameter-invalid", "method", string.Join(", ", PaymentViews.Methods));
        }
        if (!TryParseDay(from, out var fromDay))
        {
            return UserError.Validation("list.parameter-invalid", "from", "YYYY-MM-DD");
        }
        if (!TryParseDay(to, out var toDay))
        {
            return UserError.Validation("list.parameter-invalid", "to", "YYYY-MM-DD");
        }
        if (limit is < 1 or > ApiCursor.MaximumLimit)
        {
            return UserError.Validation("list.parameter-invalid", "limit", $"1–{ApiCursor.MaximumLimit}");
        }
        if (!PaymentCursor.TryDecode(after, out var afterReceipt, out var afterDebit))
        {
            return UserError.Validation("list.parameter-invalid", "after", "nextCursor");
        }
        var numbers = account is not null ? [account] : caller.Accounts?.ToList();
        List<long>? accountIds = numbers is null ? null
            : await db.Accounts.Where(a => numbers.Contains(a.CustomerNumber)).Select(a => a.Id).ToListAsync(cancellationToken);
        if (account is not null && (!caller.MayReach(account) || accountIds!.Count == 0))
        {
            return UserError.NotFound("account.not-found", account);
        }
        return new PaymentFilter(accountIds, status, method, fromDay, toDay, limit ?? ApiCursor.DefaultLimit, afterReceipt, afterDebit);
    }

    private static bool TryParseDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }
        var parsed = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value);
        day = parsed ? value : null;
        return parsed;
    }
}

/// <summary>The payments list's cursor: the last receipt id and the last debit id shown, opaque to integrators.</summary>
public static class PaymentCursor
{
    public static string Encode(long lastReceipt, long lastDebit)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastReceipt);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], lastDebit);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? cursor, out long lastReceipt, out long lastDebit)
    {
        (lastReceipt, lastDebit) = (0, 0);
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }
        Span<byte> bytes = stackalloc byte[17];
        if (!Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 16)
        {
            return false;
        }
        (lastReceipt, lastDebit) = (BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
        return lastReceipt >= 0 && lastDebit >= 0;
    }
}
