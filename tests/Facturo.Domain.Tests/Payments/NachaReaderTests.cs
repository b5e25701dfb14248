using Facturo.Payments;

namespace Facturo.Domain.Tests.Payments;

public class NachaReaderTests
{
    private static readonly NachaOriginator Originator = new("021000021", "JPMORGAN CHASE", "011000015", "FACTURO POST", "FACTURO POST", "1234567890", "INVOICES", "011000015");

    private static string File(int count) => Nacha.Write(Originator, new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), 'A', "B0000001", new DateOnly(2026, 11, 24), 1,
        Enumerable.Range(1, count).Select(i => new NachaDebit(i % 2 == 0 ? "021000021" : "011000015", $"{9_000 + i}", 1_000 * i, $"F{i:D9}/{i}", $"Client {i}")).ToList());

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(7)]
    public void What_the_writer_writes_the_reader_reads_back_whole(int count)
    {
        var read = NachaReader.Read(File(count));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(Enumerable.Range(1, count).Select(i => ($"{9_000 + i}", 1_000L * i, $"F{i:D9}/{i}", $"01100001{i - 1:D7}")),
            read.Value!.Entries.Select(e => (e.AccountNumber, e.AmountCents, e.Identification, e.TraceNumber)));
    }

    [Fact]
    public void A_return_addenda_is_attached_to_its_entry_and_the_returned_debit_counted_on_the_debit_side()
    {
        var lines = File(1).TrimEnd('\n').TrimEnd('\r').Split("\r\n").ToList();
        lines[2] = "626" + lines[2][3..78] + "1" + lines[2][79..];
        lines.Insert(3, "799R01011000150000000      02100002Insufficient funds                          011000010000001");
        lines[4] = lines[4][..4] + "000002" + lines[4][10..20] + "000000001000" + "000000000000" + lines[4][44..];
        lines[5] = lines[5][..13] + "00000002" + lines[5][21..31] + "000000001000" + "000000000000" + lines[5][55..];
        lines.RemoveAt(lines.Count - 1);

        var read = NachaReader.Read(string.Join("\r\n", lines));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(new NachaReturn("R01", "011000150000000", "02100002", "Insufficient funds"), read.Value!.Entries.Single().Return);
    }

    [Fact]
    public void A_return_file_written_by_moov_io_is_read_as_the_bank_sends_it()
    {
        var read = NachaReader.Read(Sample("moov-return-WEB.ach"));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal([("26", "091400606", "123456789", 12_354L, "MjMxNDAwMjAtOGQ", "091000017611242", "R01", "091400600000001"),
                ("21", "091400606", "867530999999", 4_565L, "NmRjZTJmMzItMGN", "021000029461242", "R03", "091400600000003")],
            read.Value!.Entries.Select(e => (e.TransactionCode, e.Routing, e.AccountNumber, e.AmountCents, e.Identification, e.TraceNumber, e.Return!.ReasonCode, e.Return.OriginalTraceNumber)));
    }

    [Fact]
    public void A_notification_of_change_written_by_moov_io_is_read_with_its_change_code_and_corrected_data()
    {
        var read = NachaReader.Read(Sample("moov-cor-example.ach"));

        Assert.True(read.Succeeded, read.Error?.ToString());
        var entry = Assert.Single(read.Value!.Entries);
        Assert.Null(entry.Return);
        Assert.Equal(("21", "location #23", new NachaChange("C01", "121042880000001", "12104288", "1918171614")), (entry.TransactionCode, entry.Identification, entry.Change));
    }

    [Fact]
    public void A_returned_debit_counted_on_the_credit_side_is_refused()
    {
        var lines = Sample("moov-return-WEB.ach").Split('\n');
        lines[4] = lines[4][..20] + "000000000000" + "000000012354" + lines[4][44..];

        Assert.Equal(new BankFileError(5, "batch control total debit", "'000000000000' where 000000012354 must be"), NachaReader.Read(string.Join('\n', lines)).Error);
    }

    [Theory]
    [InlineData("R0X")]
    [InlineData("   ")]
    [InlineData("R48")]
    [InlineData("R00")]
    [InlineData("R86")]
    public void A_return_reason_that_is_not_in_the_nacha_table_is_refused_with_its_line(string reason)
    {
        var file = Sample("moov-return-WEB.ach").Replace("799R01", "799" + reason, StringComparison.Ordinal);

        Assert.Equal(new BankFileError(4, "return reason code", $"'{reason}' is not a NACHA return reason code (R01–R85)"), NachaReader.Read(file).Error);
    }

    [Theory]
    [InlineData("C00")]
    [InlineData("C14")]
    [InlineData("C61")]
    public void A_change_code_that_is_not_in_the_nacha_table_is_refused_with_its_line(string code)
    {
        var file = Sample("moov-cor-example.ach").Replace("798C01", "798" + code, StringComparison.Ordinal);

        Assert.Equal(new BankFileError(4, "change code", $"'{code}' is not a NACHA change code (C01–C13)"), NachaReader.Read(file).Error);
    }

    [Fact]
    public void Every_nacha_return_reason_and_change_code_has_words_in_french_and_english()
    {
        var reasons = Enumerable.Range(1, 85).Select(n => $"R{n:D2}").Where(ReturnReasons.IsNachaReason).ToList();
        var changes = Enumerable.Range(1, 13).Select(n => $"C{n:D2}").ToList();

        Assert.Equal(Enumerable.Range(1, 47).Concat(Enumerable.Range(50, 4)).Concat([61, 62]).Concat(Enumerable.Range(67, 11)).Concat(Enumerable.Range(80, 6)).Select(n => $"R{n:D2}"), reasons);
        Assert.All(reasons, code => Assert.DoesNotContain(code, ReturnReasons.Describe(code, french: true) + ReturnReasons.Describe(code, french: false), StringComparison.Ordinal));
        Assert.All(changes, code => Assert.True(ChangeCodes.IsKnown(code) && ChangeCodes.Describe(code, french: true) != ChangeCodes.Describe(code, french: false)));
    }

    [Fact]
    public void A_batch_without_its_control_record_is_refused_where_the_control_was_due()
    {
        var lines = Sample("moov-return-WEB.ach").Split('\n').ToList();
        lines.RemoveAt(4);
        lines.Add(new string('9', 94));

        Assert.Equal(new BankFileError(5, "batch control", "a batch header where the batch control of the batch at line 2 must be"), NachaReader.Read(string.Join('\n', lines)).Error);
    }

    [Fact]
    public void Entries_before_any_batch_header_are_refused()
    {
        var lines = Sample("moov-return-WEB.ach").Split('\n').ToList();
        lines.RemoveAt(1);
        lines.Add(new string('9', 94));

        Assert.Equal(new BankFileError(2, "batch header", "an entry where a batch header must open the batch"), NachaReader.Read(string.Join('\n', lines)).Error);
    }

    [Fact]
    public void A_file_without_its_file_control_record_is_refused()
    {
        var lines = Sample("moov-return-WEB.ach").Split('\n').ToList();
        lines[9] = new string('9', 94);

        Assert.Equal(new BankFileError(10, "file control", "the file ends without its file control record (9)"), NachaReader.Read(string.Join('\n', lines)).Error);
    }

    [Fact]
    public void A_file_not_blocked_in_tens_or_with_a_wrong_block_count_is_refused()
    {
        var unblocked = Sample("moov-cor-example.ach").TrimEnd('\n').Split('\n')[..^1];
        var wrongCount = Sample("moov-return-WEB.ach").Replace("9000002000001", "9000002000002", StringComparison.Ordinal);

        Assert.Equal(new BankFileError(9, "blocking", "9 records, where a NACHA file has a multiple of 10 (lines of nines fill the last block)"), NachaReader.Read(string.Join('\n', unblocked)).Error);
        Assert.Equal(new BankFileError(10, "file control block count", "'000002' where 000001 must be"), NachaReader.Read(wrongCount).Error);
    }

    private static string Sample(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payments", "Samples", name));

    [Fact]
    public void A_malformed_file_is_refused_with_the_line_and_the_field_at_fault()
    {
        var lines = File(3).Split("\r\n");
        string With(int line, int position, string text)
        {
            var copy = lines.ToArray();
            copy[line - 1] = copy[line - 1][..position] + text + copy[line - 1][(position + text.Length)..];
            return string.Join("\r\n", copy);
        }

        Assert.Equal("line 3, receiving DFI identification: '011000016' is not a routing number with its check digit", NachaReader.Read(With(3, 3, "011000016")).Error!.ToString());
        Assert.Equal("line 4, amount: '00000020X0' is not an amount in cents", NachaReader.Read(With(4, 29, "00000020X0")).Error!.ToString());
        Assert.Equal("batch control entry hash", NachaReader.Read(With(6, 10, "0000000001")).Error!.Field);
        Assert.Equal("file control total debit", NachaReader.Read(With(7, 31, "000000000001")).Error!.Field);
        Assert.Equal(new BankFileError(2, "record length", "93 characters instead of 94"), NachaReader.Read(string.Join("\r\n", lines.Select((l, i) => i == 1 ? l[..^1] : l))).Error);
    }
}
