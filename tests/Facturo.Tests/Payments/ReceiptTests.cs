using Facturo.Accounts;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Facturo.Payments;

/// <summary>EFTs, wires and cheques: recorded by staff or imported from a camt.054 file, applied by reference, the rest kept as unapplied cash.</summary>
public abstract class ReceiptTests(DatabaseProvider provider) : Portal.PortalTest(provider)
{
    [Fact]
    public async Task A_cheque_naming_two_invoices_pays_the_first_and_part_of_the_second()
    {
        await AddAccountAsync("1000130");
        await PlaceOrderAsync("1000130", unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
        MoveClockTo(2026, 11, 5);
        await PlaceOrderAsync("1000130", unitPrice: 100m);
        MoveClockTo(2026, 12, 1);
        await BillAsync(October.Next);

        var cheque = await RecordAsync(new ReceiptEntry(ReceiptMethod.Cheque, 15_000, "CAD", new DateOnly(2026, 12, 5), "Invoices F000000001 and F000000002", "CHQ-004512", "Client 130"));
        var again = await RecordAsync(new ReceiptEntry(ReceiptMethod.Cheque, 15_000, "CAD", new DateOnly(2026, 12, 5), "F000000001", "CHQ-004512"));

        Assert.True(cheque.Succeeded, cheque.Error?.Code);
        Assert.Equal([(1L, 11_300L), (2L, 3_700L)], cheque.Value!.Allocations.Select(a => (a.InvoiceId, a.AmountCents)));
        Assert.Equal(0, cheque.Value.UnappliedCents);
        Assert.Equal("A payment with bank reference CHQ-004512 is already recorded: nothing was added.", again.Error?.Message(Language.En));
        await using var db = Database.NewContext();
        var open = await Ledger.Receivables.ForAccountAsync(db, cheque.Value.AccountId!.Value, Currency.Cad, new DateOnly(2026, 12, 5), CancellationToken.None);
        Assert.Equal([(2L, 7_600L)], open.OpenInvoices.Select(o => (o.InvoiceId, o.Balance.Cents)));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_camt054_file_applies_credits_by_reference_keeps_the_rest_unapplied_and_skips_what_is_known()
    {
        await BilledAsync("1000131", "1000132");
        var first = Camt054([("EFT-1", "123.00", "F000000001"), ("EFT-2", "50.00", "no reference"), ("EFT-3", "20.00", "cust 1000132")]);
        var overlapping = Camt054([("EFT-3", "20.00", "cust 1000132"), ("EFT-4", "113.00", "F000000002")]);

        var malformed = await ImportAsync("bad.xml", first.Replace("<Amt Ccy=\"CAD\">50.00</Amt>", "<Amt Ccy=\"CAD\">50.001</Amt>", StringComparison.Ordinal));
        var imported = await ImportAsync("camt054-1.xml", first);
        var sameFile = await ImportAsync("camt054-1-copy.xml", first);
        var next = await ImportAsync("camt054-2.xml", overlapping);

        Assert.Equal("bankfile.malformed", malformed.Error?.Code);
        Assert.Contains("Amt", malformed.Error!.Message(Language.En), StringComparison.Ordinal);
        Assert.True(imported.Succeeded, imported.Error?.Code);
        Assert.Equal("returns.already-imported", sameFile.Error?.Code);
        Assert.Equal((1, 1), (next.Value!.Receipts.Count, next.Value.AlreadyRecorded));
        await using var db = Database.NewContext();
        var receipts = await db.Receipts.Include(r => r.Allocations).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["EFT-1", "EFT-2", "EFT-3", "EFT-4"], receipts.Select(r => r.BankReference));
        var accounts = await db.Accounts.ToDictionaryAsync(a => a.Id, a => a.CustomerNumber);
        Assert.Equal([("1000131", 1_000L), (null, 5_000L), ("1000132", 2_000L), ("1000132", 0L)],
            receipts.Select(r => (r.AccountId is { } id ? accounts[id] : null, r.UnappliedCents)));
        var account131 = accounts.Single(a => a.Value == "1000131").Key;
        Assert.Equal(1_000L, await Receipts.UnappliedCentsAsync(db, account131, Currency.Cad, CancellationToken.None));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task Staff_apply_unidentified_money_to_an_invoice_and_the_rest_becomes_that_customers_unapplied_cash()
    {
        await BilledAsync("1000133", "1000134");
        var unknown = (await RecordAsync(new ReceiptEntry(ReceiptMethod.Wire, 20_000, "CAD", new DateOnly(2026, 11, 20), "", "WIRE-77"))).Value!;
        var known = (await RecordAsync(new ReceiptEntry(ReceiptMethod.Eft, 1_000, "CAD", new DateOnly(2026, 11, 20), "", "EFT-9", CustomerNumber: "1000133"))).Value!;

        var tooMuch = await ApplyAsync(unknown.Id, "F000000002", 11_301);
        var otherCustomer = await ApplyAsync(known.Id, "F000000002", 500);
        var applied = await ApplyAsync(unknown.Id, "F000000002", 11_300);

        Assert.Equal("Le montant à appliquer doit être entre 0,01 et 113,00 (le moindre du solde de la facture et du montant non appliqué).", tooMuch.Error?.Message(Language.Fr));
        Assert.Equal("receipts.invoice-not-applicable", otherCustomer.Error?.Code);
        Assert.True(applied.Succeeded, applied.Error?.Code);
        Assert.Equal(8_700, applied.Value!.UnappliedCents);
        await using var db = Database.NewContext();
        var account134 = await db.Accounts.Where(a => a.CustomerNumber == "1000134").Select(a => a.Id).SingleAsync();
        Assert.Equal(8_700L, await Receipts.UnappliedCentsAsync(db, account134, Currency.Cad, CancellationToken.None));
        Assert.Equal(0L, await db.LedgerEntries.Where(e => e.Account == Ledger.LedgerAccount.UnappliedCash && e.CustomerAccountId == null).SumAsync(e => e.AmountCents));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task Two_staff_applying_the_same_money_at_once_cannot_apply_more_than_was_received()
    {
        await BilledAsync("1000135", "1000136");
        var wire = (await RecordAsync(new ReceiptEntry(ReceiptMethod.Wire, 20_000, "CAD", new DateOnly(2026, 11, 20), "", "WIRE-RACE"))).Value!;

        var outcomes = await Task.WhenAll(new[] { "F000000001", "F000000002" }.Select(invoice => ApplyAsync(wire.Id, invoice, 11_300)));

        Assert.Single(outcomes, o => o.Succeeded);
        await using var db = Database.NewContext();
        Assert.Equal(11_300L, await db.ReceiptAllocations.SumAsync(a => a.AmountCents));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    [Fact]
    public async Task A_credit_in_a_currency_the_biller_does_not_bill_refuses_the_file()
    {
        var euros = Camt054([("EFT-EUR", "10.00", "F000000001")]).Replace("Ccy=\"CAD\"", "Ccy=\"EUR\"", StringComparison.Ordinal);

        var imported = await ImportAsync("eur.xml", euros);

        Assert.Equal("bankfile.malformed", imported.Error?.Code);
        Assert.Contains("'EUR' is not a currency this biller bills in", imported.Error!.Message(Language.En), StringComparison.Ordinal);
        await using var db = Database.NewContext();
        Assert.Empty(await db.Receipts.ToListAsync());
    }

    [Fact]
    public async Task Staff_recording_a_cheque_of_150_5_record_150_50_and_apply_100_5_of_it_while_three_decimals_or_a_negative_change_nothing()
    {
        await BilledAsync("1000137", "1000138");
        await CreateStaffAsync("cheques@staff.example", Staff.StaffRole.BillingOperator);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(BaseAddress, "en-CA");
        await SignInAsStaffAsync(page, "cheques@staff.example");

        await page.GotoAsync("/admin/unapplied");
        var threeDecimals = await RecordChequeAsync(page, "150.505", AriaRole.Alert);
        var kept = (await page.Locator("#AmountReceived").InputValueAsync(), await page.Locator("#BankReference").InputValueAsync(), await page.Locator("#ReceivedOn").InputValueAsync());
        await using (var db = Database.NewContext())
        {
            Assert.Empty(await db.Receipts.ToListAsync());
        }
        var recorded = await RecordChequeAsync(page, "150.5", AriaRole.Status);
        var negative = await ApplyOnPageAsync(page, "-5", AriaRole.Alert);
        var applied = await ApplyOnPageAsync(page, "100.5", AriaRole.Status);
        var unapplied = await page.GetByTestId("unapplied").Locator("tbody tr").AllInnerTextsAsync();

        Assert.Equal("\"150.505\" can be read two ways (thousands or decimals): write the cents, for example 1234.00 or 1,234.00.", threeDecimals);
        Assert.Equal(("150.505", "CHQ-000150", "2026-11-03"), kept);
        Assert.Equal("Payment E000000001 recorded.", recorded);
        Assert.Equal("\"-5\" is negative: the amount must be more than zero.", negative);
        Assert.Equal("Applied to F000000001.", applied);
        Assert.Contains("$50.00", Assert.Single(unapplied), StringComparison.Ordinal);
        await using var check = Database.NewContext();
        var receipt = await check.Receipts.Include(r => r.Allocations).SingleAsync();
        Assert.Equal((15_050L, 10_050L), (receipt.AmountCents, receipt.Allocations.Single().AmountCents));
        await Infrastructure.LedgerAssertions.AssertBalancedAsync(Database);
    }

    private static async Task<string> RecordChequeAsync(IPage page, string amount, AriaRole outcome)
    {
        await page.Locator("details").First.EvaluateAsync("details => details.open = true");
        await page.Locator("#AmountReceived").FillAsync(amount);
        await page.Locator("#ReceivedOn").FillAsync("2026-11-03");
        await page.Locator("#BankReference").FillAsync("CHQ-000150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the payment" }).ClickAsync();
        return await page.GetByRole(outcome).InnerTextAsync();
    }

    private static async Task<string> ApplyOnPageAsync(IPage page, string amount, AriaRole outcome)
    {
        await page.Locator("#invoice-1").FillAsync("F000000001");
        await page.Locator("#amount-1").FillAsync(amount);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        return await page.GetByRole(outcome).InnerTextAsync();
    }

    /// <summary>One $113.00 invoice per account, F000000001 for the first, F000000002 for the second.</summary>
    private async Task BilledAsync(string first, string second)
    {
        await AddAccountAsync(first);
        await AddAccountAsync(second);
        await PlaceOrderAsync(first, unitPrice: 100m);
        MoveClockTo(2026, 10, 20);
        await PlaceOrderAsync(second, unitPrice: 100m);
        MoveClockTo(2026, 11, 1);
        await BillAsync(October);
    }

    private Task<Outcome<Receipt>> RecordAsync(ReceiptEntry entry) =>
        InScopeAsync<Receipts, Outcome<Receipt>>(r => r.RecordAsync(entry, "test", CancellationToken.None));

    private Task<Outcome<RemittanceImport>> ImportAsync(string name, string xml) =>
        InScopeAsync<Receipts, Outcome<RemittanceImport>>(r => r.ImportAsync(name, xml, CancellationToken.None));

    private Task<Outcome<Receipt>> ApplyAsync(long receiptId, string invoice, long cents) =>
        InScopeAsync<Receipts, Outcome<Receipt>>(r => r.ApplyAsync(receiptId, invoice, cents, CancellationToken.None));

    /// <summary>A bank's credit notification: one booked EFT entry per credit, with its unstructured remittance text.</summary>
    private static string Camt054(IEnumerable<(string BankReference, string Amount, string Remittance)> credits) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
          <BkToCstmrDbtCdtNtfctn>
            <GrpHdr><MsgId>MSG-{string.Concat(credits.Select(c => c.BankReference))}</MsgId><CreDtTm>2026-11-20T07:00:00-05:00</CreDtTm></GrpHdr>
            <Ntfctn>
              <Id>N1</Id>
              <CreDtTm>2026-11-20T07:00:00-05:00</CreDtTm>
              <Acct><Id><Othr><Id>00310815301002003</Id></Othr></Id><Ccy>CAD</Ccy></Acct>
        {string.Concat(credits.Select(c => $"""
                  <Ntry>
                    <Amt Ccy="CAD">{c.Amount}</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <Sts>BOOK</Sts>
                    <BookgDt><Dt>2026-11-20</Dt></BookgDt>
                    <ValDt><Dt>2026-11-20</Dt></ValDt>
                    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                    <NtryDtls><TxDtls>
                      <Refs><AcctSvcrRef>{c.BankReference}</AcctSvcrRef></Refs>
                      <RltdPties><Dbtr><Nm>Payer {c.BankReference}</Nm></Dbtr></RltdPties>
                      <RmtInf><Ustrd>{c.Remittance}</Ustrd></RmtInf>
                    </TxDtls></NtryDtls>
                  </Ntry>

        """))}
            </Ntfctn>
          </BkToCstmrDbtCdtNtfctn>
        </Document>
        """;
}

public sealed class ReceiptTestsOnSqlite() : ReceiptTests(DatabaseProvider.Sqlite);
public sealed class ReceiptTestsOnPostgres() : ReceiptTests(DatabaseProvider.Postgres);
