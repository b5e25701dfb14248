using Facturo.Accounts;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Platform;
using Facturo.Taxes;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

public sealed record BillRunProgress(int AccountsBilled, int InvoicesIssued, int StatementsIssued);

public sealed record BillRunResult(BillingPeriod Period, DateOnly IssueDate, int InvoicesIssuedNow, int StatementsIssuedNow, int InvoicesInPeriod, int StatementsInPeriod)
{
    /// <summary>How the period's invoices reach their customers, and which accounts nothing electronic reaches.</summary>
    public required DeliveryReport Deliveries { get; init; }
}

/// <summary>
/// Bills one period: an invoice for every account with on-account charges in it, a statement of
/// charges for every small-business account. Works in batches of accounts, one transaction each,
/// so a crash loses at most the batch in flight and a re-run picks up exactly where billing stopped.
/// The unique (account, period) indexes make a second invoice impossible even for two nodes at once.
/// </summary>
public sealed partial class BillRunner(FacturoDbContext db, BillerClock clock, BillerTaxes taxes, InvoiceReadyNotifier notifier, Events.EventLog events, ILogger<BillRunner> logger)
{
    private const int MaxConflictRetries = 5;

    public async Task<Outcome<BillRunResult>> RunAsync(BillingPeriod period, int batchSize, IProgress<BillRunProgress>? progress, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(period, cancellationToken) is { } refused)
        {
            return refused;
        }
        var settings = (await db.SetUpBillerAsync(cancellationToken)).Value!;
        var today = clock.Today;
        var periodText = period.ToString();
        var salesTax = await taxes.SalesTaxAsync(cancellationToken);
        var run = await StartAsync(period, today, cancellationToken);
        LogStarting(periodText, run.Attempts, run.IssueDate);

        var counts = new BillRunProgress(0, 0, 0);
        long cursor = 0;
        while (true)
        {
            var (billed, nextCursor) = await WithConflictRetryAsync(() => IssueInvoiceBatchAsync(run, settings, salesTax, period, cursor, batchSize, cancellationToken), cancellationToken);
            if (billed == 0)
            {
                break;
            }
            cursor = nextCursor;
            counts = counts with { AccountsBilled = counts.AccountsBilled + billed, InvoicesIssued = counts.InvoicesIssued + billed };
            progress?.Report(counts);
        }
        cursor = 0;
        while (true)
        {
            var (issued, nextCursor) = await WithConflictRetryAsync(() => IssueStatementBatchAsync(run, period, cursor, batchSize, cancellationToken), cancellationToken);
            if (issued == 0)
            {
                break;
            }
            cursor = nextCursor;
            counts = counts with { AccountsBilled = counts.AccountsBilled + issued, StatementsIssued = counts.StatementsIssued + issued };
            progress?.Report(counts);
        }

