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
    public void A_return_addenda_is_attached_to_its_entry_and_counted_in_the_controls()
    {
        var lines = File(1).Split("\r\n").ToList();
        lines[2] = "626" + lines[2][3..78] + "1" + lines[2][79..];
        lines.Insert(3, "799R01011000150000000      02100002Insufficient funds                          011000010000001");
        lines[4] = lines[4][..4] + "000002" + lines[4][10..20] + "000000000000" + "000000001000" + lines[4][44..];
        lines[5] = lines[5][..13] + "00000002" + lines[5][21..31] + "000000000000" + "000000001000" + lines[5][55..];

        var read = NachaReader.Read(string.Join("\r\n", lines));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(new NachaReturn("R01", "011000150000000", "02100002", "Insufficient funds"), read.Value!.Entries.Single().Return);
    }

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
