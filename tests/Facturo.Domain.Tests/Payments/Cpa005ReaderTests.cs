using Facturo.Payments;

namespace Facturo.Domain.Tests.Payments;

public class Cpa005ReaderTests
{
    private static readonly Cpa005Originator Originator = new("0123456789", "FACTURO POST", "Postes Facturo", "00310", "CAD", "815", "30800", "100200300");
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static List<Cpa005Debit> Debits(int count) => Enumerable.Range(1, count)
        .Select(i => new Cpa005Debit(718, 1_000 * i, Today.AddDays(i % 3), "815", "30800", $"{1_000_000 + i}", $"CLIENT {i}", $"F{i:D9}/{i}")).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(13)]
    public void What_the_writer_writes_the_reader_reads_back_whole(int count)
    {
        var debits = Debits(count);

        var read = Cpa005Reader.Read(Cpa005.Write(Originator, 42, Today, debits));

        Assert.True(read.Succeeded, read.Error?.ToString());
        Assert.Equal(("0123456789", 42, Today, "CAD"), (read.Value!.OriginatorId, read.Value.FileCreationNumber, read.Value.CreatedOn, read.Value.Currency));
        Assert.Equal(debits.Select(d => (d.TransactionCode, d.AmountCents, d.DueDate, d.Institution, d.Transit, d.AccountNumber, d.PayorName, d.CrossReference)),
            read.Value.Items.Select(i => (i.TransactionCode, i.AmountCents, i.Date, i.Institution, i.Transit, i.AccountNumber, i.PayorName, i.CrossReference)));
    }

    [Fact]
    public void A_malformed_file_is_refused_with_the_line_and_the_field_at_fault()
    {
        var records = Cpa005.Write(Originator, 42, Today, Debits(7)).TrimEnd('\r', '\n').Split("\r\n");
        string With(int line, int position, string text)
        {
            var copy = records.ToArray();
            copy[line - 1] = copy[line - 1][..position] + text + copy[line - 1][(position + text.Length)..];
            return string.Join("\r\n", copy);
        }

        Assert.Equal(new BankFileError(2, "record length", "1463 characters instead of 1464"), Cpa005Reader.Read(string.Join("\r\n", records.Select((r, i) => i == 1 ? r[..^1] : r))).Error);
        Assert.Equal("line 2, segment 1, amount: '00000X1000' is not an amount in cents", Cpa005Reader.Read(With(2, 24 + 3, "00000X1000")).Error!.ToString());
        Assert.Equal("line 3, segment 1, due date: '026400' is not a date 0YYDDD", Cpa005Reader.Read(With(3, 24 + 13, "026400")).Error!.ToString());
        Assert.Equal("line 2, segment 2, institution and transit: '181530800' is not 0 + 3 + 5 digits", Cpa005Reader.Read(With(2, 264 + 19, "1")).Error!.ToString());
        Assert.Equal(4, Cpa005Reader.Read(With(4, 24, "00000000099999")).Error!.Line);
        Assert.Equal("total value of debits", Cpa005Reader.Read(With(4, 24, "00000000099999")).Error!.Field);
        Assert.Equal("logical record count", Cpa005Reader.Read(With(3, 1, "000000009")).Error!.Field);
        Assert.Equal("the file ends without its trailer 'Z'", Cpa005Reader.Read(string.Join("\r\n", records[..^1])).Error!.Problem);
    }
}
