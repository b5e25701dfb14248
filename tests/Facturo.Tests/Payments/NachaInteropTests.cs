using System.Globalization;
using System.Text.Json;

namespace Facturo.Payments;

/// <summary>Facturo's NACHA files against nACH2, an implementation nobody on this team wrote.</summary>
public class NachaInteropTests
{
    private static readonly NachaOriginator Originator = new("021000021", "JPMORGAN CHASE", "011000015", "FACTURO POST",
        "FACTURO POST", "1234567890", "INVOICES", "011000015");

    private static readonly NachaDebit[] Debits =
    [
        new("021000021", "123456789", 11_300, "P000000001", "Great Lakes Shipping Inc"),
        new("011000015", "98765432109876543", 5_000, "P000012347", "Œuvres Zoë & Fils — Montréal"),
        new("021000021", "4444", 9_999_999_99, "P001000000", "Large Amount Corp"), // nACH2 refuses $10,000,000.00 and more (it counts the decimal point)
        new("011000015", "55555", 1, "P1234567890", "株式会社ヤマト"),
    ];

    [Fact]
    public async Task The_file_is_byte_for_byte_the_one_nach2_writes_and_blocks_to_ten_lines()
    {
        var createdAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5));   // Toronto time, as the batch writes it
        var effective = BankBusinessDays.UnitedStates.After(DateOnly.FromDateTime(createdAt.DateTime));

        var ours = Nacha.Write(Originator, createdAt, 'A', "B0000007", effective, 7, Debits);
        var theirs = await Cpa005InteropTests.NodeAsync("nacha.mjs", JsonSerializer.Serialize(new
        {
            immediateDestination = Originator.ImmediateDestination,
            immediateOrigin = Originator.ImmediateOrigin,
            // nACH2 is given the names as Facturo writes them (bank-safe capitals) and checks the layout around them.
            destinationName = BankFileName.From(Originator.DestinationName, 23).TrimEnd(),
            originName = BankFileName.From(Originator.OriginName, 23).TrimEnd(),
            createdAt = createdAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            fileIdModifier = "A",
            referenceCode = "B0000007",
            batchNumber = 7,
            companyName = BankFileName.From(Originator.CompanyName, 16).TrimEnd(),
            companyIdentification = Originator.CompanyIdentification,
            entryDescription = BankFileName.From(Originator.EntryDescription, 10).TrimEnd(),
            descriptiveDate = Nacha.DescriptiveDate(effective),
            originatingDfi = Originator.OriginatingDfi,
            effectiveEntryDate = effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            debits = Debits.Select(d => new { routing = d.Routing, accountNumber = d.AccountNumber, amount = d.AmountCents / 100m, identification = d.Identification, receivingCompany = BankFileName.From(d.ReceivingCompany, 22).TrimEnd() }),
        }));

        Assert.Equal(theirs, ours);
        Assert.EndsWith("\r\n", ours, StringComparison.Ordinal);
        var lines = ours[..^2].Split("\r\n");
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.Equal(Nacha.RecordLength, l.Length));
        Assert.Equal(["1", "5", "6", "6", "6", "6", "8", "9", "9", "9"], lines.Select(l => l[..1]));
        Assert.Equal("0006400006", lines[6][10..20]);
    }
}
