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
        new("021000021", "123456789", 11_300, "F000000001/1", "Great Lakes Shipping Inc"),
        new("011000015", "98765432109876543", 5_000, "F000000002/2", "Boston Parcel LLC"),
        new("021000021", "4444", 9_999_999_99, "F000000003/3", "Large Amount Corp"), // nACH2 refuses $10,000,000.00 and more (it counts the decimal point)
        new("011000015", "55555", 1, "F000000004/4", "Penny Co"),
    ];

    [Fact]
    public async Task The_file_is_byte_for_byte_the_one_nach2_writes_and_blocks_to_ten_lines()
    {
        var createdAt = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
        var effective = new DateOnly(2026, 11, 24);

        var ours = Nacha.Write(Originator, createdAt, 'A', "B0000007", effective, 7, Debits);
        var theirs = await Cpa005InteropTests.NodeAsync("nacha.mjs", JsonSerializer.Serialize(new
        {
            immediateDestination = Originator.ImmediateDestination,
            immediateOrigin = Originator.ImmediateOrigin,
            destinationName = Originator.DestinationName,
            originName = Originator.OriginName,
            createdAt = createdAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            fileIdModifier = "A",
            referenceCode = "B0000007",
            batchNumber = 7,
            companyName = Originator.CompanyName,
            companyIdentification = Originator.CompanyIdentification,
            entryDescription = Originator.EntryDescription,
            descriptiveDate = Nacha.DescriptiveDate(effective),
            originatingDfi = Originator.OriginatingDfi,
            effectiveEntryDate = effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            debits = Debits.Select(d => new { routing = d.Routing, accountNumber = d.AccountNumber, amount = d.AmountCents / 100m, identification = d.Identification, receivingCompany = d.ReceivingCompany }),
        }));

        Assert.Equal(theirs, ours);
        var lines = ours.Split("\r\n");
        Assert.Equal(10, lines.Length);
        Assert.All(lines, l => Assert.Equal(Nacha.RecordLength, l.Length));
        Assert.Equal(["1", "5", "6", "6", "6", "6", "8", "9", "9", "9"], lines.Select(l => l[..1]));
        Assert.Equal("0006400006", lines[6][10..20]);
    }
}
