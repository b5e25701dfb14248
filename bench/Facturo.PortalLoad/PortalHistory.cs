using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Portal;
using Facturo.Taxes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.PortalLoad;

public sealed record LoadedHistory(int Invoices, int Open, int Postings);

/// <summary>
/// One Ontario account with a monthly invoice going back N months (one invoice per account and period
/// is a rule of the schema, so 1,000 invoices means 1,000 months), each paid 30 days after it was
/// issued except the last couple, and a portal admin linked to it. Taxes use today's rate throughout.
/// </summary>
public static class PortalHistory
{
    public const string Email = "load@client.example";
    public const string Password = "Load-Test-Pass-1";
    private const int DaysToPay = 30;

    public static async Task<LoadedHistory> LoadAsync(IServiceProvider services, int invoiceCount, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<FacturoDbContext>();
        if (await db.Accounts.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("Load history into an empty database.");
        }
        var now = TimeProvider.System.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var biller = new BillerSettings
        {
            LegalName = "Postes Facturo / Facturo Post",
            GstHstNumber = "123456789 RT0001",
            QstNumber = "1234567890 TQ0001",
            SupportPhone = "1-800-267-7651",
            SupportEmail = "facturation@facturo.example",
        };
        var account = new CustomerAccount
        {
            CustomerNumber = "1000001",
            LegalName = "Great Lakes Logistics Corp.",
            AddressLine1 = "1 Front Street",
            City = "Toronto",
            Region = nameof(Province.ON),
            PostalCode = "M5V 2T6",
            Language = Language.En,
            Program = BillingProgram.Commercial,
            CreditTermsDays = 30,
            Delivery = DeliveryPreference.Electronic,
            Status = AccountStatus.Active,
            BillingEmail = "billing@client.example",
            CreatedAt = now,
        };
        db.BillerSettings.Add(biller);
        db.Accounts.Add(account);
        var run = new BillRun { Period = BillingPeriod.Of(today).Next.ToString(), Status = BillRunStatus.Completed, IssueDate = today, StartedAt = now, CompletedAt = now };
        db.BillRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var open = 0;
        var postings = 0;
        for (var id = 1L; id <= invoiceCount; id++)
        {
            // Written as text: BillingPeriod refuses months before 2000, and 1,000 monthly invoices reach back to the 1940s.
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-(int)(invoiceCount - id + 1));
            var period = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var issued = month.AddMonths(1);
            var invoice = NewInvoice(id, period, issued, today, account, biller, run, now);
            db.Invoices.Add(invoice);
            var total = new Money(invoice.TotalCents, Currency.Cad);
            db.LedgerPostings.Add(LedgerPosting.From(Posting.Create(PostingKind.Invoice, issued, invoice.Number,
            [
                new PostingLine(LedgerAccount.AccountsReceivable, total, account.Id, ReceivableDocument.Invoice(id)),
                new PostingLine(LedgerAccount.Revenue, -new Money(invoice.SubtotalCents, Currency.Cad)),
                new PostingLine(LedgerAccount.GstHstPayable, -new Money(invoice.TaxCents, Currency.Cad)),
            ]), now));
            postings++;
            var paid = issued.AddDays(DaysToPay);
            if (paid < today.AddDays(-30))
            {
                db.LedgerPostings.Add(LedgerPosting.From(Posting.Create(PostingKind.Payment, paid, $"PAY{id:D9}",
                [
                    new PostingLine(LedgerAccount.BankClearing, total),
                    new PostingLine(LedgerAccount.AccountsReceivable, -total, account.Id, ReceivableDocument.Invoice(id)),
                ]), now));
                postings++;
            }
            else
            {
                open++;
            }
            if (id % 200 == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await AddPortalUserAsync(services, db, account.Id, now, cancellationToken);
        return new LoadedHistory(invoiceCount, open, postings);
    }

    private static Invoice NewInvoice(long id, string period, DateOnly issued, DateOnly today, CustomerAccount account, BillerSettings biller, BillRun run, DateTimeOffset now)
    {
        var subtotal = new Money(10_000 + id % 50 * 1_000, Currency.Cad);
        var taxation = SalesTax.Canada.Compute(TaxCustomer.In(Province.ON), [new TaxableLine(1, ChargeCategory.Shipping, subtotal)], today, Currency.Cad);
        var tax = taxation.Total(Currency.Cad).Cents;
        var line = taxation.Lines[0];
        return new Invoice
        {
            Id = id,
            AccountId = account.Id,
            BillRunId = run.Id,
            Period = period,
            IssueDate = issued,
            DueDate = issued.AddDays(account.CreditTermsDays),
            SubtotalCents = subtotal.Cents,
            TaxCents = tax,
            TotalCents = subtotal.Cents + tax,
            Delivery = account.Delivery,
            CustomerNumber = account.CustomerNumber,
            CustomerLegalName = account.LegalName,
            CustomerAddress = $"{account.AddressLine1}, {account.City} ON {account.PostalCode}",
            CustomerRegion = account.Region,
            BillerLegalName = biller.LegalName,
            BillerGstHstNumber = biller.GstHstNumber,
            BillerQstNumber = biller.QstNumber,
            CreatedAt = now,
            Lines =
            [
                new InvoiceLine
                {
                    LineNumber = 1, Category = ChargeCategory.Shipping, Description = "Expedited Parcel", Quantity = 1, UnitPriceCents = subtotal.Cents, AmountCents = subtotal.Cents,
                    PlaceOfSupply = line.PlaceOfSupply.Code, TaxCodes = InvoiceLine.CodesOf(line.Taxes),
                },
            ],
            Taxes = taxation.Taxes.Select(InvoiceTax.From).ToList(),
        };
    }

    private static async Task AddPortalUserAsync(IServiceProvider services, FacturoDbContext db, long accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var enterprise = new Enterprise { Name = "Great Lakes Logistics Corp.", CreatedAt = now };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync(cancellationToken);
        db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = enterprise.Id, AccountId = accountId, LinkedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var user = new PortalUser
        {
            UserName = Email,
            Email = Email,
            EmailConfirmed = true,
            EnterpriseId = enterprise.Id,
            Role = PortalRole.Admin,
            FullName = "Load Test",
            Language = Language.En,
            SecurityQuestion1 = "birth-city",
            SecurityAnswer1Hash = "",
            SecurityQuestion2 = "first-pet",
            SecurityAnswer2Hash = "",
            CreatedAt = now,
        };
        user.SecurityAnswer1Hash = SecurityQuestions.Hash(user, "Toronto");
        user.SecurityAnswer2Hash = SecurityQuestions.Hash(user, "Rex");
        var created = await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }
    }
}
