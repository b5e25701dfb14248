using Facturo.Accounts;
using Facturo.Billing;
using Facturo.Data;
using Facturo.Ledger;
using Facturo.Payments;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Facturo.DemoData;

/// <summary>
/// A submitted bank debit for every unpaid invoice of the sizing accounts, each from its own Canadian
/// bank account under a signed agreement, as if every customer had paid in the portal: the input of the
/// debit-batch benchmark and crash test. One business and one person stand for all the payers.
/// </summary>
public sealed class SizingDebitsLoader(FacturoDbContext db, UserManager<PortalUser> users, BankAccountNumbers numbers, BillerClock clock)
{
    private const int PaymentsPerTransaction = 2_000;
    private const string PayerEmail = "payer@sizing.example";

    public async Task<Outcome<int>> LoadAsync(Currency currency, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var unpaid = await db.Invoices.AsNoTracking()
            .Where(i => i.CurrencyCode == currency.Code && !db.PaymentAllocations.Any(a => a.InvoiceId == i.Id))
            .OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.AccountId, i.TotalCents, i.CustomerLegalName })
            .ToListAsync(cancellationToken);
        if (unpaid.Count == 0)
        {
            return UserError.Validation("sizing.no-unpaid-invoices");
        }
        var payer = await PayerAsync(cancellationToken);
        var setUp = await db.SetUpBillerAsync(cancellationToken);
        if (!setUp.Succeeded)
        {
            return setUp.Error!;
        }
        var biller = setUp.Value!;
        var linked = (await db.EnterpriseAccounts.Where(l => l.EnterpriseId == payer.EnterpriseId).Select(l => l.AccountId).ToListAsync(cancellationToken)).ToHashSet();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.UtcNow;
        var loaded = 0;
        foreach (var chunk in unpaid.Chunk(PaymentsPerTransaction))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.EnterpriseAccounts.AddRange(chunk.Select(i => i.AccountId).Where(linked.Add)
                .Select(id => new EnterpriseAccount { EnterpriseId = payer.EnterpriseId, AccountId = id, LinkedAt = now }));
            var banks = new List<BankAccount>(chunk.Length);
            foreach (var invoice in chunk)
            {
                banks.Add(await NewBankAccountAsync(payer, invoice.Id, invoice.CustomerLegalName, currency, now, cancellationToken));
            }
            db.BankAccounts.AddRange(banks);
            await db.SaveChangesAsync(cancellationToken);
            var agreements = banks.Select(bank => DebitAgreements.Accepted(bank, DebitScope.PortalPayments,
                DebitAgreements.Text(bank, bank.HolderName, biller, payer.FullName, now, payer.Language), payer, now, "127.0.0.1")).ToList();
            db.DebitAuthorizations.AddRange(agreements);
            await db.SaveChangesAsync(cancellationToken);
            var debits = chunk.Select((invoice, n) => new Payment
            {
                EnterpriseId = payer.EnterpriseId,
                AccountId = invoice.AccountId,
                BankAccountId = banks[n].Id,
                AuthorizationId = agreements[n].Id,
                AmountCents = invoice.TotalCents,
                CurrencyCode = currency.Code,
                Status = PaymentStatus.Submitted,
                IdempotencyKey = $"sizing-{invoice.Id}",
                SubmittedAt = now,
                SubmittedByUserId = payer.Id,
                Allocations = [new PaymentAllocation { InvoiceId = invoice.Id, AmountCents = invoice.TotalCents }],
            }).ToList();
            db.Payments.AddRange(debits);
            await db.SaveChangesAsync(cancellationToken);
            db.LedgerPostings.AddRange(debits.Select(p => LedgerPosting.From(PaymentPostings.Submitted(p.Reference, clock.Today, p.AccountId, p.Shares()), now)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            loaded += chunk.Length;
            progress?.Report(loaded);
        }
        return loaded;
    }

    private async Task<PortalUser> PayerAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(PayerEmail) is { } existing)
        {
            return existing;
        }
        var enterprise = new Enterprise { Name = "Sizing payers", CreatedAt = clock.UtcNow };
        db.Enterprises.Add(enterprise);
        await db.SaveChangesAsync(cancellationToken);
        var payer = new PortalUser
        {
            UserName = PayerEmail,
            Email = PayerEmail,
            EmailConfirmed = true,
            EnterpriseId = enterprise.Id,
            Role = PortalRole.Admin,
            FullName = "Sizing Payer",
            Language = Language.En,
            SecurityQuestion1 = "birth-city",
            SecurityAnswer1Hash = "",
            SecurityQuestion2 = "first-pet",
            SecurityAnswer2Hash = "",
            CreatedAt = clock.UtcNow,
        };
        var created = await users.CreateAsync(payer);
        return created.Succeeded ? payer : throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>A Canadian account for dollars, a US one (routing number with a valid check digit) for US dollars.</summary>
    private async Task<BankAccount> NewBankAccountAsync(PortalUser payer, long n, string holder, Currency currency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accountNumber = $"{1_000_000 + n % 9_000_000}";
        var us = currency == Currency.Usd;
        return new BankAccount
        {
            EnterpriseId = payer.EnterpriseId,
            Country = us ? BankCountry.US : BankCountry.CA,
            HolderName = holder.Length > 30 ? holder[..30] : holder,
            Routing = us ? UsRouting(n) : $"{n % 7 + 1:D3}{n % 100_000:D5}",
            ProtectedAccountNumber = await numbers.ProtectAsync(accountNumber, cancellationToken),
            Last4 = accountNumber[^4..],
            CreatedAt = now,
            CreatedByUserId = payer.Id,
        };
    }

    private static string UsRouting(long n)
    {
        var eight = $"0{n % 10_000_000:D7}";
        return Enumerable.Range(0, 10).Select(d => eight + d).First(BankAccountNumber.RoutingCheckDigitHolds);
    }
}
