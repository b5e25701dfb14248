using System.Globalization;

using Facturo.Payments;

namespace Facturo.Domain.Tests.Payments;

public class Camt054ReaderTests
{
    private static string Notification(string entries, string version = "02") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.{version}">
          <BkToCstmrDbtCdtNtfctn>
            <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-11-23T07:00:00</CreDtTm></GrpHdr>
            <Ntfctn>
              <Id>N-1</Id>
              <Acct><Id><Othr><Id>1002003</Id></Othr></Id></Acct>
        {entries}
            </Ntfctn>
          </BkToCstmrDbtCdtNtfctn>
        </Document>
        """;

    private static string Credit(string amount, string details = "", string bookingDate = "<BookgDt><Dt>2026-11-23</Dt></BookgDt>") => $"""
              <Ntry>
                <Amt Ccy="CAD">{amount}</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                {bookingDate}
                <AcctSvcrRef>E-1</AcctSvcrRef>
                {details}
              </Ntry>
        """;

    private static int LineOf(string xml, string text) => xml[..xml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void The_bank_sample_gives_its_two_booked_credits_and_passes_over_the_fee_debit_and_the_pending_cheque()
    {
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payments", "Samples", "camt054-remittance.xml"));

        var read = Camt054Reader.Read(xml);

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal("CAMT054-20261123-000417", read.Value!.MessageId);
        Assert.Collection(read.Value.Credits,
            eft =>
            {
                Assert.Equal((11_300L, "CAD", new DateOnly(2026, 11, 23), "20261123EFT0000981/1", "Great Lakes Shipping Inc", "Eft"),
                    (eft.AmountCents, eft.Currency, eft.BookedOn, eft.BankReference, eft.PayerName, eft.Method));
                Assert.Equal(["F000000001"], eft.References);
                Assert.Equal(LineOf(xml, "<TxDtls>"), eft.Line);
            },
            wire =>
            {
                Assert.Equal((226_050L, "CAD", new DateOnly(2026, 11, 23), "LX2026112300044107", "Boston Parcel Canada Ltd", "Wire"),
                    (wire.AmountCents, wire.Currency, wire.BookedOn, wire.BankReference, wire.PayerName, wire.Method));
                Assert.Equal(["INV F000000002 F000000003 cust 1000003"], wire.References);
            });
    }

    [Fact]
    public void A_batch_deposit_gives_one_credit_per_transaction_whose_amounts_make_the_entry()
    {
        var details = """
                <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCHQ</Cd><SubFmlyCd>CCHQ</SubFmlyCd></Fmly></Domn></BkTxCd>
                <NtryDtls>
                  <Btch><NbOfTxs>3</NbOfTxs></Btch>
                  <TxDtls>
                    <Refs><ChqNb>101</ChqNb></Refs>
                    <AmtDtls><TxAmt><Amt Ccy="CAD">100.00</Amt></TxAmt></AmtDtls>
                    <RltdPties><Dbtr><Nm>Client Un</Nm></Dbtr></RltdPties>
                    <RmtInf><Ustrd>F000000011</Ustrd></RmtInf>
                  </TxDtls>
                  <TxDtls>
                    <Refs><AcctSvcrRef>CHQ-102</AcctSvcrRef></Refs>
                    <AmtDtls><TxAmt><Amt Ccy="CAD">0.50</Amt></TxAmt></AmtDtls>
                    <RmtInf><Strd><CdtrRefInf><Ref> 1000012 </Ref></CdtrRefInf></Strd><Ustrd>acompte</Ustrd></RmtInf>
                  </TxDtls>
                  <TxDtls>
                    <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                    <AmtDtls><TxAmt><Amt Ccy="CAD">24.75</Amt></TxAmt></AmtDtls>
                  </TxDtls>
                </NtryDtls>
        """;

        var read = Camt054Reader.Read(Notification(Credit("125.25", details)));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal([(10_000L, "E-1/1", "Client Un"), (50L, "CHQ-102", null), (2_475L, "E-1/3", null)],
            read.Value!.Credits.Select(c => (c.AmountCents, c.BankReference, c.PayerName)));
        Assert.All(read.Value.Credits, c => Assert.Equal("Cheque", c.Method));
        Assert.Equal(["1000012", "acompte"], read.Value.Credits[1].References);

        var wrongTotal = Camt054Reader.Read(Notification(Credit("125.26", details)));
        Assert.Equal(("Amt", "the entry's 12526 cents are not its transactions' total of 12525"), (wrongTotal.Error!.Field, wrongTotal.Error.Problem));
    }

    [Fact]
    public void Version_08_wraps_the_status_and_the_debtor_and_gives_transaction_amounts_directly()
    {
        var entry = """
              <Ntry>
                <Amt Ccy="USD">5000.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><DtTm>2026-11-23T23:59:59.123-05:00</DtTm></BookgDt>
                <BkTxCd><Prtry><Cd>INCOMING WIRE</Cd><Issr>BANK</Issr></Prtry></BkTxCd>
                <NtryDtls>
                  <TxDtls>
                    <Refs><EndToEndId>E2E-778</EndToEndId><UETR>5b7ed2a4-92b6-4c1b-9a3a-7a8e1c7d0f11</UETR></Refs>
                    <Amt Ccy="USD">5000.00</Amt>
                    <CdtDbtInd>CRDT</CdtDbtInd>
                    <RltdPties><Dbtr><Pty><Nm>Large Amount Corp</Nm></Pty></Dbtr></RltdPties>
                    <RmtInf><Strd><RfrdDocInf><Nb>F000000009</Nb></RfrdDocInf><AddtlRmtInf>customer 1000009</AddtlRmtInf></Strd></RmtInf>
                  </TxDtls>
                </NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="USD">7.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>INFO</Cd></Sts>
              </Ntry>
        """;

        var read = Camt054Reader.Read(Notification(entry, "08"));

        Assert.True(read.Succeeded, read.Error?.ToString());
        var credit = Assert.Single(read.Value!.Credits);
        Assert.Equal((500_000L, "USD", new DateOnly(2026, 11, 23), "E2E-778", "Large Amount Corp", "Wire"),
            (credit.AmountCents, credit.Currency, credit.BookedOn, credit.BankReference, credit.PayerName, credit.Method));
        Assert.Equal(["F000000009", "customer 1000009"], credit.References);
    }

    [Theory]
    [InlineData("1234.5", 123_450)]
    [InlineData("1234.56", 123_456)]
    [InlineData("7", 700)]
    [InlineData("0.01", 1)]
    [InlineData("12.500", 1_250)]
    [InlineData("9999999999999.99", 999_999_999_999_999)]
    public void An_amount_becomes_exact_cents(string amount, long cents)
    {
        var read = Camt054Reader.Read(Notification(Credit(amount)));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(cents, Assert.Single(read.Value!.Credits).AmountCents);
    }

    [Theory]
    [InlineData("0.001", "'0.001' has more than 2 decimals, which cents cannot hold")]
    [InlineData("-5.00", "'-5.00' is negative; CdtDbtInd gives the direction")]
    [InlineData("+5.00", "'+5.00' is not an amount")]
    [InlineData("12,50", "'12,50' is not an amount")]
    [InlineData("1e3", "'1e3' is not an amount")]
    [InlineData("5.", "'5.' is not an amount")]
    [InlineData("", "'' is not an amount")]
    [InlineData("0.00", "a credit of zero")]
    public void A_bad_amount_is_refused_on_its_line(string amount, string problem)
    {
        var xml = Notification(Credit(amount));

        Assert.Equal(new BankFileError(LineOf(xml, "<Amt "), "Amt", problem), Camt054Reader.Read(xml).Error);
    }

    [Fact]
    public void An_amount_needs_a_three_letter_currency()
    {
        Assert.Equal("the amount has no currency (Ccy)", Camt054Reader.Read(Notification(Credit("5.00").Replace(" Ccy=\"CAD\"", "", StringComparison.Ordinal))).Error!.Problem);
        Assert.Equal("currency 'cad' is not 3 capital letters", Camt054Reader.Read(Notification(Credit("5.00").Replace("CAD", "cad", StringComparison.Ordinal))).Error!.Problem);
    }

    [Fact]
    public void Any_amount_written_with_two_decimals_reads_back_as_its_cents()
    {
        var random = new Random(20261123);
        var amounts = Enumerable.Range(0, 200).Select(_ => random.NextInt64(1, 100_000_000_000)).Append(1).Append(99).Append(100).ToList();
        var entries = string.Concat(amounts.Select((cents, i) =>
            Credit((cents / 100).ToString(CultureInfo.InvariantCulture) + "." + (cents % 100).ToString("D2", CultureInfo.InvariantCulture))
                .Replace("E-1", $"E-{i}", StringComparison.Ordinal)));

        var read = Camt054Reader.Read(Notification(entries));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(amounts, read.Value!.Credits.Select(c => c.AmountCents));
    }

    [Fact]
    public void A_booked_credit_without_a_booking_date_is_refused_on_its_entry_line()
    {
        var xml = Notification(Credit("10.00") + Credit("20.00", bookingDate: "").Replace("E-1", "E-2", StringComparison.Ordinal));
        var secondEntry = LineOf(xml, "<Amt Ccy=\"CAD\">20.00") - 1;

        Assert.Equal(new BankFileError(secondEntry, "BookgDt", "a booked credit has no booking date"), Camt054Reader.Read(xml).Error);
    }

    [Fact]
    public void An_entry_without_its_direction_or_with_a_bad_booking_date_is_refused()
    {
        Assert.Equal("CdtDbtInd", Camt054Reader.Read(Notification(Credit("1.00").Replace("<CdtDbtInd>CRDT</CdtDbtInd>", "", StringComparison.Ordinal))).Error!.Field);
        Assert.Equal("'2026-11-31' is not a date (Dt yyyy-MM-dd or DtTm yyyy-MM-ddThh:mm:ss)",
            Camt054Reader.Read(Notification(Credit("1.00", bookingDate: "<BookgDt><Dt>2026-11-31</Dt></BookgDt>"))).Error!.Problem);
    }

    [Fact]
    public void A_credit_with_no_bank_reference_or_a_reference_used_twice_is_refused()
    {
        var noReference = Notification(Credit("1.00", "<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs></TxDtls></NtryDtls>")
            .Replace("<AcctSvcrRef>E-1</AcctSvcrRef>", "", StringComparison.Ordinal));
        var twice = Notification(Credit("1.00") + Credit("2.00"));

        Assert.Equal(new BankFileError(LineOf(noReference, "<TxDtls>"), "AcctSvcrRef", "no bank reference: neither the transaction's AcctSvcrRef or EndToEndId nor the entry's AcctSvcrRef"),
            Camt054Reader.Read(noReference).Error);
        Assert.Equal(("Refs", "bank reference 'E-1' is already the credit's on line 8"), (Camt054Reader.Read(twice).Error!.Field, Camt054Reader.Read(twice).Error!.Problem));
    }

    [Fact]
    public void A_dtd_is_refused_so_no_entity_can_read_a_file_or_expand()
    {
        var xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
              <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&secret;</MsgId></GrpHdr></BkToCstmrDbtCdtNtfctn>
            </Document>
            """;

        Assert.Equal(new BankFileError(2, "Document", "a DTD (<!DOCTYPE>) is refused in a bank file"), Camt054Reader.Read(xxe).Error);
    }

    [Fact]
    public void Only_a_camt_054_document_is_read()
    {
        var statement = Notification(Credit("1.00")).Replace("camt.054.001.02", "camt.053.001.02", StringComparison.Ordinal);
        var tooNew = Notification(Credit("1.00"), "09");

        Assert.Equal(new BankFileError(2, "Document", "<Document> in 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02' is not a camt.054.001.02 to .08 Document"),
            Camt054Reader.Read(statement).Error);
        Assert.Equal(("Document", 2), (Camt054Reader.Read(tooNew).Error!.Field, Camt054Reader.Read(tooNew).Error!.Line));
        Assert.Equal(("Document", 1), (Camt054Reader.Read("NACHA 101 021000021").Error!.Field, Camt054Reader.Read("NACHA 101 021000021").Error!.Line));
        Assert.Equal("BkToCstmrDbtCdtNtfctn", Camt054Reader.Read("""<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04"/>""").Error!.Field);
    }
}