        // After every batch, so a resumed run also tells people whose invoices were issued before the crash.
        await notifier.NotifyAsync(period, cancellationToken);
        var invoicesInPeriod = await db.Invoices.CountAsync(i => i.Period == periodText, cancellationToken);
        var statementsInPeriod = await db.Statements.CountAsync(s => s.Period == periodText, cancellationToken);
        await db.BillRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Status, BillRunStatus.Completed)
            .SetProperty(x => x.CompletedAt, clock.UtcNow)
            .SetProperty(x => x.InvoicesIssued, invoicesInPeriod)
            .SetProperty(x => x.StatementsIssued, statementsInPeriod), cancellationToken);
        LogCompleted(periodText, counts.InvoicesIssued, counts.StatementsIssued, invoicesInPeriod, statementsInPeriod);
        var deliveries = await DeliveryReport.ForPeriodAsync(db, periodText, cancellationToken);
        if (deliveries.NoWorkingChannel.Count > 0)
        {
            LogNoWorkingChannel(periodText, deliveries.NoWorkingChannel.Count);
        }
        return new BillRunResult(period, run.IssueDate, counts.InvoicesIssued, counts.StatementsIssued, invoicesInPeriod, statementsInPeriod) { Deliveries = deliveries };
    }

    /// <summary>
    /// Why the period cannot be billed now, or null: the biller must be set up, the period must have ended, and it must not come
    /// before the biller's first period: a bill run is once per period, so billing an empty 2020-01 would close it for good.
    /// </summary>
    public async Task<UserError?> RefuseAsync(BillingPeriod period, CancellationToken cancellationToken)
    {
        var biller = await db.SetUpBillerAsync(cancellationToken);
        if (biller.Succeeded)
        {
            clock.UseZone(biller.Value!.TimeZone);
        }
        if (period.LastDay >= clock.Today)
        {
            return UserError.Validation("billrun.period-not-ended", period.ToString(), period.Next.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (!biller.Succeeded)
        {
            return biller.Error!;
        }
        return await FirstPeriodAsync(cancellationToken) is { } first && period < first
            ? UserError.Validation("billrun.before-first-period", period.ToString(), first.ToString())
            : null;
    }

    /// <summary>The month of the first account opened, charge or order, whichever is earliest; none before there is anything to bill.</summary>
    private async Task<BillingPeriod?> FirstPeriodAsync(CancellationToken cancellationToken)
    {
        // The first account by id: SQLite cannot take the minimum of stored timestamps.
        var firstOpened = await db.Accounts.OrderBy(a => a.Id).Select(a => (DateTimeOffset?)a.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var firstCharge = await db.Charges.MinAsync(c => (DateOnly?)c.ServiceDate, cancellationToken);
        var firstOrder = await db.Orders.MinAsync(o => (DateOnly?)o.OrderDate, cancellationToken);
        var days = new[] { firstOpened is { } opened ? DateOnly.FromDateTime(clock.Local(opened).DateTime) : (DateOnly?)null, firstCharge, firstOrder }.OfType<DateOnly>().ToList();
        return days.Count == 0 ? null : BillingPeriod.Of(days.Min());
    }

    /// <summary>Finds or creates the period's bill run. Its issue date is fixed at the first start, so a resumed run dates its invoices the same.</summary>
    private async Task<BillRun> StartAsync(BillingPeriod period, DateOnly today, CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        for (var attempt = 0; ; attempt++)
        {
            var run = await db.BillRuns.SingleOrDefaultAsync(r => r.Period == periodText, cancellationToken);
            try
            {
                if (run is null)
                {
                    run = new BillRun { Period = periodText, IssueDate = today, StartedAt = clock.UtcNow, Status = BillRunStatus.Running };
                    db.BillRuns.Add(run);
                }
                run.Attempts++;
                run.Status = BillRunStatus.Running;
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return run;
            }
            catch (DbUpdateException) when (attempt < MaxConflictRetries)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(int Issued, long Cursor)> IssueInvoiceBatchAsync(BillRun run, BillerSettings settings, SalesTax salesTax, BillingPeriod period, long cursor, int batchSize, CancellationToken cancellationToken)
    {
        var (first, last, periodText) = (period.FirstDay, period.LastDay, period.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.Id > cursor
                && db.Charges.Any(c => c.AccountId == a.Id && c.ServiceDate >= first && c.ServiceDate <= last)
                && !db.Invoices.Any(i => i.AccountId == a.Id && i.Period == periodText))
            .OrderBy(a => a.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            return (0, cursor);
        }
        var (lowest, highest) = (accounts[0].Id, accounts[^1].Id);
        var chargesByAccount = (await db.Charges.AsNoTracking()
                .Where(c => c.AccountId >= lowest && c.AccountId <= highest && c.ServiceDate >= first && c.ServiceDate <= last)
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.AccountId);

        var taxCustomers = await taxes.CustomersAsync(accounts, run.IssueDate, cancellationToken);
        var reaches = await AccountReaches.LoadAsync(db, accounts, cancellationToken);
        var drafts = accounts
            .Select(a =>
            {
                var route = InvoiceRouting.Choose(reaches[a.Id]);
                var paperFee = route.ChargesPaperFee(settings.PaperFeeForLackOfEmail) ? PaperFeeOf(settings, a) : Money.Zero(a.Currency);
                var billable = a.ToBillable(taxCustomers[a.Id]) with { Delivery = route.Delivery };
                return (Account: a, Route: route, Draft: InvoiceGenerator.Generate(billable, chargesByAccount[a.Id].Select(c => c.ToBillable()).ToList(), paperFee, period, run.IssueDate, salesTax)!);
            })
            .ToList();
        var number = await DocumentNumbers.TakeAsync(db, DocumentSequence.Invoices, drafts.Count, cancellationToken);
        var now = clock.UtcNow;
        var invoices = new List<Invoice>(drafts.Count);
        var postings = new List<LedgerPosting>(drafts.Count);
        var deliveries = new List<InvoiceDelivery>(drafts.Count);
        foreach (var (account, route, draft) in drafts)
        {
            var invoice = ToInvoice(number++, run, settings, account, route, draft, now);
            invoices.Add(invoice);
            postings.Add(LedgerPosting.From(BillingPostings.ForInvoice(draft, invoice.Id, invoice.Number), now));
            deliveries.Add(DeliveryOf(invoice, account, route, draft));
        }
        await InvoiceBatchWriter.WriteAsync(db, invoices, postings, cancellationToken);
        // With the invoices: a crash leaves no invoice without its channel, and the paper fee always matches it.
        await BulkInsert.InsertAsync(db, deliveries, cancellationToken);
        // In the batch's transaction: an invoice is announced exactly when it exists.
        await events.RecordAllAsync(invoices.Select(FinalizedEvent).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (drafts.Count, highest);
    }

    private async Task<(int Issued, long Cursor)> IssueStatementBatchAsync(BillRun run, BillingPeriod period, long cursor, int batchSize, CancellationToken cancellationToken)
    {
        var (first, last, periodText) = (period.FirstDay, period.LastDay, period.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking()
            .Where(a => a.Id > cursor
                && ((a.Program == BillingProgram.SmallBusiness && a.Status == AccountStatus.Active)
                    || db.Orders.Any(o => o.AccountId == a.Id && o.PaymentMethod != PaymentMethod.OnAccount && o.OrderDate >= first && o.OrderDate <= last))
                && !db.Statements.Any(s => s.AccountId == a.Id && s.Period == periodText))
            .OrderBy(a => a.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            return (0, cursor);
        }
        var (lowest, highest) = (accounts[0].Id, accounts[^1].Id);
        var ordersByAccount = (await db.Orders.AsNoTracking()
                .Where(o => o.AccountId >= lowest && o.AccountId <= highest && o.PaymentMethod != PaymentMethod.OnAccount && o.OrderDate >= first && o.OrderDate <= last)
                .OrderBy(o => o.OrderDate).ThenBy(o => o.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.AccountId);
        var number = await DocumentNumbers.TakeAsync(db, DocumentSequence.Statements, accounts.Count, cancellationToken);
        var now = clock.UtcNow;
        foreach (var account in accounts)
        {
            var orders = ordersByAccount[account.Id].ToList();
            db.Statements.Add(new Statement
            {
                Id = number++,
                AccountId = account.Id,
                BillRunId = run.Id,
                Period = periodText,
                IssueDate = run.IssueDate,
                CurrencyCode = account.CurrencyCode,
                SubtotalCents = orders.Sum(o => o.SubtotalCents),
                TaxCents = orders.Sum(o => o.TaxCents),
                TotalCents = orders.Sum(o => o.TotalCents),
                CustomerNumber = account.CustomerNumber,
                CustomerLegalName = account.LegalName,
                CreatedAt = now,
                Lines = orders.Select((o, i) => new StatementLine
                {
                    LineNumber = i + 1,
                    OrderId = o.Id,
                    OrderDate = o.OrderDate,
                    Channel = o.Channel,
                    PaymentMethod = o.PaymentMethod,
                    SubtotalCents = o.SubtotalCents,
                    TaxCents = o.TaxCents,
                    TotalCents = o.TotalCents,
                }).ToList(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (accounts.Count, highest);
    }

    /// <summary>Another node billing the same accounts makes our batch hit a unique index; the retry skips what it billed.</summary>
    /// <summary>The paper fee is the biller's amount in the account's own billing currency: a US-dollar account pays 5.00 US$.</summary>
    private static Money PaperFeeOf(BillerSettings settings, CustomerAccount account) => new(settings.PaperFeeCents, account.Currency);

    private async Task<T> WithConflictRetryAsync<T>(Func<Task<T>> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await batch();
            }
            catch (Exception exception) when (InvoiceBatchWriter.IsConflict(exception) && attempt < MaxConflictRetries)
            {
                db.ChangeTracker.Clear();
                LogConflict(attempt, exception.InnerException?.Message ?? exception.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private Events.Event FinalizedEvent(Invoice invoice) => events.Compose(Events.EventTypes.InvoiceFinalized, invoice.CustomerNumber, invoice.Number,
        new Events.InvoiceFinalizedData(invoice.Number, invoice.CustomerNumber, invoice.Period, invoice.IssueDate, invoice.DueDate, invoice.CurrencyCode,
            new Api.ApiAmount(invoice.SubtotalCents), new Api.ApiAmount(invoice.TaxCents), new Api.ApiAmount(invoice.TotalCents)));

    private static InvoiceDelivery DeliveryOf(Invoice invoice, CustomerAccount account, InvoiceRoute route, InvoiceDraft draft) => new()
    {
        InvoiceId = invoice.Id,
        AccountId = account.Id,
        Period = invoice.Period,
        Channel = route.Channel,
        PaperReason = route.Paper,
        EmailAddress = route.Channel == InvoiceChannel.Email || route.Paper == PaperReason.EmailBounced ? account.BillingEmail.Trim() : null,
        PaperFeeCharged = draft.Lines.Any(l => l.Category == ChargeCategory.PaperFee),
    };

    private static Invoice ToInvoice(long id, BillRun run, BillerSettings settings, CustomerAccount account, InvoiceRoute route, InvoiceDraft draft, DateTimeOffset now) => new()
    {
        Id = id,
        AccountId = account.Id,
        BillRunId = run.Id,
        Period = draft.Period.ToString(),
        IssueDate = draft.IssueDate,
        DueDate = draft.DueDate,
        CurrencyCode = draft.Subtotal.Currency.Code,
        SubtotalCents = draft.Subtotal.Cents,
        TaxCents = draft.TaxTotal.Cents,
        TotalCents = draft.Total.Cents,
        Delivery = route.Delivery,
        CustomerNumber = account.CustomerNumber,
        CustomerLegalName = account.LegalName,
        CustomerAddress = string.Join('\n', account.Address.Lines),
        CustomerCountry = account.Country,
        CustomerRegion = account.Region,
        BillerLegalName = settings.LegalNameIn(account.Language),
        BillerGstHstNumber = settings.GstHstNumber,
        BillerQstNumber = settings.QstNumber,
        CreatedAt = now,
        Lines = draft.Lines.Select(l => new InvoiceLine
        {
            LineNumber = l.LineNumber,
            ChargeId = l.ChargeId,
            Category = l.Category,
            Description = l.Description,
            Quantity = l.Quantity,
            UnitPriceCents = l.UnitPrice.Cents,
            AmountCents = l.Amount.Cents,
            PlaceOfSupply = l.Taxation.PlaceOfSupply.Code,
            TaxCodes = InvoiceLine.CodesOf(l.Taxation.Taxes),
            OutsideCanada = l.Taxation.OutsideCanada,
            ExemptionCertificates = l.Taxation.ExemptionCertificates.Count == 0 ? null : string.Join(' ', l.Taxation.ExemptionCertificates),
        }).ToList(),
        Taxes = draft.Taxes.Select(InvoiceTax.From).ToList(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Bill run {Period} starting (attempt {Attempt}, issue date {IssueDate})")]
    private partial void LogStarting(string period, int attempt, DateOnly issueDate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bill run {Period} complete: {Invoices} invoices and {Statements} statements issued now; {InvoicesInPeriod} invoices and {StatementsInPeriod} statements in the period")]
    private partial void LogCompleted(string period, int invoices, int statements, int invoicesInPeriod, int statementsInPeriod);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bill run {Period}: {Count} account(s) have no portal user and no working billing email; their invoices go on paper. Staff see them at /admin/unreachable-customers")]
    private partial void LogNoWorkingChannel(string period, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bill run batch conflicted with another writer (attempt {Attempt}): {Reason}")]
    private partial void LogConflict(int attempt, string reason);
}
