using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Payments;

/// <summary>The rules of paying by debit, through the same service the portal uses, on both databases.</summary>
public abstract class PaymentRuleTests(DatabaseProvider provider) : PortalTest(provider)
{
    [Fact]
    public async Task A_double_submit_and_a_retry_with_the_same_key_debit_once()
    {
        var payer = (await BilledAccountsWithAdminsAsync(("1000091", "double@payer.example", Language.En)))[0];
        var bankId = await AddCanadianBankAccountAsync(payer);
        var request = new PaymentRequest("1000091", ["F000000001"], null, bankId, true, "key-7f3a", "127.0.0.1");

        var together = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => SubmitAsync(payer, request)));
        var retried = await SubmitAsync(payer, request);

        Assert.All(together.Append(retried), o => Assert.True(o.Succeeded, o.Error?.Code));
        Assert.Single(together.Append(retried).Select(o => o.Value!.Id).Distinct());
        await using var db = Database.NewContext();
        Assert.Single(await db.Payments.ToListAsync());
        Assert.Single(await db.LedgerPostings.Where(p => p.Kind == Ledger.PostingKind.Payment).ToListAsync());
        Assert.Single(await db.OutboxEmails.Where(e => e.Kind == "payment-submitted").ToListAsync());
        Assert.Single(await db.DebitAuthorizations.ToListAsync());
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task Two_people_paying_the_same_invoice_at_the_same_moment_pay_it_once()
    {
        var payer = (await BilledAccountsWithAdminsAsync(("1000105", "both@payer.example", Language.En)))[0];
        var bankId = await AddCanadianBankAccountAsync(payer);
        await SubmitAsync(payer, new PaymentRequest("1000105", [], Money.Cad(1), bankId, true, "agreement-first", "127.0.0.1"));

        var outcomes = await Task.WhenAll(new[] { "office", "phone" }.Select(key =>
            SubmitAsync(payer, new PaymentRequest("1000105", ["F000000001"], null, bankId, false, key, "127.0.0.1"))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Single(outcomes, o => o.Error?.Code == "payments.invoice-not-open");
        await using var db = Database.NewContext();
        Assert.Equal(11_300L, await db.Payments.SumAsync(p => p.AmountCents));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_the_reason_and_change_nothing()
    {
        var admins = await BilledAccountsWithAdminsAsync(("1000092", "rules@payer.example", Language.Fr), ("1000093", "other@payer.example", Language.En));
        var payer = admins[0];
        var bankId = await AddCanadianBankAccountAsync(payer);
        var othersBankId = await AddCanadianBankAccountAsync(admins[1]);
        var viewer = await RegisterAsync("1000092", "viewer@payer.example", PortalRole.Viewer);
        PaymentRequest Request(string key, IReadOnlyList<string> invoices, Money? amount = null, long? bank = null, bool accepts = true) =>
            new("1000092", invoices, amount, bank ?? bankId, accepts, key, "127.0.0.1");

        var byViewer = await SubmitAsync(viewer, Request("k1", ["F000000001"]));
        var withoutAgreement = await SubmitAsync(payer, Request("k2", ["F000000001"], accepts: false));
        var othersBank = await SubmitAsync(payer, Request("k3", ["F000000001"], bank: othersBankId));
        var othersInvoice = await SubmitAsync(payer, Request("k4", ["F000000002"]));
        var tooMuch = await SubmitAsync(payer, Request("k5", [], Money.Cad(11_301)));
        var negative = await SubmitAsync(payer, Request("k6", [], Money.Cad(-100)));
        var otherCurrency = await SubmitAsync(payer, Request("k6-usd", [], new Money(100, Currency.Usd)));
        var nothing = await SubmitAsync(payer, Request("k7", []));
        var usBank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.US, "Client US", null, null, "021000021", "1234567"), CancellationToken.None));
        var cadWithUsBank = await SubmitAsync(payer, Request("k8", ["F000000001"], bank: usBank.Value!.Id));
        var badRouting = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.US, "Client US", null, null, "021000022", "1234567"), CancellationToken.None));
        var nameNoBankCanWrite = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.CA, "株式会社ヤマト", "815", "30800", null, "123456789"), CancellationToken.None));

        Assert.Equal("payments.payers-only", byViewer.Error?.Code);
        Assert.Equal("C'est le premier débit du compte bancaire ••••6789 : lisez l'accord de débit et cochez la case pour l'accepter.", withoutAgreement.Error?.Message(Language.Fr));
        Assert.Equal("payments.bank-account-not-found", othersBank.Error?.Code);
        Assert.Equal("payments.invoice-not-open", othersInvoice.Error?.Code);
        Assert.Equal("payments.invalid-amount", tooMuch.Error?.Code);
        Assert.Equal("payments.invalid-amount", negative.Error?.Code);
        Assert.Equal("payments.invalid-amount", otherCurrency.Error?.Code);
        Assert.Equal("payments.nothing-chosen", nothing.Error?.Code);
        Assert.Equal("payments.currency-mismatch", cadWithUsBank.Error?.Code);
        Assert.Equal("Ce numéro d'acheminement n'existe pas : son chiffre de contrôle ne correspond pas. Vérifiez-le sur un chèque.", badRouting.Error?.Message(Language.Fr));
        Assert.StartsWith("Enter the holder's name as your bank knows it, in Latin letters", nameNoBankCanWrite.Error?.Message(Language.En), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.DoesNotContain(await db.BankAccounts.Select(b => b.HolderName).ToListAsync(), name => name == "株式会社ヤマト");
        Assert.Empty(await db.Payments.ToListAsync());
        Assert.Empty(await db.DebitAuthorizations.ToListAsync());
        Assert.Empty(await db.LedgerPostings.Where(p => p.Kind == Ledger.PostingKind.Payment).ToListAsync());
    }

    [Fact]
    public async Task An_amount_pays_the_oldest_invoices_first_and_the_rest_stays_due()
    {
        await AddAccountAsync("1000094");
        await PlaceOrderAsync("1000094", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        await PlaceOrderAsync("1000094", unitPrice: 200m);
        MoveClockTo(2026, 12, 1);
        await BillAsync(October.Next);
        var payer = await RegisterAsync("1000094", "oldest@payer.example", PortalRole.Admin);
        var bankId = await AddCanadianBankAccountAsync(payer);

        var paid = await SubmitAsync(payer, new PaymentRequest("1000094", [], Money.Cad(15_000), bankId, true, "amount-1", "127.0.0.1"));

        Assert.True(paid.Succeeded, paid.Error?.Code);
        Assert.Equal([(1L, 11_300L), (2L, 3_700L)], paid.Value!.Allocations.OrderBy(a => a.InvoiceId).Select(a => (a.InvoiceId, a.AmountCents)));
        await using var db = Database.NewContext();
        var receivable = await Ledger.Receivables.ForAccountAsync(db, (await db.Accounts.SingleAsync()).Id, Currency.Cad, new DateOnly(2026, 12, 1), CancellationToken.None);
        Assert.Equal(22_600L - 3_700L, receivable.Balance.Cents);
        Assert.Equal([2L], receivable.OpenInvoices.Select(o => o.InvoiceId));
    }

    [Fact]
    public async Task Submitted_debits_go_into_one_cpa005_file_once_with_increasing_file_creation_numbers()
    {
        var admins = await BilledAccountsWithAdminsAsync(("1000095", "a@batch.example", Language.En), ("1000096", "b@batch.example", Language.Fr));
        var firstBank = await AddCanadianBankAccountAsync(admins[0]);
        var secondBank = await AddCanadianBankAccountAsync(admins[1]);
        await SubmitAsync(admins[0], new PaymentRequest("1000095", ["F000000001"], null, firstBank, true, "b1", "127.0.0.1"));
        await SubmitAsync(admins[1], new PaymentRequest("1000096", [], Money.Cad(1_300), secondBank, true, "b2", "127.0.0.1"));

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => RunBatchAsync()));
        var again = await RunBatchAsync();
        await SubmitAsync(admins[1], new PaymentRequest("1000096", [], Money.Cad(10_000), secondBank, true, "b3", "127.0.0.1"));
        var next = await RunBatchAsync();

        var first = Assert.Single(runs.SelectMany(r => r.Batches));
        Assert.Single(runs, r => r.Failed is DbUpdateException || r.Batches.Count == 0);
        Assert.Empty(again.Batches);
        var records = first.Content.TrimEnd('\n').TrimEnd('\r').Split("\r\n");
        Assert.Equal(["A", "D", "Z"], records.Select(r => r[..1]));
        Assert.All(records, r => Assert.Equal(Cpa005.RecordLength, r.Length));
        Assert.Equal("0001", records[0][20..24]);
        Assert.Equal(("718", "0000011300", "081530800", "123456789   "), (records[1][24..27], records[1][27..37], records[1][43..52], records[1][52..64]));
        Assert.Equal("P000000001", records[1][(24 + 150)..(24 + 169)].Trim());
        Assert.Equal("P000000002", records[1][(264 + 150)..(264 + 169)].Trim());
        Assert.Equal(("00000000012600", "00000002"), (records[2][24..38], records[2][38..46]));
        Assert.Equal((2, 12_600L), (first.DebitCount, first.TotalCents));
        Assert.Equal(2, Assert.Single(next.Batches).FileCreationNumber);
        await using var db = Database.NewContext();
        Assert.Equal([(1L, first.Id), (2L, first.Id), (3L, next.Batches[0].Id)],
            (await db.Payments.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Id, p.DebitBatchId!.Value)));
        Assert.All(await db.Payments.ToListAsync(), p => Assert.Equal(PaymentStatus.SentToBank, p.Status));
    }

    [Fact]
    public async Task A_file_batched_by_a_run_that_stopped_before_writing_it_is_written_by_the_next_run()
    {
        var payer = (await BilledAccountsWithAdminsAsync(("1000112", "outbox@batch.example", Language.En)))[0];
        await SubmitAsync(payer, new PaymentRequest("1000112", ["F000000001"], null, await AddCanadianBankAccountAsync(payer), true, "o-1", "127.0.0.1"));
        var outbox = Path.Combine(Path.GetTempPath(), $"facturo-outbox-{Guid.NewGuid():N}");
        try
        {
            var batchedOnly = Assert.Single((await RunBatchAsync()).Batches);

            var next = await SendAsync(outbox);
            var after = await SendAsync(outbox);

            var (batch, path) = Assert.Single(next);
            Assert.Equal(batchedOnly.Id, batch.Id);
            Assert.Equal(batchedOnly.Content, await File.ReadAllTextAsync(path));
            Assert.Empty(after);
            Assert.Equal([path], Directory.GetFiles(outbox));
            await using var db = Database.NewContext();
            Assert.NotNull((await db.DebitBatches.SingleAsync()).ExportedAt);
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    [Fact]
    public async Task Lease_invoices_of_an_enrolled_account_are_debited_on_their_due_date_once_and_other_invoices_never()
    {
        await AddAccountAsync("1000120", creditTermsDays: 15);
        await PlaceOrderAsync("1000120", unitPrice: 100m, category: "Lease");
        await AddAccountAsync("1000121");
        await PlaceOrderAsync("1000121", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var payer = await RegisterAsync("1000120", "lease@payer.example", PortalRole.Admin, Language.Fr);
        await LinkAsync(payer, "1000121");
        var bankId = await AddCanadianBankAccountAsync(payer);
        Task<Outcome<AutomaticDebit>> EnrolAsync(string number, bool accepts = true) =>
            InScopeAsync<LeaseDebits, Outcome<AutomaticDebit>>(l => l.EnrolAsync(payer, number, bankId, accepts, "127.0.0.1", CancellationToken.None));
        var outbox = Path.Combine(Path.GetTempPath(), $"facturo-outbox-{Guid.NewGuid():N}");

        var notLease = await EnrolAsync("1000121");
        var withoutAgreement = await EnrolAsync("1000120", accepts: false);
        var enrolled = await EnrolAsync("1000120");
        var twice = await EnrolAsync("1000120");
        MoveClockTo(2026, 11, 15);
        var dayBefore = await SendAsync(outbox);
        MoveClockTo(2026, 11, 16);
        var dueDay = await SendAsync(outbox);
        var nextDay = await SendAsync(outbox);
        Directory.Delete(outbox, recursive: true);

        Assert.Equal("Le débit automatique ne s'applique qu'aux factures de crédit-bail (location d'équipement), et le compte 1000121 n'en a pas. Payez ses factures dans Payer des factures.",
            notLease.Error?.Message(Language.Fr));
        Assert.Equal("payments.automatic-agreement-required", withoutAgreement.Error?.Code);
        Assert.True(enrolled.Succeeded, enrolled.Error?.Code);
        Assert.Equal("payments.automatic-already", twice.Error?.Code);
        Assert.Empty(dayBefore);
        var (batch, _) = Assert.Single(dueDay);
        Assert.Empty(nextDay);
        Assert.Contains("P000000001", await FileOfAsync(batch), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        var payment = await db.Payments.Include(p => p.Allocations).SingleAsync();
        Assert.Equal(("lease-1", 11_300L, 1L, PaymentStatus.SentToBank), (payment.IdempotencyKey, payment.AmountCents, payment.Allocations.Single().InvoiceId, payment.Status));
        var agreement = await db.DebitAuthorizations.SingleAsync(a => a.Id == payment.AuthorizationId);
        Assert.Equal(DebitScope.LeaseInvoicesOnDueDate, agreement.Scope);
        Assert.Contains("du total de chaque facture de crédit-bail du compte client 1000120", agreement.Text, StringComparison.Ordinal);
        var notice = await ReadEmailAsync("lease@payer.example", "Débit automatique P000000001");
        Assert.Contains("la facture F000000001 de 113,00", notice, StringComparison.Ordinal);
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_cancelled_automatic_debit_debits_nothing_more()
    {
        await AddAccountAsync("1000122", creditTermsDays: 15);
        await PlaceOrderAsync("1000122", unitPrice: 100m, category: "Lease");
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var payer = await RegisterAsync("1000122", "stop@payer.example", PortalRole.Admin);
        var bankId = await AddCanadianBankAccountAsync(payer);
        var enrolled = await InScopeAsync<LeaseDebits, Outcome<AutomaticDebit>>(l => l.EnrolAsync(payer, "1000122", bankId, true, "127.0.0.1", CancellationToken.None));

        var cancelled = await InScopeAsync<LeaseDebits, Outcome<AutomaticDebit>>(l => l.CancelAsync(payer, enrolled.Value!.Id, CancellationToken.None));
        MoveClockTo(2026, 11, 20);
        var submitted = await InScopeAsync<LeaseDebits, int>(l => l.SubmitDueAsync(CancellationToken.None));

        Assert.True(cancelled.Succeeded, cancelled.Error?.Code);
        Assert.Equal(0, submitted);
        await using var db = Database.NewContext();
        Assert.Empty(await db.Payments.ToListAsync());
        Assert.NotNull((await db.DebitAuthorizations.SingleAsync()).CancelledAt);
    }

    [Fact]
    public async Task A_return_file_naming_one_payment_twice_imports_nothing()
    {
        var admins = await BilledAccountsWithAdminsAsync(("1000113", "twice-a@cpa.example", Language.En), ("1000114", "twice-b@cpa.example", Language.En));
        foreach (var (admin, number) in new[] { (admins[0], "1000113"), (admins[1], "1000114") })
        {
            await SubmitAsync(admin, new PaymentRequest(number, ["F00000000" + (number == "1000113" ? "1" : "2")], null, await AddCanadianBankAccountAsync(admin), true, number, "127.0.0.1"));
        }
        var sent = Assert.Single((await RunBatchAsync()).Batches);
        var sameTwice = ReturnFiles.Cpa005Returns(sent.Content, "901", returnedSegments: 2).Replace("P000000002", "P000000001", StringComparison.Ordinal);

        var imported = await ImportReturnsAsync("twice.txt", sameTwice);

        Assert.Equal("bankfile.malformed", imported.Error?.Code);
        Assert.Contains("the same payment is returned twice", imported.Error!.Message(Language.En), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.All(await db.Payments.ToListAsync(), p => Assert.Equal(PaymentStatus.SentToBank, p.Status));
    }

    /// <summary>Links another customer account to the payer's business, as an admin's proof of ownership would.</summary>
    private async Task LinkAsync(PortalUser payer, string customerNumber)
    {
        await using var db = Database.NewContext();
        var account = await db.Accounts.SingleAsync(a => a.CustomerNumber == customerNumber);
        db.EnterpriseAccounts.Add(new EnterpriseAccount { EnterpriseId = payer.EnterpriseId, AccountId = account.Id, LinkedAt = Clock.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    private Task<IReadOnlyList<(DebitBatch Batch, string Path)>> SendAsync(string outbox) =>
        InScopeAsync<DebitBatches, IReadOnlyList<(DebitBatch Batch, string Path)>>(async b => (await b.SendAsync(outbox, null, CancellationToken.None)).Value!);

    [Fact]
    public async Task A_us_account_billed_in_dollars_us_is_debited_through_a_nacha_file()
    {
        await AddAccountAsync("1000098", currencyCode: "USD");
        await PlaceOrderAsync("1000098", unitPrice: 100m);
        MoveClockTo(2026, 11, 6);
        await BillAsync(October);
        var payer = await RegisterAsync("1000098", "us@batch.example", PortalRole.Admin);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.US, "Great Lakes Shipping Inc", null, null, "021000021", "123456789"), CancellationToken.None));
        var paid = await SubmitAsync(payer, new PaymentRequest("1000098", ["F000000001"], null, bank.Value!.Id, true, "us-1", "127.0.0.1"));

        var batch = Assert.Single((await RunBatchAsync()).Batches);

        Assert.True(paid.Succeeded, paid.Error?.Code);
        Assert.Equal((BankFileFormat.Nacha, "USD", 1, 11_300L), (batch.Format, batch.CurrencyCode, batch.DebitCount, batch.TotalCents));
        var lines = batch.Content.TrimEnd('\n').TrimEnd('\r').Split("\r\n");
        Assert.Equal(10, lines.Length);
        var entry = Assert.Single(lines, l => l.StartsWith('6'));
        Assert.Equal(("27", "021000021", "123456789        ", "0000011300", "P000000001     "), (entry[1..3], entry[3..12], entry[12..29], entry[29..39], entry[39..54]));
        Assert.Equal("261109", lines[1][69..75]);   // effective entry date: the next business day after Friday 6 November
        await using var check = Database.NewContext();
        Assert.Equal(PaymentStatus.SentToBank, (await check.Payments.SingleAsync()).Status);
        Assert.DoesNotContain(await check.DebitAuthorizations.Select(a => a.Kind).ToListAsync(), k => k != AuthorizationKind.AchCorporate);
    }

    [Fact]
    public async Task A_returned_us_debit_reverses_the_payment_emails_the_payer_and_waits_in_the_failed_payment_queue()
    {
        await AddAccountAsync("1000099", currencyCode: "USD");
        await PlaceOrderAsync("1000099", unitPrice: 100m);
        MoveClockTo(2026, 11, 6);
        await BillAsync(October);
        var payer = await RegisterAsync("1000099", "returned@batch.example", PortalRole.Admin, Language.Fr);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.US, "Great Lakes Shipping Inc", null, null, "021000021", "123456789"), CancellationToken.None));
        await SubmitAsync(payer, new PaymentRequest("1000099", ["F000000001"], null, bank.Value!.Id, true, "ret-1", "127.0.0.1"));
        var sent = Assert.Single((await RunBatchAsync()).Batches);
        var returnFile = ReturnFiles.NachaReturns(sent.Content, "R01");

        var malformed = await ImportReturnsAsync("bad.ach", returnFile.Replace("799R01", "799R0X", StringComparison.Ordinal)[..^1]);
        var imported = await ImportReturnsAsync("returns-20261109.ach", returnFile);
        var again = await ImportReturnsAsync("returns-20261109-copy.ach", returnFile);

        Assert.Equal("bankfile.malformed", malformed.Error?.Code);
        Assert.Equal("File refused, nothing was imported: line 10, record length: 93 characters instead of 94.", malformed.Error!.Message(Language.En));
        Assert.True(imported.Succeeded, imported.Error?.Code);
        Assert.Equal("returns.already-imported", again.Error?.Code);
        await using var check = Database.NewContext();
        var payment = await check.Payments.SingleAsync();
        Assert.Equal((PaymentStatus.Returned, "R01"), (payment.Status, payment.ReturnCode));
        var failed = await check.FailedPayments.SingleAsync();
        Assert.Equal((payment.Id, "R01", FailedPaymentStatus.Open), (failed.PaymentId, failed.ReasonCode, failed.Status));
        var receivable = await Ledger.Receivables.ForAccountAsync(check, payment.AccountId, Currency.Usd, new DateOnly(2026, 11, 9), CancellationToken.None);
        Assert.Equal((11_300L, 1L), (receivable.Balance.Cents, receivable.OpenInvoices.Single().InvoiceId));
        var email = await ReadEmailAsync("returned@batch.example", "Paiement P000000001 retourné");
        Assert.Contains("motif R01 : provision insuffisante", email, StringComparison.Ordinal);
        Assert.Contains("F000000001 sont de nouveau impayées", email, StringComparison.Ordinal);
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_debit_not_returned_within_ten_days_settles_into_cash_and_a_late_return_takes_it_back_out()
    {
        await AddAccountAsync("1000104", currencyCode: "USD");
        await PlaceOrderAsync("1000104", unitPrice: 100m);
        MoveClockTo(2026, 11, 6);
        await BillAsync(October);
        var payer = await RegisterAsync("1000104", "late@batch.example", PortalRole.Admin);
        var bank = await InScopeAsync<BankAccounts, Outcome<BankAccount>>(p => p.AddAsync(payer, new BankAccountForm(BankCountry.US, "Late Returns LLC", null, null, "021000021", "123456789"), CancellationToken.None));
        await SubmitAsync(payer, new PaymentRequest("1000104", ["F000000001"], null, bank.Value!.Id, true, "late-1", "127.0.0.1"));
        var sent = Assert.Single((await RunBatchAsync()).Batches);

        MoveClockTo(2026, 11, 15);
        var tooEarly = await SettleAsync();
        MoveClockTo(2026, 11, 17);
        var settled = await SettleAsync();
        var settledAgain = await SettleAsync();
        long Sum(List<Ledger.LedgerEntry> entries, Ledger.LedgerAccount account) => entries.Where(e => e.Account == account).Sum(e => e.AmountCents);
        List<Ledger.LedgerEntry> afterSettlement;
        await using (var db = Database.NewContext())
        {
            afterSettlement = await db.LedgerEntries.ToListAsync();
            Assert.Equal(PaymentStatus.Settled, (await db.Payments.SingleAsync()).Status);
        }
        var returned = await ImportReturnsAsync("late.ach", ReturnFiles.NachaReturns(sent.Content, "R29"));

        Assert.Equal((0, 1, 0), (tooEarly, settled, settledAgain));
        Assert.Equal((11_300L, 0L), (Sum(afterSettlement, Ledger.LedgerAccount.Cash), Sum(afterSettlement, Ledger.LedgerAccount.BankClearing)));
        Assert.True(returned.Succeeded, returned.Error?.Code);
        await using var check = Database.NewContext();
        var entries = await check.LedgerEntries.ToListAsync();
        Assert.Equal((0L, 0L, 11_300L), (Sum(entries, Ledger.LedgerAccount.Cash), Sum(entries, Ledger.LedgerAccount.BankClearing), Sum(entries, Ledger.LedgerAccount.AccountsReceivable)));
        Assert.Equal((PaymentStatus.Returned, "R29"), ((await check.Payments.SingleAsync()).Status, (await check.Payments.SingleAsync()).ReturnCode));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_returned_canadian_debit_read_from_a_cpa005_return_file_reverses_the_payment_and_lands_in_the_queue()
    {
        var admins = await BilledAccountsWithAdminsAsync(("1000110", "nsf@cpa.example", Language.Fr), ("1000111", "ok@cpa.example", Language.En));
        foreach (var (admin, number, key) in new[] { (admins[0], "1000110", "c1"), (admins[1], "1000111", "c2") })
        {
            await SubmitAsync(admin, new PaymentRequest(number, [], Money.Cad(11_300), await AddCanadianBankAccountAsync(admin), true, key, "127.0.0.1"));
        }
        var sent = Assert.Single((await RunBatchAsync()).Batches);
        var returnFile = ReturnFiles.Cpa005Returns(sent.Content, "901", returnedSegments: 1);

        var notAReason = await ImportReturnsAsync("bad.txt", ReturnFiles.Cpa005Returns(sent.Content, "450", returnedSegments: 1));
        var storedTypeSwapped = PaymentReturns.Read(ReturnFiles.Cpa005Returns(sent.Content, "905", returnedSegments: 1, reasonInStoredType: true));
        var imported = await ImportReturnsAsync("returns-cpa005.txt", returnFile);

        Assert.Equal("File refused, nothing was imported: line 2, transaction type: neither 450 nor the stored type '718' is a return reason 900–999.", notAReason.Error?.Message(Language.En));
        Assert.Equal(("905", 1L), (storedTypeSwapped.Value!.Returns.Single().ReasonCode, storedTypeSwapped.Value!.Returns.Single().PaymentId));
        Assert.True(imported.Succeeded, imported.Error?.Code);
        await using var check = Database.NewContext();
        Assert.Equal([(PaymentStatus.Returned, "901"), (PaymentStatus.SentToBank, null)],
            (await check.Payments.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Status, p.ReturnCode)));
        Assert.Equal(("901", FailedPaymentStatus.Open), ((await check.FailedPayments.SingleAsync()).ReasonCode, (await check.FailedPayments.SingleAsync()).Status));
        var receivable = await Ledger.Receivables.ForAccountAsync(check, (await check.Payments.OrderBy(p => p.Id).FirstAsync()).AccountId, Currency.Cad, new DateOnly(2026, 11, 9), CancellationToken.None);
        Assert.Equal(11_300L, receivable.Balance.Cents);
        var email = await ReadEmailAsync("nsf@cpa.example", "Paiement P000000001 retourné");
        Assert.Contains("motif 901 : provision insuffisante", email, StringComparison.Ordinal);
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    private Task<int> SettleAsync() => InScopeAsync<PaymentSettlement, int>(s => s.SettleDueAsync(CancellationToken.None));

    [Fact]
    public async Task A_return_file_naming_a_debit_that_was_never_sent_imports_nothing()
    {
        var payer = (await BilledAccountsWithAdminsAsync(("1000100", "never@batch.example", Language.En)))[0];
        var bankId = await AddCanadianBankAccountAsync(payer);
        await SubmitAsync(payer, new PaymentRequest("1000100", ["F000000001"], null, bankId, true, "n-1", "127.0.0.1"));
        var originator = new NachaOriginator("021000021", "BANK", "011000015", "FACTURO", "FACTURO", "1234567890", "INVOICES", "011000015");
        var submittedNotSent = Nacha.Write(originator, Clock.GetUtcNow(), 'A', "B0000001", new DateOnly(2026, 11, 2), 1,
            [new NachaDebit("021000021", "123456789", 11_300, "P000000001", "Client")]);

        var imported = await ImportReturnsAsync("returns.ach", ReturnFiles.NachaReturns(submittedNotSent, "R03"));

        Assert.Equal("Fichier refusé, rien n'a été importé : ligne 3, le débit retourné ne correspond à aucun paiement envoyé (référence ou montant).", imported.Error?.Message(Language.Fr));
        await using var db = Database.NewContext();
        Assert.Equal(PaymentStatus.Submitted, (await db.Payments.SingleAsync()).Status);
        Assert.Empty(await db.FailedPayments.ToListAsync());
        Assert.Empty(await db.BankFileImports.ToListAsync());
    }

    private Task<Outcome<BankFileImport>> ImportReturnsAsync(string name, string content) =>
        InScopeAsync<PaymentReturns, Outcome<BankFileImport>>(r => r.ImportAsync(name, content, CancellationToken.None));

    private async Task<(IReadOnlyList<DebitBatch> Batches, Exception? Failed)> RunBatchAsync()
    {
        try
        {
            var batches = await InScopeAsync<DebitBatches, IReadOnlyList<DebitBatch>>(async b => (await b.RunAsync(null, CancellationToken.None)).Value!);
            // The tests read the files as the bank gets them; they are stored encrypted.
            foreach (var batch in batches)
            {
                batch.Content = await FileOfAsync(batch);
            }
            return (batches, null);
        }
        catch (DbUpdateException exception)
        {
            return ([], exception);
        }
    }

    private Task<Outcome<Payment>> SubmitAsync(PortalUser payer, PaymentRequest request) =>
        InScopeAsync<SubmitPayment, Outcome<Payment>>(p => p.SubmitAsync(payer, request, CancellationToken.None));

    /// <summary>Each account gets one $113.00 invoice (F000000001, F000000002… in this order) and a registered admin.</summary>
    private async Task<PortalUser[]> BilledAccountsWithAdminsAsync(params (string CustomerNumber, string Email, Language Language)[] accounts)
    {
        foreach (var (number, _, _) in accounts)
        {
            await AddAccountAsync(number);
            await PlaceOrderAsync(number, unitPrice: 100m);
        }
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        var admins = new List<PortalUser>();
        foreach (var (number, email, language) in accounts)
        {
            admins.Add(await RegisterAsync(number, email, PortalRole.Admin, language));
        }
        return [.. admins];
    }

}

public sealed class PaymentRuleTestsOnSqlite() : PaymentRuleTests(DatabaseProvider.Sqlite);
public sealed class PaymentRuleTestsOnPostgres() : PaymentRuleTests(DatabaseProvider.Postgres);
